//! Set functions. Sets are lists kept de-duplicated and in Terraform's order (sorted).

use super::super::{err, EvalResult};
use super::Args;
use crate::eval::ops::values_equal;
use crate::value::Value;

const NAMES: &[&str] = &["setunion", "setintersection", "setsubtract", "setproduct"];

pub(super) fn handles(name: &str) -> bool {
    NAMES.contains(&name)
}

/// Sorts and de-duplicates like a Terraform set: strings lexically, numbers numerically.
pub(crate) fn normalize_set(mut items: Vec<Value>) -> Vec<Value> {
    items.sort_by(compare);
    items.dedup_by(|a, b| values_equal(a, b));
    items
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

pub(super) fn call(name: &str, mut a: Args) -> EvalResult {
    let mut lists = Vec::new();
    for i in 0..a.len() {
        lists.push(a.list(i)?);
    }
    match name {
        "setunion" => Ok(Value::List(normalize_set(
            lists.into_iter().flatten().collect(),
        ))),
        "setintersection" => {
            let mut it = lists.into_iter();
            let Some(first) = it.next() else {
                return a.fail("needs at least one set");
            };
            let rest: Vec<Vec<Value>> = it.collect();
            let out = first
                .into_iter()
                .filter(|v| rest.iter().all(|l| l.iter().any(|x| values_equal(x, v))))
                .collect();
            Ok(Value::List(normalize_set(out)))
        }
        "setsubtract" => {
            a.expect(2, 2)?;
            let mut it = lists.into_iter();
            let (Some(x), Some(y)) = (it.next(), it.next()) else {
                return a.fail("needs two sets");
            };
            Ok(Value::List(normalize_set(
                x.into_iter()
                    .filter(|v| !y.iter().any(|w| values_equal(v, w)))
                    .collect(),
            )))
        }
        "setproduct" => {
            let mut acc: Vec<Vec<Value>> = vec![Vec::new()];
            for l in lists {
                let mut next = Vec::new();
                for prefix in &acc {
                    for v in &l {
                        let mut row = prefix.clone();
                        row.push(v.clone());
                        next.push(row);
                    }
                }
                if next.len() > 100_000 {
                    return a.fail("result too large");
                }
                acc = next;
            }
            Ok(Value::List(acc.into_iter().map(Value::List).collect()))
        }
        _ => err(format!("unknown function {name}")),
    }
}
