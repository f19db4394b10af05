//! Turning rule values into findings. A conftest-style message is a string, or an object
//! with `msg` (or `message`) and optionally `address`/`resource`. When only a string is
//! given, a resource address at its start (`aws_s3_bucket.logs: …`) is picked up.

use serde_json::Value;

pub struct Message {
    pub text: String,
    pub address: Option<String>,
}

/// Messages of one `deny`/`warn` rule value (a set, an array, a single message, or
/// undefined/false for none).
pub fn messages(value: &Value) -> Vec<Message> {
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        Value::Null | Value::Bool(false) => Vec::new(),
        Value::Bool(true) => vec![Message {
            text: "denied".into(),
            address: None,
        }],
        other => one(other).into_iter().collect(),
    }
}

fn one(v: &Value) -> Option<Message> {
    match v {
        Value::String(s) => Some(Message {
            text: s.clone(),
            address: leading_address(s),
        }),
        Value::Object(o) => {
            let text = o
                .get("msg")
                .or_else(|| o.get("message"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string());
            let address = o
                .get("address")
                .or_else(|| o.get("resource"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| leading_address(&text));
            Some(Message { text, address })
        }
        Value::Null => None,
        other => Some(Message {
            text: other.to_string(),
            address: None,
        }),
    }
}

/// `aws_s3_bucket.logs: bucket is public` → `aws_s3_bucket.logs`.
fn leading_address(s: &str) -> Option<String> {
    let (head, _) = s.split_once(": ")?;
    let looks_like = head.contains('.')
        && !head.contains(' ')
        && head.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    looks_like.then(|| head.to_owned())
}
