//! Attribute access, indexing and splats on values.

use super::{convert::to_number, convert::to_string_value, err, EvalResult, Evaluator};
use crate::ast::Step;
use crate::value::Value;

pub(super) fn apply_steps(ev: &mut Evaluator, mut v: Value, steps: &[Step]) -> EvalResult {
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Attr(id) => v = get_attr(v, &id.name)?,
            Step::Index(e, _) => {
                let key = ev.try_eval(e)?;
                v = index(v, &key)?;
            }
            Step::Splat { steps: inner, .. } => {
                let items = match v {
                    Value::Unknown => return Ok(Value::Unknown),
                    Value::Null => Vec::new(),
                    Value::List(items) => items,
                    other => vec![other],
                };
                ev.charge(items.len() as u64)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(apply_steps(ev, item, inner)?);
                }
                // Steps after a splat apply to the whole list (the grammar folds them into the
                // splat, so this is normally empty).
                return apply_steps(ev, Value::List(out), &steps[i + 1..]);
            }
        }
    }
    Ok(v)
}

pub(crate) fn get_attr(v: Value, name: &str) -> EvalResult {
    match v {
        Value::Unknown => Ok(Value::Unknown),
        Value::Map(mut m) => match m.remove(name) {
            Some(x) => Ok(x),
            None => err(format!("unsupported attribute {name:?}")),
        },
        Value::Null => err(format!(
            "attempt to get attribute {name:?} from a null value"
        )),
        other => err(format!(
            "cannot get attribute {name:?} of a {}",
            other.type_name()
        )),
    }
}

pub(crate) fn index(v: Value, key: &Value) -> EvalResult {
    if key.is_unknown() {
        return Ok(Value::Unknown);
    }
    match v {
        Value::Unknown => Ok(Value::Unknown),
        Value::List(mut items) => {
            let Some(n) = to_number(key) else {
                return err("list index must be a number");
            };
            if n.fract() != 0.0 || n < 0.0 || n as usize >= items.len() {
                return err(format!(
                    "index {n} out of range for list of {}",
                    items.len()
                ));
            }
            Ok(items.swap_remove(n as usize))
        }
        Value::Map(mut m) => {
            let Some(k) = to_string_value(key) else {
                return err("map key must be a string");
            };
            match m.remove(&k) {
                Some(x) => Ok(x),
                None => err(format!("key {k:?} not found")),
            }
        }
        Value::Null => err("cannot index a null value"),
        other => err(format!("cannot index a {}", other.type_name())),
    }
}
