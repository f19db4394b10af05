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
        _ => {
            if l.is_unknown() || r.is_unknown() {
                return Ok(Value::Unknown);
            }
            let (Some(a), Some(b)) = (to_number(&l), to_number(&r)) else {
                return err(format!(
                    "arithmetic needs numbers, not {} and {}",
                    l.type_name(),
                    r.type_name()
                ));
            };
            let n = match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                Div => {
                    if b == 0.0 {
                        return err("divide by zero");
                    }
                    a / b
                }
                Mod => {
                    if b == 0.0 {
                        return err("modulo by zero");
                    }
                    a % b
                }
                Lt => return Ok(Value::Bool(a < b)),
                Le => return Ok(Value::Bool(a <= b)),
                Gt => return Ok(Value::Bool(a > b)),
                Ge => return Ok(Value::Bool(a >= b)),
                Eq | Ne | And | Or => unreachable_op(),
            };
            if n.is_finite() {
                Ok(Value::Number(n))
            } else {
                err("arithmetic result is not a finite number")
            }
        }
    }
}

fn unreachable_op() -> f64 {
    // Handled in the arms above; kept total so no input can reach a panic.
    f64::NAN
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
