//! Collection functions (lists and maps).

use super::super::{convert::to_string_value, err, EvalResult, Limits};
use super::Args;
use crate::eval::ops::values_equal;
use crate::value::Value;
use std::collections::BTreeMap;

const NAMES: &[&str] = &[
    "length",
    "element",
    "concat",
    "merge",
    "lookup",
    "contains",
    "keys",
    "values",
    "flatten",
    "distinct",
    "compact",
    "zipmap",
    "range",
    "slice",
    "reverse",
    "sort",
    "index",
    "coalesce",
    "coalescelist",
    "one",
    "chunklist",
    "transpose",
    "matchkeys",
    "alltrue",
    "anytrue",
    "sum",
];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

pub(super) fn call(name: &str, mut a: Args, limits: &Limits) -> EvalResult {
    match name {
        "length" => {
            a.expect(1, 1)?;
            Ok(Value::Number(match a.get(0)? {
                Value::List(l) => l.len(),
                Value::Map(m) => m.len(),
                Value::String(s) => s.chars().count(),
                Value::Null => return a.fail("argument must not be null"),
                v => return a.fail(format!("cannot take the length of a {}", v.type_name())),
            } as f64))
        }
        "element" => {
            a.expect(2, 2)?;
            let i = a.int(1)?;
            let list = a.list(0)?;
            if list.is_empty() {
                return a.fail("cannot use element function with an empty list");
            }
            if i < 0 {
                return a.fail("cannot use element function with a negative index");
            }
            Ok(list[(i as usize) % list.len()].clone())
        }
        "concat" => {
            let mut out = Vec::new();
            for i in 0..a.len() {
                out.extend(a.list(i)?);
                if out.len() > limits.max_collection {
                    return a.fail("result too large");
                }
            }
            Ok(Value::List(out))
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for i in 0..a.len() {
                match a.take(i)? {
                    Value::Null => {}
                    Value::Map(m) => out.extend(m),
                    v => {
                        return a.fail(format!(
                            "arguments must be maps or objects, not {}",
                            v.type_name()
                        ))
                    }
                }
            }
            Ok(Value::Map(out))
        }
        "lookup" => {
            a.expect(2, 3)?;
            let key = a.str(1)?;
            let default = if a.len() == 3 { Some(a.take(2)?) } else { None };
            let m = a.map(0)?;
            match (m.get(&key), default) {
                (Some(v), _) => Ok(v.clone()),
                (None, Some(d)) => Ok(d),
                (None, None) => a.fail(format!("the given key {key:?} is not in the map")),
            }
        }
        "contains" => {
            a.expect(2, 2)?;
            let needle = a.take(1)?;
            let list = a.list(0)?;
            Ok(Value::Bool(list.iter().any(|v| values_equal(v, &needle))))
        }
        "keys" => {
            a.expect(1, 1)?;
            Ok(Value::List(
                a.map(0)?.into_keys().map(Value::String).collect(),
            ))
        }
        "values" => {
            a.expect(1, 1)?;
            Ok(Value::List(a.map(0)?.into_values().collect()))
        }
        "flatten" => {
            a.expect(1, 1)?;
            let mut out = Vec::new();
            if !flatten_into(a.list(0)?, &mut out, 0)? {
                return Ok(Value::Unknown);
            }
            Ok(Value::List(out))
        }
        "distinct" => {
            a.expect(1, 1)?;
            let mut out: Vec<Value> = Vec::new();
            // The argument is a list: a tuple of mixed primitives is unified first.
            for v in super::typeconv::unify(a.list(0)?) {
                if !out.iter().any(|o| values_equal(o, &v)) {
                    out.push(v);
                }
            }
            Ok(Value::List(out))
        }
        "compact" => {
            a.expect(1, 1)?;
            let mut out = Vec::new();
            for v in a.list(0)? {
                match v {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    Value::Unknown => return Ok(Value::Unknown),
                    v => match to_string_value(&v) {
                        Some(s) => out.push(Value::String(s)),
                        None => return a.fail("list elements must be strings"),
                    },
                }
            }
            Ok(Value::List(out))
        }
        "zipmap" => {
            a.expect(2, 2)?;
            let values = a.list(1)?;
            let keys = a.list(0)?;
            if keys.len() != values.len() {
                return a.fail("keys and values must have the same length");
            }
            let mut out = BTreeMap::new();
            for (k, v) in keys.into_iter().zip(values) {
                match k {
                    Value::Unknown => return Ok(Value::Unknown),
                    k => match to_string_value(&k) {
                        Some(k) => {
                            out.insert(k, v);
                        }
                        None => return a.fail("keys must be strings"),
                    },
                }
            }
            Ok(Value::Map(out))
        }
        "range" => range(a, limits),
        "slice" => {
            a.expect(3, 3)?;
            let (start, end) = (a.int(1)?, a.int(2)?);
            let list = a.list(0)?;
            if start < 0 || end < start || end as usize > list.len() {
                return a.fail("invalid slice indexes");
            }
            Ok(Value::List(list[start as usize..end as usize].to_vec()))
        }
        "reverse" => {
            a.expect(1, 1)?;
            let mut list = a.list(0)?;
            list.reverse();
            Ok(Value::List(list))
        }
        "sort" => {
            a.expect(1, 1)?;
            let mut strings = Vec::new();
            for v in a.list(0)? {
                match to_string_value(&v) {
                    Some(s) => strings.push(s),
                    None => return a.fail("list elements must be strings"),
                }
            }
            strings.sort();
            Ok(Value::List(
                strings.into_iter().map(Value::String).collect(),
            ))
        }
        "index" => {
            a.expect(2, 2)?;
            let needle = a.take(1)?;
            let list = a.list(0)?;
            match list.iter().position(|v| values_equal(v, &needle)) {
                Some(i) => Ok(Value::Number(i as f64)),
                None => a.fail("item not found"),
            }
        }
        "coalesce" => {
            // Arguments are unified to one type first (`coalesce(1, "a")` is `"1"`).
            for v in &super::typeconv::unify(a.values.clone()) {
                match v {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    Value::Unknown => return Ok(Value::Unknown),
                    v => return Ok(v.clone()),
                }
            }
            a.fail("no non-null, non-empty-string arguments")
        }
        "coalescelist" => {
            for v in &a.values {
                match v {
                    Value::List(l) if l.is_empty() => {}
                    Value::List(_) => return Ok(v.clone()),
                    _ => return a.fail("arguments must be lists"),
                }
            }
            a.fail("no non-empty list arguments")
        }
        "one" => {
            a.expect(1, 1)?;
            let list = a.list(0)?;
            match list.len() {
                0 => Ok(Value::Null),
                1 => Ok(list.into_iter().next().unwrap_or(Value::Null)),
                _ => a.fail("must be a list, set, or tuple value with either zero or one elements"),
            }
        }
        "chunklist" => {
            a.expect(2, 2)?;
            let size = a.int(1)?;
            let list = a.list(0)?;
            if size < 0 {
                return a.fail("the chunk size must not be negative");
            }
            if size == 0 {
                return Ok(Value::List(vec![Value::List(list)]));
            }
            Ok(Value::List(
                list.chunks(size as usize)
                    .map(|c| Value::List(c.to_vec()))
                    .collect(),
            ))
        }
        "transpose" => {
            a.expect(1, 1)?;
            let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for (k, v) in a.map(0)? {
                let Value::List(items) = v else {
                    return a.fail("values must be lists of strings");
                };
                for it in items {
                    match to_string_value(&it) {
                        Some(s) => out.entry(s).or_default().push(Value::String(k.clone())),
                        None => return a.fail("values must be lists of strings"),
                    }
                }
            }
            Ok(Value::Map(
                out.into_iter().map(|(k, v)| (k, Value::List(v))).collect(),
            ))
        }
        "matchkeys" => {
            a.expect(3, 3)?;
            let search = a.list(2)?;
            let keys = a.list(1)?;
            let values = a.list(0)?;
            if keys.len() != values.len() {
                return a.fail("length of keys and values should be equal");
            }
            Ok(Value::List(
                values
                    .into_iter()
                    .zip(keys)
                    .filter(|(_, k)| search.iter().any(|s| values_equal(s, k)))
                    .map(|(v, _)| v)
                    .collect(),
            ))
        }
        "alltrue" | "anytrue" => {
            a.expect(1, 1)?;
            let mut bools = Vec::new();
            for v in a.list(0)? {
                match super::super::convert::to_bool(&v) {
                    Some(b) => bools.push(b),
                    None => return a.fail("elements must be bools"),
                }
            }
            Ok(Value::Bool(if name == "alltrue" {
                bools.iter().all(|b| *b)
            } else {
                bools.iter().any(|b| *b)
            }))
        }
        "sum" => {
            a.expect(1, 1)?;
            let list = a.list(0)?;
            if list.is_empty() {
                return a.fail("cannot sum an empty list");
            }
            let mut total = 0.0;
            for v in list {
                match super::super::convert::to_number(&v) {
                    Some(n) => total += n,
                    None => return a.fail("elements must be numbers"),
                }
            }
            Ok(Value::Number(total))
        }
        _ => err(format!("unknown function {name}")),
    }
}

