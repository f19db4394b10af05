//! The attribute values risk rules read. Most types only need tags/labels, which are
//! deserialized alone (serde skips the rest of the tree without building it); network and
//! exposure rules need the whole value, parsed only for those types.

use crate::raw::Raw;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
struct TagsOnly {
    #[serde(default)]
    tags: Option<Value>,
    #[serde(default)]
    tags_all: Option<Value>,
    #[serde(default)]
    labels: Option<Value>,
}

pub struct Attrs {
    /// Whole value when parsed in full, else an object holding just the tag fields.
    pub value: Value,
}

impl Attrs {
    pub fn parse(raw: Option<&Raw>, full: bool) -> Attrs {
        let Some(raw) = raw else {
            return Attrs { value: Value::Null };
        };
        if full {
            return Attrs {
                value: serde_json::from_str(raw.get()).unwrap_or(Value::Null),
            };
        }
        // Cheap text check first: most values have no tag field worth a second scan.
        let text = raw.get();
        if !text.contains("\"tags") && !text.contains("\"labels\"") {
            return Attrs {
                value: Value::Object(serde_json::Map::new()),
            };
        }
        let tags: TagsOnly = serde_json::from_str(text).unwrap_or_default();
        let mut map = serde_json::Map::new();
        for (k, v) in [
            ("tags", tags.tags),
            ("tags_all", tags.tags_all),
            ("labels", tags.labels),
        ] {
            if let Some(v) = v {
                map.insert(k.to_owned(), v);
            }
        }
        Attrs {
            value: Value::Object(map),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }

    /// `Environment = prod` (any case, also `env`/`stage`/`environment` labels) → the value.
    pub fn production_tag(&self) -> Option<String> {
        for field in ["tags", "tags_all", "labels"] {
            let Some(map) = self.get(field).and_then(Value::as_object) else {
                continue;
            };
            for (k, v) in map {
                let key = k.to_ascii_lowercase();
                if !matches!(key.as_str(), "environment" | "env" | "stage" | "tier") {
                    continue;
                }
                if let Some(val) = v.as_str() {
                    let lower = val.to_ascii_lowercase();
                    if matches!(lower.as_str(), "prod" | "production" | "prd" | "live") {
                        return Some(format!("{k}={val}"));
                    }
                }
            }
        }
        None
    }
}
