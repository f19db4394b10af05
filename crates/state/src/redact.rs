//! Redaction at read time (Architecture Invariant: sensitive values are redacted on load).
//! Both sensitive markers Terraform writes are understood: v4 `sensitive_attributes` (a list of
//! paths, each a list of `get_attr` / `index` steps) and show-json `sensitive_values` (a tree
//! mirroring the values with `true` at sensitive leaves).

use serde_json::Value;

/// What replaces a sensitive value everywhere (the same text as orbis-plan uses).
pub const REDACTED: &str = "(sensitive value)";

/// One step of a path into an attribute tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Attr(String),
    Index(Value),
}

/// Parses v4 `sensitive_attributes` into step lists; malformed entries are skipped (and the
/// caller redacts conservatively: see `read`).
pub fn v4_paths(sensitive: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    for path in sensitive.as_array().into_iter().flatten() {
        let mut steps = Vec::new();
        for step in path.as_array().into_iter().flatten() {
            match step.get("type").and_then(Value::as_str) {
                Some("get_attr") => {
                    if let Some(name) = step.get("value").and_then(Value::as_str) {
                        steps.push(Step::Attr(name.to_string()));
                    }
                }
                Some("index") => {
                    // `{"value": <key>, "type": "number"|"string"}`.
                    let key = step
                        .get("value")
                        .map(|v| v.get("value").cloned().unwrap_or_else(|| v.clone()))
                        .unwrap_or(Value::Null);
                    steps.push(Step::Index(key));
                }
                _ => {}
            }
        }
        if !steps.is_empty() {
            out.push(steps);
        }
    }
    out
}

/// Replaces the value at `steps` (if present) with [`REDACTED`]; returns how many were replaced.
pub fn redact_path(root: &mut Value, steps: &[Step]) -> usize {
    let Some((first, rest)) = steps.split_first() else {
        return conceal(root);
    };
    // Raw v4 states wrap dynamically typed values as `{"value": …, "type": …}` while the
    // sensitive paths name the value inside: step through the wrapper.
    if is_dynamic_wrapper(root) {
        if let Some(inner) = root.get_mut("value") {
            return redact_path(inner, steps);
        }
    }
    let child = match (first, root) {
        (Step::Attr(name), Value::Object(m)) => m.get_mut(name),
        (Step::Index(Value::String(k)), Value::Object(m)) => m.get_mut(k),
        (Step::Index(i), Value::Array(a)) => i.as_u64().and_then(|i| a.get_mut(i as usize)),
        _ => None,
    };
    child.map_or(0, |c| redact_path(c, rest))
}

fn is_dynamic_wrapper(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 2 && m.contains_key("value") && m.contains_key("type"))
}

/// Redacts `value` wherever the mirror tree `marks` has `true`.
pub fn redact_marked(value: &mut Value, marks: &Value) -> usize {
    match (marks, value) {
        (Value::Bool(true), v) => conceal(v),
        (Value::Object(mm), Value::Object(vm)) => mm
            .iter()
            .filter_map(|(k, m)| vm.get_mut(k).map(|v| redact_marked(v, m)))
            .sum(),
        (Value::Array(ma), Value::Array(va)) => ma
            .iter()
            .zip(va.iter_mut())
            .map(|(m, v)| redact_marked(v, m))
            .sum(),
        _ => 0,
    }
}

/// Paths (`a.b[0]`) of the `true` leaves of a show-json `sensitive_values` tree.
pub fn marked_paths(marks: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_marks(marks, String::new(), &mut out);
    out
}

fn walk_marks(marks: &Value, at: String, out: &mut Vec<String>) {
    match marks {
        Value::Bool(true) if !at.is_empty() => out.push(at),
        Value::Object(m) => {
            for (k, v) in m {
                let p = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                walk_marks(v, p, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                walk_marks(v, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Display form of a step path: `a.b[0]["k"]`.
pub fn path_string(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Attr(n) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(n);
            }
            Step::Index(Value::String(k)) => s.push_str(&format!("[{k:?}]")),
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Replaces a whole value (null stays null: nothing to hide, and "unset" stays visible).
fn conceal(v: &mut Value) -> usize {
    if v.is_null() {
        return 0;
    }
    *v = Value::String(REDACTED.to_string());
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v4_paths_redact_nested_values() {
        let mut attrs =
            json!({"password": "hunter2", "list": [{"k": "s"}, {"k": "t"}], "m": {"a": "x"}});
        let paths = v4_paths(&json!([
            [{"type": "get_attr", "value": "password"}],
            [{"type": "get_attr", "value": "list"}, {"type": "index", "value": {"value": 1, "type": "number"}}, {"type": "get_attr", "value": "k"}],
            [{"type": "get_attr", "value": "m"}, {"type": "index", "value": {"value": "a", "type": "string"}}]
        ]));
        let n: usize = paths.iter().map(|p| redact_path(&mut attrs, p)).sum();
        assert_eq!(n, 3);
        assert_eq!(attrs["password"], REDACTED);
        assert_eq!(attrs["list"][0]["k"], "s");
        assert_eq!(attrs["list"][1]["k"], REDACTED);
        assert_eq!(attrs["m"]["a"], REDACTED);
        assert_eq!(path_string(&paths[1]), "list[1].k");
    }

    #[test]
    fn show_json_marks_redact_and_name_paths() {
        let mut v = json!({"a": "x", "b": ["p", "q"], "c": {"d": 1}});
        let marks = json!({"b": [false, true], "c": {"d": true}});
        assert_eq!(redact_marked(&mut v, &marks), 2);
        assert_eq!(v["b"][1], REDACTED);
        assert_eq!(v["c"]["d"], REDACTED);
        assert_eq!(
            marked_paths(&marks),
            vec!["b[1]".to_string(), "c.d".to_string()]
        );
    }
}
