//! What an apply changes: the live object against the API server's dry-run result, field by
//! field. Pure. Fields the server owns (resourceVersion, managedFields, generation, uid,
//! creationTimestamp, status) are left out: they change on every write and say nothing about
//! what the user's file changes. Secret values are never shown, only that they change.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not in the cluster: the apply creates it.
    Created,
    /// In the cluster, and the apply changes these fields.
    Changed,
    /// Applying it changes nothing.
    Unchanged,
}

/// At most this many changed fields are listed per object; the rest are counted.
pub const MAX_CHANGES: usize = 60;
const MAX_VALUE: usize = 80;

const SERVER_OWNED: [&str; 6] = [
    "resourceVersion",
    "managedFields",
    "generation",
    "uid",
    "creationTimestamp",
    "selfLink",
];

/// The object without the fields the server owns.
fn comparable(object: &Value) -> Value {
    let mut o = object.clone();
    if let Some(map) = o.as_object_mut() {
        map.remove("status");
        if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            for f in SERVER_OWNED {
                meta.remove(f);
            }
            if let Some(ann) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
                ann.remove("kubectl.kubernetes.io/last-applied-configuration");
                if ann.is_empty() {
                    meta.remove("annotations");
                }
            }
        }
    }
    o
}

/// (outcome, changed fields as "path: old → new") of applying: `live` is the object now
/// (`None`: not there), `result` the dry-run's answer. For a created object the changes are
/// the top-level fields it will have.
pub fn diff(kind: &str, live: Option<&Value>, result: &Value) -> (Outcome, Vec<String>) {
    let secret = kind == "Secret";
    let after = comparable(result);
    let Some(live) = live else {
        let mut fields = Vec::new();
        if let Some(map) = after.as_object() {
            for (k, v) in map {
                if matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                    continue;
                }
                fields.push(format!("{k}: {}", describe(v, secret && is_secret_data(k))));
            }
        }
        return (Outcome::Created, fields);
    };
    let before = comparable(live);
    let mut changes = Vec::new();
    walk("", &before, &after, secret, &mut changes);
    if changes.is_empty() {
        return (Outcome::Unchanged, changes);
    }
    if changes.len() > MAX_CHANGES {
        let more = changes.len() - MAX_CHANGES;
        changes.truncate(MAX_CHANGES);
        changes.push(format!("… and {more} more changed fields"));
    }
    (Outcome::Changed, changes)
}

/// The fields that differ between two JSON documents, as "path: old → new" (values diffs,
/// e.g. between two Helm revisions' user-supplied values).
pub fn field_changes(before: &Value, after: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk("", before, after, false, &mut out);
    out
}

fn is_secret_data(top: &str) -> bool {
    matches!(top, "data" | "stringData")
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else if key.contains('.') || key.contains('/') {
        format!("{path}[\"{key}\"]")
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, before: &Value, after: &Value, secret: bool, out: &mut Vec<String>) {
    if before == after {
        return;
    }
    let hidden = secret && is_secret_data(path.split(['.', '[']).next().unwrap_or(""));
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (k, av) in a {
                let p = join(path, k);
                match b.get(k) {
                    Some(bv) => walk(&p, bv, av, secret, out),
                    None => out.push(format!(
                        "{p}: (none) → {}",
                        shown(av, hidden || (secret && is_secret_data(&p)))
                    )),
                }
            }
            for (k, bv) in b {
                if !a.contains_key(k) {
                    let p = join(path, k);
                    out.push(format!(
                        "{p}: {} → (removed)",
                        shown(bv, hidden || (secret && is_secret_data(&p)))
                    ));
                }
            }
        }
        (Value::Array(b), Value::Array(a)) if a.len() == b.len() => {
            for (i, (bv, av)) in b.iter().zip(a).enumerate() {
                walk(&format!("{path}[{i}]"), bv, av, secret, out);
            }
        }
        _ => out.push(format!(
            "{path}: {} → {}",
            shown(before, hidden),
            shown(after, hidden)
        )),
    }
}

fn shown(v: &Value, hidden: bool) -> String {
    if hidden {
        "(secret value)".to_string()
    } else {
        describe(v, false)
    }
}

/// A value in one short line: strings bare, the rest as compact JSON, cut at 80 characters.
fn describe(v: &Value, hidden: bool) -> String {
    if hidden {
        let n = v.as_object().map(|m| m.len()).unwrap_or(0);
        return format!("({n} secret values)");
    }
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > MAX_VALUE {
        let cut: String = text.chars().take(MAX_VALUE).collect();
        format!("{cut}…")
    } else {
        text
    }
}
