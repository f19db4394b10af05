//! String functions.

use super::super::{err, EvalResult, Limits};
use super::{encoding::json_encode, Args};
use crate::value::{format_number, Value};

const NAMES: &[&str] = &[
    "format",
    "formatlist",
    "join",
    "split",
    "lower",
    "upper",
    "title",
    "replace",
    "substr",
    "trimspace",
    "trim",
    "trimprefix",
    "trimsuffix",
    "startswith",
    "endswith",
    "strrev",
    "chomp",
    "indent",
    "regex",
    "regexall",
    "strcontains",
];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

pub(super) fn call(name: &str, mut a: Args, limits: &Limits) -> EvalResult {
    let s = |v: String| Ok(Value::String(v));
    match name {
        "format" => {
            a.expect(1, usize::MAX)?;
            let f = a.str(0)?;
            s(format_values(&f, &a.values[1..], limits)?)
        }
        "formatlist" => formatlist(a, limits),
        "join" => {
            a.expect(2, usize::MAX)?;
            let sep = a.str(0)?;
            let mut parts = Vec::new();
            for i in 1..a.len() {
                for v in a.list(i)? {
                    match super::super::convert::to_string_value(&v) {
                        Some(p) => parts.push(p),
                        None => return a.fail("list elements must be strings"),
                    }
                }
            }
            let out = parts.join(&sep);
            check_len(&out, limits)?;
            s(out)
        }
        "split" => {
            a.expect(2, 2)?;
            let (sep, text) = (a.str(0)?, a.str(1)?);
            let parts: Vec<Value> = if sep.is_empty() {
                text.chars().map(|c| Value::String(c.to_string())).collect()
            } else {
                text.split(sep.as_str()).map(Value::string).collect()
            };
            Ok(Value::List(parts))
        }
        "lower" => {
            a.expect(1, 1)?;
            s(map_case(&a.str(0)?, false))
        }
        "upper" => {
            a.expect(1, 1)?;
            s(map_case(&a.str(0)?, true))
        }
        "title" => {
            a.expect(1, 1)?;
            s(title(&a.str(0)?))
        }
        "replace" => {
            a.expect(3, 3)?;
            replace(&a.str(0)?, &a.str(1)?, &a.str(2)?, limits)
        }
        "substr" => {
            a.expect(3, 3)?;
            s(substr(&a.str(0)?, a.int(1)?, a.int(2)?))
        }
        "trimspace" => {
            a.expect(1, 1)?;
            s(a.str(0)?.trim().to_string())
        }
        "trim" => {
            a.expect(2, 2)?;
            let cut: Vec<char> = a.str(1)?.chars().collect();
            s(a.str(0)?.trim_matches(|c| cut.contains(&c)).to_string())
        }
        "trimprefix" => {
            a.expect(2, 2)?;
            let (t, p) = (a.str(0)?, a.str(1)?);
            s(t.strip_prefix(p.as_str()).unwrap_or(&t).to_string())
        }
        "trimsuffix" => {
            a.expect(2, 2)?;
            let (t, p) = (a.str(0)?, a.str(1)?);
            s(t.strip_suffix(p.as_str()).unwrap_or(&t).to_string())
        }
        "startswith" => {
            a.expect(2, 2)?;
            Ok(Value::Bool(a.str(0)?.starts_with(&a.str(1)?)))
        }
        "endswith" => {
            a.expect(2, 2)?;
            Ok(Value::Bool(a.str(0)?.ends_with(&a.str(1)?)))
        }
        "strcontains" => {
            a.expect(2, 2)?;
            Ok(Value::Bool(a.str(0)?.contains(&a.str(1)?)))
        }
        "strrev" => {
            a.expect(1, 1)?;
            s(a.str(0)?.chars().rev().collect())
        }
        "chomp" => {
            a.expect(1, 1)?;
            s(a.str(0)?.trim_end_matches(['\n', '\r']).to_string())
        }
        "indent" => {
            a.expect(2, 2)?;
            let n = a.int(0)?.clamp(0, 1024) as usize;
            let pad = " ".repeat(n);
            let out = a.str(1)?.replace('\n', &format!("\n{pad}"));
            check_len(&out, limits)?;
            s(out)
        }
        "regex" | "regexall" => regex_fn(name, a),
        _ => err(format!("unknown function {name}")),
    }
}

fn check_len(s: &str, limits: &Limits) -> Result<(), super::super::EvalError> {
    if s.len() > limits.max_string_bytes {
        return err("string result too large");
    }
    Ok(())
}

