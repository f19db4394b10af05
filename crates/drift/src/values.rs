//! Value comparison between a state and the live side. v3 states hold every scalar as a
//! string, so `"600"` equals `600` and `"true"` equals `true`; otherwise equality is exact.

use serde_json::Value;

pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s)) => {
            s.parse::<f64>().ok() == n.as_f64()
        }
        (Value::String(s), Value::Bool(v)) | (Value::Bool(v), Value::String(s)) => {
            s == if *v { "true" } else { "false" }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
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
        assert!(same(&json!("600"), &json!(600)));
        assert!(same(&json!("false"), &json!(false)));
        assert!(same(&json!({"a": ["1"]}), &json!({"a": [1.0]})));
        assert!(!same(&json!("t3.nano"), &json!("t3.micro")));
        assert!(!same(&json!(null), &json!("")));
    }
}
