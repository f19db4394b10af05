//! Attribute-level before/after diff of one change, as readable paths
//! (`ingress[0].cidr_blocks[1]`). Works on redacted values: sensitive values show as the
//! redaction marker, and a sensitive value that changed is reported from the paths
//! recorded at load.

use crate::model::ResourceChange;
use crate::paths::{child_index, child_key};
use crate::redact::{parse_raw, REDACTED};
use serde::Serialize;
use serde_json::Value;

/// Shown for values Terraform only knows after apply.
pub const UNKNOWN: &str = "(known after apply)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributeDiff {
    pub path: String,
    pub change: DiffKind,
    /// Compact JSON of the old value; `None` when added.
    pub before: Option<String>,
    /// Compact JSON of the new value, or `(known after apply)`; `None` when removed.
    pub after: Option<String>,
}

const NULL: Value = Value::Null;

/// The attribute diff of a change (empty for no-op and read without values).
pub fn attribute_diff(change: &ResourceChange) -> Vec<AttributeDiff> {
    let parse =
        |r: &Option<crate::raw::Raw>| r.as_ref().and_then(|r| parse_raw(r)).unwrap_or(Value::Null);
    let before = parse(&change.before);
    let after = parse(&change.after);
    let unknown = parse(&change.after_unknown);
    let mut out = Vec::new();
    walk(&before, &after, &unknown, "", &mut out, 0);
    for p in &change.sensitive_changed_paths {
        if !out.iter().any(|d| &d.path == p) {
            out.push(AttributeDiff {
                path: p.clone(),
                change: DiffKind::Changed,
                before: Some(quoted(REDACTED)),
                after: Some(quoted(REDACTED)),
            });
        }
    }
    out
}

fn quoted(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

fn walk(
    before: &Value,
    after: &Value,
    unknown: &Value,
    path: &str,
    out: &mut Vec<AttributeDiff>,
    depth: usize,
) {
    if unknown == &Value::Bool(true) {
        out.push(AttributeDiff {
            path: path.to_owned(),
            change: if before.is_null() {
                DiffKind::Added
            } else {
                DiffKind::Changed
            },
            before: (!before.is_null()).then(|| before.to_string()),
            after: Some(UNKNOWN.to_owned()),
        });
        return;
    }
    if depth > 100 {
        return;
    }
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().collect();
            keys.extend(a.keys().filter(|k| !b.contains_key(*k)));
            keys.extend(
                unknown
                    .as_object()
                    .into_iter()
                    .flat_map(|u| u.keys())
                    .filter(|k| !b.contains_key(*k) && !a.contains_key(*k)),
            );
            for k in keys {
                let (bv, av) = (b.get(k).unwrap_or(&NULL), a.get(k).unwrap_or(&NULL));
                walk(
                    bv,
                    av,
                    unknown.get(k).unwrap_or(&NULL),
                    &child_key(path, k),
                    out,
                    depth + 1,
                );
            }
        }
        (Value::Array(b), Value::Array(a)) => {
            let len = b
                .len()
                .max(a.len())
                .max(unknown.as_array().map_or(0, Vec::len));
            for i in 0..len {
                let (bv, av) = (b.get(i).unwrap_or(&NULL), a.get(i).unwrap_or(&NULL));
                walk(
                    bv,
                    av,
                    unknown.get(i).unwrap_or(&NULL),
                    &child_index(path, i),
                    out,
                    depth + 1,
                );
            }
        }
        // One side is absent or null: list the other side's leaves so nested blocks read well.
        (Value::Null, a) if is_container(a) => {
            walk(&empty_like(a), a, unknown, path, out, depth + 1)
        }
        (b, Value::Null) if is_container(b) && !is_container(unknown) => {
            walk(b, &empty_like(b), unknown, path, out, depth + 1)
        }
        (b, a) if b == a => {}
        (b, a) => out.push(AttributeDiff {
            path: path.to_owned(),
            change: if b.is_null() {
                DiffKind::Added
            } else if a.is_null() {
                DiffKind::Removed
            } else {
                DiffKind::Changed
            },
            before: (!b.is_null()).then(|| b.to_string()),
            after: (!a.is_null()).then(|| a.to_string()),
        }),
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Object(_) | Value::Array(_))
}

fn empty_like(v: &Value) -> Value {
    match v {
        Value::Object(_) => Value::Object(Default::default()),
        _ => Value::Array(Vec::new()),
    }
}
