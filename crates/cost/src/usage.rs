//! Usage files: the infracost-usage.yml layout (`version`, `resource_type_default_usage`,
//! `resource_usage`), so users can reuse theirs. Values become JSON; a resource's usage is
//! its type defaults overlaid with its own entry, looked up by exact address, by address with
//! `[*]` for any instance key, then by address without instance keys.

use crate::error::CostError;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;
use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug, Clone, Default)]
pub struct UsageFile {
    pub type_defaults: BTreeMap<String, Map<String, Value>>,
    pub resources: BTreeMap<String, Map<String, Value>>,
}

/// The usage of one resource (empty when the file says nothing about it).
#[derive(Debug, Clone, Default)]
pub struct Usage(pub Map<String, Value>);

impl Usage {
    pub fn f64(&self, key: &str) -> Option<f64> {
        crate::input::get_path(&Value::Object(self.0.clone()), key).and_then(crate::input::number)
    }
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }
    pub fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }
    /// A nested usage map (`standard:` under an S3 bucket).
    pub fn child(&self, key: &str) -> Usage {
        match self.0.get(key) {
            Some(Value::Object(m)) => Usage(m.clone()),
            _ => Usage::default(),
        }
    }
}

impl UsageFile {
    pub fn load(path: &Path) -> Result<UsageFile, CostError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            CostError::new(
                "cost.usage_file",
                format!("cannot read usage file {}: {e}", path.display()),
                "check the --usage-file path",
            )
        })?;
        UsageFile::parse(&text).map_err(|msg| {
            CostError::new(
                "cost.usage_file",
                format!("{}: {msg}", path.display()),
                "the usage file follows the infracost-usage.yml layout: version, resource_usage, resource_type_default_usage",
            )
        })
    }

    pub fn parse(text: &str) -> Result<UsageFile, String> {
        let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
        let mut out = UsageFile::default();
        let Some(root) = docs.first() else {
            return Ok(out);
        };
        let Value::Object(root) = yaml_to_json(root, 0) else {
            return Err("the top level must be a mapping".into());
        };
        for (section, target) in [
            ("resource_type_default_usage", &mut out.type_defaults),
            ("resource_usage", &mut out.resources),
        ] {
            if let Some(Value::Object(entries)) = root.get(section) {
                for (name, v) in entries {
                    if let Value::Object(m) = v {
                        target.insert(name.clone(), m.clone());
                    }
                }
            }
        }
        Ok(out)
    }

    pub fn for_resource(&self, address: &str, resource_type: &str) -> Usage {
        let mut merged = self
            .type_defaults
            .get(resource_type)
            .cloned()
            .unwrap_or_default();
        let wildcard = wildcard_indexes(address);
        let plain = crate::input::strip_indexes(address);
        let own = self
            .resources
            .get(address)
            .or_else(|| self.resources.get(&wildcard))
            .or_else(|| self.resources.get(&plain));
        if let Some(own) = own {
            for (k, v) in own {
                merged.insert(k.clone(), v.clone());
            }
        }
        Usage(merged)
    }
}

/// `aws_x.y[3]` → `aws_x.y[*]` (the usage file's "every instance" form).
fn wildcard_indexes(address: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in address.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push_str("[*]");
                }
                depth += 1;
            }
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn yaml_to_json(y: &Yaml, depth: usize) -> Value {
    if depth > 64 {
        return Value::Null;
    }
    match y {
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(|i| yaml_to_json(i, depth + 1)).collect()),
        Yaml::Hash(h) => {
            let mut m = Map::new();
            for (k, v) in h {
                let key = match k {
                    Yaml::String(s) | Yaml::Real(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    _ => continue,
                };
                m.insert(key, yaml_to_json(v, depth + 1));
            }
            Value::Object(m)
        }
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_prefers_exact_then_wildcard_then_defaults() {
        let u = UsageFile::parse(
            "version: 0.1\nresource_type_default_usage:\n  aws_lambda_function:\n    monthly_requests: 5\n    request_duration_ms: 100\nresource_usage:\n  aws_lambda_function.f[*]:\n    monthly_requests: 7\n  aws_lambda_function.f[1]:\n    monthly_requests: 9\n",
        )
        .unwrap();
        assert_eq!(
            u.for_resource("aws_lambda_function.f[0]", "aws_lambda_function")
                .f64("monthly_requests"),
            Some(7.0)
        );
        assert_eq!(
            u.for_resource("aws_lambda_function.f[1]", "aws_lambda_function")
                .f64("monthly_requests"),
            Some(9.0)
        );
        assert_eq!(
            u.for_resource("aws_lambda_function.g", "aws_lambda_function")
                .f64("request_duration_ms"),
            Some(100.0)
        );
        assert!(UsageFile::parse("a: [").is_err());
    }
}