/// Flattens nested lists; `Ok(false)` if an unknown list hides how many elements there are.
fn flatten_into(
    items: Vec<Value>,
    out: &mut Vec<Value>,
    depth: usize,
) -> Result<bool, super::super::EvalError> {
    if depth > 64 {
        return err("flatten: nesting too deep");
    }
    for v in items {
        match v {
            Value::List(inner) => {
                if !flatten_into(inner, out, depth + 1)? {
                    return Ok(false);
                }
            }
            Value::Unknown => return Ok(false),
            v => out.push(v),
        }
    }
    Ok(true)
}

fn range(a: Args, limits: &Limits) -> EvalResult {
    a.expect(1, 3)?;
    let (start, end, step) = match a.len() {
        1 => (0.0, a.num(0)?, 1.0),
        2 => {
            let (s, e) = (a.num(0)?, a.num(1)?);
            (s, e, if e >= s { 1.0 } else { -1.0 })
        }
        _ => (a.num(0)?, a.num(1)?, a.num(2)?),
    };
    if step == 0.0 {
        return a.fail("step must not be zero");
    }
    if (step > 0.0 && end < start) || (step < 0.0 && end > start) {
        return a.fail("step has the wrong sign for the given start and limit");
    }
    let count = ((end - start) / step).ceil();
    if !count.is_finite() || count > limits.max_collection as f64 {
        return a.fail(format!("more than {} elements", limits.max_collection));
    }
    Ok(Value::List(
        (0..count as usize)
            .map(|i| Value::Number(start + step * i as f64))
            .collect(),
    ))
}