/// Case mapping one character at a time, like Go's `strings.ToUpper`: characters whose
/// mapping is more than one character (`ß` -> `SS`) are kept as they are.
fn map_case(t: &str, upper: bool) -> String {
    t.chars()
        .map(|c| {
            let mut m: Vec<char> = if upper {
                c.to_uppercase().collect()
            } else {
                c.to_lowercase().collect()
            };
            if m.len() == 1 {
                m.pop().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn title(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut prev_letter = false;
    for c in t.chars() {
        if !prev_letter && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

fn substr(t: &str, offset: i64, length: i64) -> String {
    let chars: Vec<char> = t.chars().collect();
    let n = chars.len() as i64;
    let start = if offset < 0 {
        (n + offset).max(0)
    } else {
        offset.min(n)
    };
    let end = if length < 0 {
        n
    } else {
        (start + length).min(n)
    };
    if start >= end {
        return String::new();
    }
    chars[start as usize..end as usize].iter().collect()
}

fn replace(t: &str, pat: &str, with: &str, limits: &Limits) -> EvalResult {
    let out = if pat.len() > 1 && pat.starts_with('/') && pat.ends_with('/') {
        let re = compile(&pat[1..pat.len() - 1])?;
        re.replace_all(t, with).into_owned()
    } else if pat.is_empty() {
        return Ok(Value::String(t.to_string()));
    } else {
        t.replace(pat, with)
    };
    check_len(&out, limits)?;
    Ok(Value::String(out))
}

fn compile(pattern: &str) -> Result<regex::Regex, super::super::EvalError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .or_else(|e| err(format!("invalid regular expression: {e}")))
}

fn regex_fn(name: &str, a: Args) -> EvalResult {
    a.expect(2, 2)?;
    let re = compile(&a.str(0)?)?;
    let text = a.str(1)?;
    let captures_to_value = |c: regex::Captures| -> Value {
        let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
        if names.is_empty() {
            return Value::String(c.get(0).map_or("", |m| m.as_str()).to_string());
        }
        if names.iter().any(Option::is_some) {
            let mut m = std::collections::BTreeMap::new();
            for n in names.into_iter().flatten() {
                m.insert(
                    n.to_string(),
                    c.name(n).map_or(Value::Null, |x| Value::string(x.as_str())),
                );
            }
            return Value::Map(m);
        }
        Value::List(
            (1..c.len())
                .map(|i| c.get(i).map_or(Value::Null, |x| Value::string(x.as_str())))
                .collect(),
        )
    };
    if name == "regex" {
        match re.captures(&text) {
            Some(c) => Ok(captures_to_value(c)),
            None => err("pattern did not match any part of the given string"),
        }
    } else {
        Ok(Value::List(
            re.captures_iter(&text).map(captures_to_value).collect(),
        ))
    }
}

fn formatlist(mut a: Args, limits: &Limits) -> EvalResult {
    a.expect(1, usize::MAX)?;
    let f = a.str(0)?;
    let mut n: Option<usize> = None;
    for v in &a.values[1..] {
        if let Value::List(items) = v {
            if n.is_some_and(|n| n != items.len()) {
                return a.fail("all list arguments must have the same length");
            }
            n = Some(items.len());
        }
    }
    let n = n.unwrap_or(1);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let row: Vec<Value> = a.values[1..]
            .iter()
            .map(|v| match v {
                Value::List(items) => items.get(i).cloned().unwrap_or(Value::Null),
                other => other.clone(),
            })
            .collect();
        out.push(Value::String(format_values(&f, &row, limits)?));
    }
    a.values.clear();
    Ok(Value::List(out))
}

/// Go-style `format`: verbs `%s %d %v %q %t %f %e %g %x %X %o %b %%`, flags `-+ 0#`,
/// width and precision, and explicit argument indexes `%[n]s`.
pub(crate) fn format_values(
    f: &str,
    args: &[Value],
    limits: &Limits,
) -> Result<String, super::super::EvalError> {
    let mut out = String::new();
    let mut chars = f.chars().peekable();
    let mut next_arg = 0usize;
    let mut explicit_index = false;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&fl) = chars.peek() {
            match fl {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                _ => break,
            }
            chars.next();
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            let digits: String =
                std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_digit())).collect();
            if chars.next() != Some(']') {
                return err("format: bad argument index");
            }
            next_arg = digits.parse::<usize>().unwrap_or(0).saturating_sub(1);
            explicit_index = true;
        }
        let width: String = std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_digit())).collect();
        spec.width = width.parse::<usize>().ok().map(|w| w.min(1024));
        if chars.peek() == Some(&'.') {
            chars.next();
            let p: String = std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_digit())).collect();
            spec.precision = Some(p.parse::<usize>().unwrap_or(0).min(100));
        }
        let Some(verb) = chars.next() else {
            return err("format: unterminated verb");
        };
        let Some(arg) = args.get(next_arg) else {
            return err("format: not enough arguments");
        };
        next_arg += 1;
        let body = format_one(verb, &spec, arg)?;
        pad(
            &mut out,
            &body,
            &spec,
            matches!(
                verb,
                'd' | 'f' | 'e' | 'g' | 'x' | 'X' | 'o' | 'b' | 'F' | 'E' | 'G'
            ),
        );
        if out.len() > limits.max_string_bytes {
            return err("format: result too large");
        }
    }
    if next_arg < args.len() && !explicit_index {
        return err(format!("format: too many arguments; only {next_arg} used"));
    }
    Ok(out)
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    zero: bool,
    space: bool,
    alt: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

