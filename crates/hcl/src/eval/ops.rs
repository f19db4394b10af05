//! Unary and binary operators with Terraform's conversions: arithmetic and ordering convert
//! operands to numbers, logic to bools; `==` compares without conversion.

use super::{convert::to_bool, convert::to_number, err, EvalResult};
use crate::ast::{BinaryOp, UnaryOp};
use crate::value::Value;

pub(super) fn unary(op: UnaryOp, v: Value) -> EvalResult {
    if v.is_unknown() {
        return Ok(Value::Unknown);
    }
    match op {
        UnaryOp::Neg => match to_number(&v) {
            Some(n) => Ok(Value::Number(-n)),
            None => err(format!("cannot negate a {}", v.type_name())),
        },
        UnaryOp::Not => match to_bool(&v) {
            Some(b) => Ok(Value::Bool(!b)),
            None => err(format!("cannot apply ! to a {}", v.type_name())),
        },
    }
}

pub(super) fn binary(op: BinaryOp, l: Value, r: Value) -> EvalResult {
    use BinaryOp::*;
    match op {
        Eq | Ne => {
            if !l.is_known() || !r.is_known() {
                return Ok(Value::Unknown);
            }
            let same = values_equal(&l, &r);
            Ok(Value::Bool(if op == Eq { same } else { !same }))
        }
        And | Or => {
            if l.is_unknown() || r.is_unknown() {
                return Ok(Value::Unknown);
            }
            let (Some(a), Some(b)) = (to_bool(&l), to_bool(&r)) else {
                return err("logical operators need bool operands");
            };
            Ok(Value::Bool(if op == And { a && b } else { a || b }))
        }
        Lt | Le | Gt | Ge => {
            let Some((a, b)) = numbers(&l, &r)? else {
                return Ok(Value::Unknown);
            };
            Ok(Value::Bool(match op {
                Lt => a < b,
                Le => a <= b,
                Gt => a > b,
                _ => a >= b,
            }))
        }
        Add | Sub | Mul | Div | Mod => {
            let Some((a, b)) = numbers(&l, &r)? else {
                return Ok(Value::Unknown);
            };
            if b == 0.0 && matches!(op, Div | Mod) {
                return err("divide by zero");
            }
            let n = match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                Div => a / b,
                _ => a % b,
            };
            if n.is_finite() {
                Ok(Value::Number(n))
            } else {
                err("arithmetic result is not a finite number")
            }
        }
    }
}

/// Both operands as numbers; `None` if either is unknown.
fn numbers(l: &Value, r: &Value) -> Result<Option<(f64, f64)>, super::EvalError> {
    if l.is_unknown() || r.is_unknown() {
        return Ok(None);
    }
    match (to_number(l), to_number(r)) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        _ => err(format!(
            "arithmetic needs numbers, not {} and {}",
            l.type_name(),
            r.type_name()
        )),
    }
}

/// Structural equality without type conversion (`1 == "1"` is false).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| values_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && values_equal(v1, v2))
        }
        _ => a == b,
    }
}
