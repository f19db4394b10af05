//! Numeric functions.

use super::super::{err, EvalResult};
use super::Args;
use crate::value::Value;

const NAMES: &[&str] = &[
    "min", "max", "abs", "ceil", "floor", "pow", "signum", "log", "parseint",
];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

pub(super) fn call(name: &str, a: Args) -> EvalResult {
    let n = |v: f64| {
        if v.is_finite() {
            Ok(Value::Number(v))
        } else {
            a.fail("result is not a finite number")
        }
    };
    match name {
        "min" | "max" => {
            if a.len() == 0 {
                return a.fail("must have at least one argument");
            }
            let mut best = a.num(0)?;
            for i in 1..a.len() {
                let x = a.num(i)?;
                best = if name == "min" {
                    best.min(x)
                } else {
                    best.max(x)
                };
            }
            n(best)
        }
        "abs" => {
            a.expect(1, 1)?;
            n(a.num(0)?.abs())
        }
        "ceil" => {
            a.expect(1, 1)?;
            n(a.num(0)?.ceil())
        }
        "floor" => {
            a.expect(1, 1)?;
            n(a.num(0)?.floor())
        }
        "pow" => {
            a.expect(2, 2)?;
            n(a.num(0)?.powf(a.num(1)?))
        }
        "signum" => {
            a.expect(1, 1)?;
            let x = a.num(0)?;
            n(if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            })
        }
        "log" => {
            a.expect(2, 2)?;
            n(a.num(0)?.ln() / a.num(1)?.ln())
        }
        "parseint" => {
            a.expect(2, 2)?;
            let base = a.int(1)?;
            if !(2..=62).contains(&base) {
                return a.fail("base must be a whole number between 2 and 62 inclusive");
            }
            let s = a.str(0)?;
            let (neg, digits) = match s.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, s.strip_prefix('+').unwrap_or(&s)),
            };
            if digits.is_empty() {
                return a.fail(format!("cannot parse {s:?} as a base {base} integer"));
            }
            let mut v: f64 = 0.0;
            for c in digits.chars() {
                let d = match c {
                    '0'..='9' => c as i64 - '0' as i64,
                    'a'..='z' if base <= 36 => c as i64 - 'a' as i64 + 10,
                    'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
                    'a'..='z' => c as i64 - 'a' as i64 + 10,
                    'A'..='Z' => c as i64 - 'A' as i64 + 36,
                    _ => base,
                };
                if d >= base {
                    return a.fail(format!("cannot parse {s:?} as a base {base} integer"));
                }
                v = v * base as f64 + d as f64;
            }
            n(if neg { -v } else { v })
        }
        _ => err(format!("unknown function {name}")),
    }
}
