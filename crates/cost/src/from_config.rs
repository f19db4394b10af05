//! Resources from configuration alone: the folder is loaded and evaluated by `orbis-hcl`
//! (variables, locals, count/for_each, local modules). Values the evaluator cannot know
//! offline stay unknown (the `UNKNOWN` marker), so models report them rather than guess.
//! Region: AWS/Google from the provider block (the resource's own `region`/`zone` first),
//! Azure from the resource's `location`.

use crate::input::{unknown, ResourceInput};
use orbis_hcl::ast::RefPart;
use orbis_hcl::{Module, ModuleOptions, Resource, ResourceMode, Value as HclValue};
use serde_json::Value;
use std::path::Path;

/// hcl value → JSON, keeping unknowns as the marker (plain `to_json` turns them into null).
pub fn to_json(v: &HclValue) -> Value {
    match v {
        HclValue::Unknown => unknown(),
        HclValue::Null => Value::Null,
        HclValue::Bool(b) => Value::Bool(*b),
        HclValue::Number(n) => serde_json::Number::from_f64(*n)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        HclValue::String(s) => Value::String(s.clone()),
        HclValue::List(items) => Value::Array(items.iter().map(to_json).collect()),
        HclValue::Map(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

fn provider_region(m: &Module, provider: &str) -> Option<String> {
    let name = match provider {
        "azure" => return None,
        "google" => "google",
        other => other,
    };
    let cfg = m.provider(name)?;
    cfg.config
        .get("region")
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn resource_region(provider: &str, values: &Value) -> Option<String> {
    let keys: &[&str] = match provider {
        "azure" => &["location"],
        "google" => &["region", "zone", "location"],
        _ => &["region"],
    };
    keys.iter()
        .find_map(|k| values.get(*k).and_then(Value::as_str).map(str::to_string))
}

/// Attributes that reference another managed resource of the same module (`cluster =
/// google_container_cluster.c.id`) get that resource's configuration under
/// `__refs__.<attribute>`: computed attributes (`.id`) are unknown offline, but the referenced
/// resource's own settings (its location, size, task CPU…) are what a cost model needs.
fn referenced_configs(r: &Resource, all: &[Resource], referrers: &Referrers) -> Value {
    let mut refs = serde_json::Map::new();
    for a in &r.body().attributes {
        let Some(reference) = a.expr.as_reference() else {
            continue;
        };
        let names: Vec<&str> = reference
            .parts
            .iter()
            .filter_map(|p| match p {
                RefPart::Name(n) => Some(n.as_str()),
                _ => None,
            })
            .take(2)
            .collect();
        let [t, n] = names[..] else { continue };
        if t == "data" || t == "var" || t == "local" || t == "module" {
            continue;
        }
        let target = all.iter().find(|x| {
            x.type_name == t
                && x.name == n
                && std::ptr::eq(x.module, r.module)
                && x.mode == ResourceMode::Managed
        });
        if let (Some(x), Some(inst)) = (
            target,
            target.and_then(|x| x.instances().into_iter().next()),
        ) {
            let mut v = to_json(&inst.config_value());
            if let (Value::Object(m), Some(by)) = (
                &mut v,
                referrers.get(&(x.module as *const Module as usize, format!("{t}.{n}"))),
            ) {
                m.insert("__referenced_by__".into(), Value::from(by.clone()));
            }
            refs.insert(a.name.name.clone(), v);
        }
    }
    Value::Object(refs)
}

/// (module identity, `type.name`) → types of the resources referring to it.
type Referrers = std::collections::HashMap<(usize, String), Vec<String>>;

/// `type.name` of every resource a body refers to, nested blocks included.
fn referenced_addresses(body: &orbis_hcl::Body, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    for a in &body.attributes {
        for r in a.expr.references() {
            let names: Vec<&str> = r
                .parts
                .iter()
                .filter_map(|p| match p {
                    RefPart::Name(n) => Some(n.as_str()),
                    _ => None,
                })
                .take(2)
                .collect();
            if let [t, n] = names[..] {
                out.push(format!("{t}.{n}"));
            }
        }
    }
    for b in &body.blocks {
        let inner = b.dynamic_content().unwrap_or(&b.body);
        referenced_addresses(inner, out, depth + 1);
    }
}

/// Every managed resource instance of the module (and its local child modules).
pub fn resources_from_module(m: &Module) -> Vec<ResourceInput> {
    let mut out = Vec::new();
    let all = m.all_resources();
    // Who refers to whom (same module): an Elastic IP used by a NAT gateway, an address used
    // by a VM. Models read it as `__referenced_by__` (list of referring resource types).
    let mut referrers: Referrers = Referrers::new();
    for r in &all {
        let mut targets = Vec::new();
        referenced_addresses(r.body(), &mut targets, 0);
        for t in targets {
            referrers
                .entry((r.module as *const Module as usize, t))
                .or_default()
                .push(r.type_name.to_string());
        }
    }
    for r in &all {
        if r.mode != ResourceMode::Managed {
            continue;
        }
        let refs = referenced_configs(r, &all, &referrers);
        let referred_by = referrers
            .get(&(
                r.module as *const Module as usize,
                format!("{}.{}", r.type_name, r.name),
            ))
            .cloned()
            .unwrap_or_default();
        for inst in r.instances() {
            let mut values = to_json(&inst.config_value());
            if let (Value::Object(map), Value::Object(rm)) = (&mut values, &refs) {
                if !rm.is_empty() {
                    map.insert("__refs__".into(), refs.clone());
                }
                if !referred_by.is_empty() {
                    map.insert("__referenced_by__".into(), Value::from(referred_by.clone()));
                }
            }
            let provider = crate::input::provider_of(r.type_name).to_string();
            let region = resource_region(&provider, &values)
                .or_else(|| {
                    values
                        .pointer("/__refs__/resource_group_name/location")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .or_else(|| provider_region(r.module, &provider));
            out.push(ResourceInput::new(
                &inst.address(),
                r.type_name,
                region.as_deref(),
                values,
            ));
        }
    }
    out
}

/// Loads a configuration folder (its `*.tf`, `terraform.tfvars`, `*.auto.tfvars`).
pub fn resources_from_dir(dir: &Path) -> (Vec<ResourceInput>, Vec<String>) {
    let m = Module::load(dir, &ModuleOptions::default());
    let warnings = m
        .diagnostics
        .iter()
        .filter(|d| matches!(d.severity, orbis_hcl::Severity::Error))
        .take(20)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    (resources_from_module(&m), warnings)
}
