//! Terraform's implicit primitive conversions (string <-> number/bool).

use crate::value::{format_number, Value};

pub fn to_bool(v: &Value) -> Option<bool> {
    v.as_bool()
}

pub fn to_number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// The string form of a primitive (`1` -> `"1"`, `true` -> `"true"`); `None` otherwise.
pub fn to_string_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(format_number(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
