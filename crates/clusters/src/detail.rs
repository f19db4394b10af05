//! One object's detail for the UI's detail pane: the full object from the reflector store (managed
//! fields and the last-applied annotation already stripped; Secret values never held) as YAML.
//! kube-rs has no YAML writer and the objects are plain JSON trees, so a small emitter here
//! writes the block style kubectl prints.

use crate::watch::{ClusterState, Kind};
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Event, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service,
};
use k8s_openapi::api::networking::v1::Ingress;
use kube::runtime::reflector::ObjectRef;
use kube::Resource;
use serde_json::Value;

/// What a Secret's values read as in a detail: the store never holds them.
pub const SECRET_VALUE_PLACEHOLDER: &str = "(value not loaded: reveal it explicitly)";

impl ClusterState {
    /// The ReplicaSets of `namespace` as the watcher holds them (a rollback's revisions).
    pub fn replica_sets(&self, namespace: &str) -> Vec<Value> {
        let Some(store) = self.store::<ReplicaSet>(Kind::ReplicaSet) else {
            return Vec::new();
        };
        store
            .state()
            .iter()
            .filter(|rs| rs.metadata.namespace.as_deref() == Some(namespace))
            .filter_map(|rs| serde_json::to_value(&**rs).ok())
            .collect()
    }

    /// The object of `kind` at `key` (`namespace/name`, or `name` for cluster-scoped kinds) as
    /// the watcher holds it, with `kind`/`apiVersion` set; `None` when the store has no such
    /// object (deleted since, or the kind is not watched).
    pub fn object(&self, kind: Kind, key: &str) -> Option<Value> {
        let (ns, name) = match key.split_once('/') {
            Some((ns, name)) => (Some(ns), name),
            None => (None, key),
        };
        fn get<K>(s: &ClusterState, kind: Kind, ns: Option<&str>, name: &str) -> Option<Value>
        where
            K: Resource + Clone + serde::Serialize + 'static,
            K::DynamicType: Eq + std::hash::Hash + Clone + Default,
        {
            let store = s.store::<K>(kind)?;
            let mut r = ObjectRef::<K>::new(name);
            if let Some(ns) = ns {
                r = r.within(ns);
            }
            let obj = store.get(&r)?;
            let mut v = serde_json::to_value(&*obj).ok()?;
            // List items carry no kind/apiVersion; a detail names them, as kubectl get -o yaml.
            if let Value::Object(map) = &mut v {
                let dt = K::DynamicType::default();
                let mut out = serde_json::Map::new();
                out.insert("apiVersion".into(), K::api_version(&dt).to_string().into());
                out.insert("kind".into(), K::kind(&dt).to_string().into());
                for (k, val) in std::mem::take(map) {
                    if k != "apiVersion" && k != "kind" {
                        out.insert(k, val);
                    }
                }
                *map = out;
            }
            Some(v)
        }
        let mut v = match kind {
            Kind::Namespace => get::<Namespace>(self, kind, None, name),
            Kind::Node => get::<Node>(self, kind, None, name),
            Kind::Pod => get::<Pod>(self, kind, ns, name),
            Kind::Deployment => get::<Deployment>(self, kind, ns, name),
            Kind::ReplicaSet => get::<ReplicaSet>(self, kind, ns, name),
            Kind::StatefulSet => get::<StatefulSet>(self, kind, ns, name),
            Kind::DaemonSet => get::<DaemonSet>(self, kind, ns, name),
            Kind::Job => get::<Job>(self, kind, ns, name),
            Kind::CronJob => get::<CronJob>(self, kind, ns, name),
            Kind::Service => get::<Service>(self, kind, ns, name),
            Kind::Ingress => get::<Ingress>(self, kind, ns, name),
            Kind::ConfigMap => get::<ConfigMap>(self, kind, ns, name),
            Kind::Secret => get::<Secret>(self, kind, ns, name),
            Kind::PersistentVolumeClaim => get::<PersistentVolumeClaim>(self, kind, ns, name),
            Kind::Event => get::<Event>(self, kind, ns, name),
        }?;
        // The watchers keep managed fields emptied (`[]`): not worth a line.
        if let Some(Value::Object(meta)) = v.get_mut("metadata") {
            meta.remove("managedFields");
        }
        if kind == Kind::Secret {
            // The store keeps keys with empty values; say so instead of showing "".
            if let Some(Value::Object(data)) = v.get_mut("data") {
                for val in data.values_mut() {
                    *val = SECRET_VALUE_PLACEHOLDER.into();
                }
            }
        }
        Some(v)
    }
}

/// `value` as block-style YAML (2-space indent, lists under their key as kubectl writes them).
/// Strings that YAML would read as something else (numbers, booleans, null, leading
/// indicators, `: `/` #`, newlines…) are double-quoted with JSON escapes, which YAML accepts.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => write_list(&mut out, a, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn is_block(v: &Value) -> bool {
    matches!(v, Value::Object(m) if !m.is_empty()) || matches!(v, Value::Array(a) if !a.is_empty())
}

fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        // The first entry of a map inside a list item continues the "- " line.
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key(k));
        out.push(':');
        write_value_after_key(out, v, indent);
    }
}

fn write_value_after_key(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_list(out, a, indent);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn write_list(out: &mut String, a: &[Value], indent: usize) {
    for v in a {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match v {
            Value::Object(m) if !m.is_empty() => write_map(out, m, indent + 2),
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_list(out, inner, indent + 2);
            }
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
        debug_assert!(!is_block(v) || out.ends_with('\n'));
    }
}

fn key(k: &str) -> String {
    if plain_ok(k) {
        k.to_string()
    } else {
        quoted(k)
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if plain_ok(s) => s.clone(),
        Value::String(s) => quoted(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whether a string can be written plain and still read back as the same string.
fn plain_ok(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Anything that looks like a number (ints, floats, hex, octal, .inf) stays a string.
    let first = s.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || first == '.' || ((first == '-' || first == '+') && s.len() > 1) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    !s.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_block_yaml_as_kubectl_does() {
        // Keys in sorted order, so the output is the same whether serde_json keeps insertion
        // order (its `preserve_order` feature, if some dependency turns it on) or sorts.
        let v = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"annotations": {}, "labels": {"app": "web"}, "name": "web-1"},
            "spec": {"containers": [{"args": ["--port", "8080"], "name": "web", "ports": [{"containerPort": 8080}]}]},
            "status": {"count": "17", "empty": "", "message": "a: b", "phase": "Running", "ready": true}
        });
        assert_eq!(
            to_yaml(&v),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: {}\n  labels:\n    app: web\n  name: web-1\nspec:\n  containers:\n  - args:\n    - \"--port\"\n    - \"8080\"\n    name: web\n    ports:\n    - containerPort: 8080\nstatus:\n  count: \"17\"\n  empty: \"\"\n  message: \"a: b\"\n  phase: Running\n  ready: true\n"
        );
    }

    #[test]
    fn quotes_what_yaml_would_misread() {
        for s in [
            "true",
            "No",
            "null",
            "1.5",
            "0x1F",
            "-1",
            "#x",
            "- a",
            "a #b",
            "multi\nline",
            " lead",
            "*ref",
            "{x}",
        ] {
            assert!(!plain_ok(s), "{s:?} must be quoted");
        }
        for s in [
            "web",
            "kube-system",
            "nginx:1.27",
            "https://x.example/a",
            "CrashLoopBackOff",
        ] {
            assert!(plain_ok(s), "{s:?} can be plain");
        }
    }
}
