//! Type conversion functions. Collections of mixed primitive types are unified the way
//! Terraform does: if strings are involved, everything becomes a string.

use super::super::{convert, err, EvalResult};
use super::sets::normalize_set;
use super::Args;
use crate::value::Value;

const NAMES: &[&str] = &["tolist", "toset", "tomap", "tonumber", "tostring", "tobool"];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

/// Converts primitives of mixed types in a collection to strings (Terraform's unification).
pub(super) fn unify(items: Vec<Value>) -> Vec<Value> {
    let mut kinds = items
        .iter()
        .filter(|v| !v.is_null() && !v.is_unknown())
        .map(Value::type_name);
    let Some(first) = kinds.next() else {
        return items;
    };
    if kinds.all(|k| k == first) {
        return items;
    }
    if items.iter().all(|v| {
        matches!(
            v,
            Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null | Value::Unknown
        )
    }) {
        return items
            .into_iter()
            .map(|v| match &v {
                Value::Number(_) | Value::Bool(_) => {
                    convert::to_string_value(&v).map(Value::String).unwrap_or(v)
                }
                _ => v,
            })
            .collect();
    }
    items
}

pub(super) fn call(name: &str, mut a: Args) -> EvalResult {
    a.expect(1, 1)?;
    let v = a.take(0)?;
    match name {
        "tolist" => match v {
            Value::List(items) => Ok(Value::List(unify(items))),
            Value::Null => Ok(Value::Null),
            v => a.fail(format!("cannot convert a {} to a list", v.type_name())),
        },
        "toset" => match v {
            Value::List(items) => {
                if items.iter().any(Value::is_unknown) {
                    return Ok(Value::Unknown);
                }
                Ok(Value::List(normalize_set(unify(items))))
            }
            Value::Null => Ok(Value::Null),
            v => a.fail(format!("cannot convert a {} to a set", v.type_name())),
        },
        "tomap" => match v {
            Value::Map(m) => {
                let (keys, vals): (Vec<String>, Vec<Value>) = m.into_iter().unzip();
                Ok(Value::Map(keys.into_iter().zip(unify(vals)).collect()))
            }
            Value::Null => Ok(Value::Null),
            v => a.fail(format!("cannot convert a {} to a map", v.type_name())),
        },
        "tonumber" => match v {
            Value::Null => Ok(Value::Null),
            v => match convert::to_number(&v) {
                Some(n) => Ok(Value::Number(n)),
                None => a.fail("cannot convert to number"),
            },
        },
        "tostring" => match v {
            Value::Null => Ok(Value::Null),
            v => match convert::to_string_value(&v) {
                Some(s) => Ok(Value::String(s)),
                None => a.fail(format!("cannot convert a {} to a string", v.type_name())),
            },
        },
        "tobool" => match v {
            Value::Null => Ok(Value::Null),
            v => match convert::to_bool(&v) {
                Some(b) => Ok(Value::Bool(b)),
                None => a.fail("cannot convert to bool"),
            },
        },
        _ => err(format!("unknown function {name}")),
    }
}
