//! Secret redaction. The values of the extra environment variables a run injects (tokens,
//! passwords) are replaced in every string before an event exists, so neither the caller,
//! the log nor the run history can see them. Parsed JSON is redacted value by value (never
//! the raw text, which a short secret could corrupt); non-JSON lines as text.

use serde_json::Value;

pub const MASK: &str = "(redacted)";

/// The secret values to hide, longest first so a secret containing another is hidden whole.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    pub fn new<I, S>(secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut secrets: Vec<String> = secrets
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets.dedup();
        Self { secrets }
    }

    pub fn text(&self, input: &str) -> String {
        let mut out = input.to_string();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), MASK);
            }
        }
        out
    }

    /// Redacts every string and object key of a JSON value in place.
    pub fn json(&self, value: &mut Value) {
        if self.secrets.is_empty() {
            return;
        }
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.json(v)),
            Value::Object(map) => {
                let entries = std::mem::take(map);
                for (k, mut v) in entries {
                    self.json(&mut v);
                    map.insert(self.text(&k), v);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_secrets_in_text_and_json_without_breaking_structure() {
        let r = Redactor::new(["hunter2", "e", ""]);
        assert_eq!(
            r.text("pw=hunter2!"),
            format!("pw={MASK}!").replace('e', MASK)
        );
        let mut v = serde_json::json!({"type": "log", "@message": "token hunter2"});
        r.json(&mut v);
        let text = v.to_string();
        assert!(!text.contains("hunter2"));
        // A one-letter secret still leaves the JSON well-formed (keys redacted too).
        assert!(serde_json::from_str::<Value>(&text).is_ok());
    }
}