fn format_one(verb: char, spec: &Spec, arg: &Value) -> Result<String, super::super::EvalError> {
    let num = || match arg {
        Value::Null => err("format: null value cannot be formatted"),
        v => super::super::convert::to_number(v)
            .map_or_else(|| err(format!("format: %{verb} needs a number")), Ok),
    };
    let signed = |n: f64, body: String| {
        if n >= 0.0 && spec.plus {
            format!("+{body}")
        } else if n >= 0.0 && spec.space {
            format!(" {body}")
        } else {
            body
        }
    };
    Ok(match verb {
        's' => {
            let s = match arg {
                Value::Null => return err("format: null value cannot be formatted"),
                v => match super::super::convert::to_string_value(v) {
                    Some(s) => s,
                    None => return err("format: %s needs a primitive value"),
                },
            };
            match spec.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            }
        }
        'v' => match arg {
            Value::String(s) => s.clone(),
            Value::Null => "null".to_string(),
            Value::List(_) | Value::Map(_) => json_encode(arg),
            v => super::super::convert::to_string_value(v).unwrap_or_default(),
        },
        'q' => match arg {
            Value::Null => return err("format: null value cannot be formatted"),
            v => match super::super::convert::to_string_value(v) {
                Some(s) => json_encode(&Value::String(s)),
                None => return err("format: %q needs a string"),
            },
        },
        't' => match super::super::convert::to_bool(arg) {
            Some(b) => b.to_string(),
            None => return err("format: %t needs a bool"),
        },
        'd' => {
            let n = num()?;
            if n.fract() != 0.0 {
                return err("format: %d needs a whole number");
            }
            signed(n, format!("{}", n as i128))
        }
        'f' | 'F' => {
            let n = num()?;
            signed(n, format!("{:.*}", spec.precision.unwrap_or(6), n))
        }
        'e' | 'E' => {
            let n = num()?;
            let s = go_exp(n, spec.precision.unwrap_or(6));
            signed(n, if verb == 'E' { s.to_uppercase() } else { s })
        }
        'g' | 'G' => {
            let n = num()?;
            signed(n, format_number(n))
        }
        'x' | 'X' | 'o' | 'b' => {
            let n = num()?;
            if n.fract() != 0.0 {
                return err(format!("format: %{verb} needs a whole number"));
            }
            let i = n as i128;
            let (neg, m) = (i < 0, i.unsigned_abs());
            let body = match verb {
                'x' => format!("{m:x}"),
                'X' => format!("{m:X}"),
                'o' => format!("{m:o}"),
                _ => format!("{m:b}"),
            };
            let body = if spec.alt && verb != 'b' {
                format!("{}{body}", if verb == 'o' { "0" } else { "0x" })
            } else {
                body
            };
            if neg {
                format!("-{body}")
            } else {
                body
            }
        }
        other => return err(format!("format: unsupported verb %{other}")),
    })
}

/// Go's `%e`: mantissa with `prec` decimals and an exponent of at least two digits.
fn go_exp(n: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, n);
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

fn pad(out: &mut String, body: &str, spec: &Spec, numeric: bool) {
    let len = body.chars().count();
    let Some(w) = spec.width.filter(|w| *w > len) else {
        out.push_str(body);
        return;
    };
    let fill = w - len;
    if spec.left {
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero && numeric {
        let (sign, digits) = match body.chars().next() {
            Some(c @ ('-' | '+' | ' ')) => (Some(c), &body[1..]),
            _ => (None, body),
        };
        if let Some(c) = sign {
            out.push(c);
        }
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(body);
    }
}
