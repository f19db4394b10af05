//! Which sensitive values changed. Computed before redaction (the only moment both values
//! are visible) so a review can say "changed (sensitive)" without showing either side.

use crate::paths::{child_index, child_key};
use crate::redact::mask_has_sensitive;
use serde_json::Value;

const NULL: Value = Value::Null;

pub fn changed_sensitive_paths(
    before: &Value,
    after: &Value,
    before_mask: &Value,
    after_mask: &Value,
) -> Vec<String> {
    let mut out = Vec::new();
    walk(before, after, before_mask, after_mask, "", &mut out);
    out
}

fn walk(before: &Value, after: &Value, bm: &Value, am: &Value, path: &str, out: &mut Vec<String>) {
    if matches!(bm, Value::Bool(true)) || matches!(am, Value::Bool(true)) {
        if before != after {
            out.push(if path.is_empty() {
                "(whole value)".to_owned()
            } else {
                path.to_owned()
            });
        }
        return;
    }
    if !mask_has_sensitive(bm) && !mask_has_sensitive(am) {
        return;
    }
    match (bm, am) {
        (Value::Object(_), _) | (_, Value::Object(_)) => {
            let mut keys: Vec<&String> = Vec::new();
            for m in [bm, am] {
                if let Value::Object(map) = m {
                    keys.extend(map.keys().filter(|k| !keys.contains(k)).collect::<Vec<_>>());
                }
            }
            for k in keys {
                walk(
                    before.get(k.as_str()).unwrap_or(&NULL),
                    after.get(k.as_str()).unwrap_or(&NULL),
                    bm.get(k.as_str()).unwrap_or(&NULL),
                    am.get(k.as_str()).unwrap_or(&NULL),
                    &child_key(path, k),
                    out,
                );
            }
        }
        _ => {
            let len = [bm, am]
                .iter()
                .filter_map(|m| m.as_array().map(Vec::len))
                .max()
                .unwrap_or(0);
            for i in 0..len {
                walk(
                    before.get(i).unwrap_or(&NULL),
                    after.get(i).unwrap_or(&NULL),
                    bm.get(i).unwrap_or(&NULL),
                    am.get(i).unwrap_or(&NULL),
                    &child_index(path, i),
                    out,
                );
            }
        }
    }
}
