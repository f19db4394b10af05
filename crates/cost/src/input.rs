//! A resource to price, whatever it came from (plan JSON or evaluated configuration):
//! its address, type, region and attribute values as JSON. Values not knowable offline
//! ("known after apply", data sources, unset variables) are the `UNKNOWN` marker, so a cost
//! model can say "unknown" instead of guessing.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Marker for a value that exists but is not known before apply.
pub const UNKNOWN_KEY: &str = "__orbis_unknown__";

pub fn unknown() -> Value {
    let mut m = Map::new();
    m.insert(UNKNOWN_KEY.to_string(), Value::Bool(true));
    Value::Object(m)
}

pub fn is_unknown(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.contains_key(UNKNOWN_KEY))
}

#[derive(Debug, Clone)]
pub struct ResourceInput {
    /// Full address with module path and instance key: `module.app.aws_instance.web[0]`.
    pub address: String,
    pub resource_type: String,
    /// Module path (`module.app`), empty at the root.
    pub module: String,
    /// Region or location (`us-east-1`, `westeurope`, `europe-west1`); `None` when unknown.
    pub region: Option<String>,
    pub values: Value,
}

impl ResourceInput {
    pub fn new(address: &str, resource_type: &str, region: Option<&str>, values: Value) -> Self {
        ResourceInput {
            address: address.to_string(),
            resource_type: resource_type.to_string(),
            module: module_of(address),
            region: region.map(str::to_string),
            values,
        }
    }

    /// `aws`, `azure`, `google` or the type's prefix.
    pub fn provider(&self) -> &str {
        provider_of(&self.resource_type)
    }

    /// The address without instance keys: the usage file may key on either form.
    pub fn address_without_index(&self) -> String {
        strip_indexes(&self.address)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        get_path(&self.values, key)
    }

    /// A known, non-null value at a dotted path (`root_block_device.0.volume_size`).
    pub fn known(&self, key: &str) -> Option<&Value> {
        self.get(key).filter(|v| !v.is_null() && !is_unknown(v))
    }

    pub fn is_unknown(&self, key: &str) -> bool {
        self.get(key).map(is_unknown).unwrap_or(false)
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.known(key).and_then(Value::as_str)
    }

    pub fn str_or<'a>(&'a self, key: &str, default: &'a str) -> &'a str {
        self.str(key).unwrap_or(default)
    }

    /// Numbers, also when written as strings (`"100"`), as Terraform coerces them.
    pub fn f64(&self, key: &str) -> Option<f64> {
        number(self.known(key)?)
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.known(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// Nested blocks: plan JSON and evaluated configuration both give a list of objects;
    /// a single object is accepted too.
    pub fn blocks(&self, key: &str) -> Vec<&Value> {
        blocks_of(self.known(key))
    }

    /// Tags (AWS `tags`/`tags_all`, Azure `tags`, GCP `labels`) with known string values.
    pub fn tags(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for key in ["tags_all", "tags", "labels"] {
            if let Some(Value::Object(m)) = self.known(key) {
                for (k, v) in m {
                    if let Some(s) = v.as_str() {
                        out.entry(k.clone()).or_insert_with(|| s.to_string());
                    }
                }
            }
        }
        out
    }
}

pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn blocks_of(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().filter(|i| i.is_object()).collect(),
        Some(o @ Value::Object(_)) if !is_unknown(o) => vec![o],
        _ => Vec::new(),
    }
}

/// Dotted path lookup; numeric segments index arrays.
pub fn get_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for seg in path.split('.') {
        cur = match cur {
            Value::Object(m) => m.get(seg)?,
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

pub fn provider_of(resource_type: &str) -> &str {
    match resource_type.split('_').next().unwrap_or("") {
        "azurerm" | "azapi" => "azure",
        "google" => "google",
        other => other,
    }
}

/// `module.a.module.b.aws_x.y[0]` → `module.a.module.b`.
pub fn module_of(address: &str) -> String {
    let parts = split_address(address);
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < parts.len() && parts[i] == "module" {
        out.push(format!("module.{}", parts[i + 1]));
        i += 2;
    }
    out.join(".")
}

/// Splits on dots outside brackets (instance keys may hold dots: `["a.b"]`).
fn split_address(address: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        if depth == 0 && c != ']' {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
}

pub fn strip_indexes(address: &str) -> String {
    split_address(address).join(".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn module_and_index_are_split_from_addresses() {
        assert_eq!(
            module_of("module.a.module.b.aws_x.y[0]"),
            "module.a.module.b"
        );
        assert_eq!(module_of("aws_x.y"), "");
        assert_eq!(
            strip_indexes("module.a[\"k.1\"].aws_x.y[0]"),
            "module.a.aws_x.y"
        );
    }

    #[test]
    fn accessors_coerce_and_respect_unknowns() {
        let r = ResourceInput::new(
            "aws_ebs_volume.v",
            "aws_ebs_volume",
            Some("us-east-1"),
            json!({"size": "100", "iops": unknown(), "b": [{"x": 1}], "tags": {"Owner": "me"}}),
        );
        assert_eq!(r.f64("size"), Some(100.0));
        assert!(r.is_unknown("iops"));
        assert_eq!(r.f64("iops"), None);
        assert_eq!(r.f64("b.0.x"), Some(1.0));
        assert_eq!(r.tags().get("Owner").map(String::as_str), Some("me"));
        assert_eq!(r.provider(), "aws");
    }
}
