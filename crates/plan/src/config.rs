//! What the plan's `configuration` block tells the review: sensitive variables, sensitive
//! outputs, `prevent_destroy`, provider configurations. It is also redacted here: defaults
//! of sensitive variables and constant values of sensitive outputs are replaced.

use crate::raw::Raw;
use crate::redact::{conceal, parse_raw, to_raw, Secrets};
use serde_json::{Map, Value};

#[derive(Debug, Default)]
pub struct ConfigFacts {
    /// Root-module variables declared `sensitive = true` (those are the ones `variables` holds).
    pub sensitive_root_variables: Vec<String>,
    /// Resource addresses (module-prefixed) whose lifecycle has `prevent_destroy = true`.
    pub prevent_destroy: Vec<String>,
    pub provider_names: Vec<String>,
    pub redacted: usize,
}

/// Reads facts and redacts `configuration` in place.
pub fn process(configuration: &mut Option<Raw>, secrets: &mut Secrets) -> ConfigFacts {
    let mut facts = ConfigFacts::default();
    let Some(raw) = configuration.as_ref() else {
        return facts;
    };
    let Some(mut config) = parse_raw(raw) else {
        return facts;
    };
    if let Some(providers) = config.get("provider_config").and_then(Value::as_object) {
        for p in providers.values() {
            let name = p
                .get("full_name")
                .or_else(|| p.get("name"))
                .and_then(Value::as_str);
            if let Some(name) = name {
                facts.provider_names.push(name.to_owned());
            }
        }
    }
    if let Some(root) = config.get_mut("root_module").and_then(Value::as_object_mut) {
        if let Some(vars) = root.get("variables").and_then(Value::as_object) {
            facts.sensitive_root_variables = vars
                .iter()
                .filter(|(_, v)| v.get("sensitive").and_then(Value::as_bool) == Some(true))
                .map(|(k, _)| k.clone())
                .collect();
        }
        walk_module(root, "", &mut facts, secrets, 0);
    }
    if facts.redacted > 0 {
        *configuration = Some(to_raw(&config));
    }
    facts
}

fn walk_module(
    module: &mut Map<String, Value>,
    prefix: &str,
    facts: &mut ConfigFacts,
    secrets: &mut Secrets,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    for key in ["variables", "outputs"] {
        let Some(items) = module.get_mut(key).and_then(Value::as_object_mut) else {
            continue;
        };
        for item in items.values_mut().filter_map(Value::as_object_mut) {
            if item.get("sensitive").and_then(Value::as_bool) != Some(true) {
                continue;
            }
            if let Some(d) = item.get_mut("default") {
                facts.redacted += conceal(d, secrets);
            }
            if let Some(c) = item
                .get_mut("expression")
                .and_then(|e| e.get_mut("constant_value"))
            {
                facts.redacted += conceal(c, secrets);
            }
        }
    }
    if let Some(resources) = module.get("resources").and_then(Value::as_array) {
        for r in resources {
            let prevent = r
                .pointer("/lifecycle/prevent_destroy")
                .or_else(|| r.get("prevent_destroy"));
            if prevent.and_then(Value::as_bool) == Some(true) {
                if let Some(addr) = r.get("address").and_then(Value::as_str) {
                    facts.prevent_destroy.push(format!("{prefix}{addr}"));
                }
            }
        }
    }
    if let Some(calls) = module
        .get_mut("module_calls")
        .and_then(Value::as_object_mut)
    {
        for (name, call) in calls.iter_mut() {
            if let Some(child) = call.get_mut("module").and_then(Value::as_object_mut) {
                walk_module(
                    child,
                    &format!("{prefix}module.{name}."),
                    facts,
                    secrets,
                    depth + 1,
                );
            }
        }
    }
}
