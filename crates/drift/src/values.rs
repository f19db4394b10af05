//! Value comparison between a state and the live side. v3 states hold every scalar as a
//! string, so `"600"` equals `600` and `"true"` equals `true`. Unless `strict`, null also
//! equals an empty string, list or map: providers write either for "unset", and reporting
//! `tags: null → {}` as drift is noise. Strict mode is the raw comparison.

use serde_json::Value;

pub fn same(a: &Value, b: &Value, strict: bool) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s)) => {
            s.parse::<f64>().ok() == n.as_f64()
        }
        (Value::String(s), Value::Bool(v)) | (Value::Bool(v), Value::String(s)) => {
            s == if *v { "true" } else { "false" }
        }
        (Value::Null, v) | (v, Value::Null) if !strict && is_empty(v) => true,
        // Lists of objects are nested blocks, which the AWS provider mostly keeps as sets
        // (security group rules): their order in state follows a hash, not the cloud's order.
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() && all_objects(x) => {
            same_unordered(x, y, strict)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b, strict))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, w, strict)))
        }
        _ => a == b,
    }
}

fn all_objects(x: &[Value]) -> bool {
    !x.is_empty() && x.iter().all(Value::is_object)
}

/// Every element of `x` matches a distinct element of `y`.
fn same_unordered(x: &[Value], y: &[Value], strict: bool) -> bool {
    let mut used = vec![false; y.len()];
    x.iter().all(|a| {
        let hit = y
            .iter()
            .enumerate()
            .find(|(i, b)| !used[*i] && same(a, b, strict))
            .map(|(i, _)| i);
        hit.map(|i| used[i] = true).is_some()
    })
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

/// Does the value contain the redaction marker (a sensitive part we must not compare)?
pub fn has_redacted(v: &Value) -> bool {
    match v {
        Value::String(s) => s == orbis_state::REDACTED,
        Value::Array(a) => a.iter().any(has_redacted),
        Value::Object(m) => m.values().any(has_redacted),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v3_strings_equal_typed_scalars() {
        for strict in [true, false] {
            assert!(same(&json!("600"), &json!(600), strict));
            assert!(same(&json!("false"), &json!(false), strict));
            assert!(same(&json!({"a": ["1"]}), &json!({"a": [1.0]}), strict));
            assert!(!same(&json!("t3.nano"), &json!("t3.micro"), strict));
        }
        assert!(!same(&json!(null), &json!(""), true));
        assert!(same(&json!(null), &json!({}), false));
        assert!(same(&json!({"tags": null}), &json!({"tags": []}), false));
        assert!(!same(&json!(null), &json!(0), false));
    }

    #[test]
    fn nested_blocks_compare_as_sets() {
        let a = json!([{"from_port": 22, "cidr_blocks": ["10.0.0.0/8"]}, {"from_port": 443}]);
        let b = json!([{"from_port": 443}, {"from_port": 22, "cidr_blocks": ["10.0.0.0/8"]}]);
        assert!(same(&a, &b, false));
        assert!(same(&a, &b, true));
        let c = json!([{"from_port": 443}, {"from_port": 443}]);
        assert!(!same(&a, &c, false));
        assert!(!same(&c, &a, false));
        // Lists of scalars keep their order.
        assert!(!same(&json!(["a", "b"]), &json!(["b", "a"]), false));
    }
}
