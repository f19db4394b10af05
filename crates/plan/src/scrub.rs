//! Second redaction pass, by value. Terraform's sensitivity marks do not always follow a
//! value: e.g. `terraform_data.output` copies a sensitive `input` without being marked, and
//! a sensitive variable's value can reach unmarked attributes. Every value redacted by a
//! mark is learnt here; any string anywhere in the document that contains one of them is
//! then redacted too.

use crate::raw::Raw;
use crate::redact::{parse_raw, to_raw, REDACTED};
use serde_json::Value;

/// Shorter values are not searched for: they would match unrelated text ("prod", "true").
pub const MIN_SECRET_LEN: usize = 6;

#[derive(Debug, Default)]
pub struct Secrets {
    /// JSON-escaped forms (as they appear inside raw JSON text), longest first.
    escaped: Vec<String>,
    plain: Vec<String>,
}

impl Secrets {
    /// Remembers the string and number leaves of a sensitive value.
    pub fn learn(&mut self, value: &Value) {
        match value {
            Value::String(s) => self.add(s.clone()),
            Value::Number(n) => self.add(n.to_string()),
            Value::Array(items) => items.iter().for_each(|v| self.learn(v)),
            Value::Object(map) => map.values().for_each(|v| self.learn(v)),
            Value::Bool(_) | Value::Null => {}
        }
    }

    fn add(&mut self, s: String) {
        if s.chars().count() < MIN_SECRET_LEN || s == REDACTED || self.plain.contains(&s) {
            return;
        }
        let quoted = Value::String(s.clone()).to_string();
        self.escaped.push(quoted[1..quoted.len() - 1].to_owned());
        self.plain.push(s);
    }

    pub fn is_empty(&self) -> bool {
        self.plain.is_empty()
    }

    /// Redacts strings containing a known secret; returns how many were redacted.
    pub fn scrub_raw(&self, raw: &mut Option<Raw>) -> usize {
        let Some(r) = raw.as_ref() else { return 0 };
        if self.is_empty() || !self.escaped.iter().any(|e| r.get().contains(e.as_str())) {
            return 0;
        }
        let Some(mut v) = parse_raw(r) else { return 0 };
        let n = self.scrub_value(&mut v);
        if n > 0 {
            *raw = Some(to_raw(&v));
        }
        n
    }

    pub fn scrub_value(&self, value: &mut Value) -> usize {
        match value {
            Value::String(s) if self.plain.iter().any(|p| s.contains(p.as_str())) => {
                *value = Value::String(REDACTED.to_owned());
                1
            }
            Value::Number(n) if self.plain.contains(&n.to_string()) => {
                *value = Value::String(REDACTED.to_owned());
                1
            }
            Value::Array(items) => items.iter_mut().map(|v| self.scrub_value(v)).sum(),
            Value::Object(map) => map.values_mut().map(|v| self.scrub_value(v)).sum(),
            _ => 0,
        }
    }
}
