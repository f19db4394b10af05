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

/// The AWS provider's `default_tags { tags = {...} }` of a module (inherited by child
/// modules), as JSON. `None` when there are none or when they are not known offline.
fn aws_default_tags(m: &Module) -> Option<serde_json::Map<String, Value>> {
    let cfg = m.provider("aws")?;
    let block = cfg.config.get("default_tags")?;
    // A block is evaluated as a list of objects; one object is accepted too.
    let block = match block {
        HclValue::List(items) => items.first()?,
        other => other,
    };
    match to_json(block.get("tags")?) {
        Value::Object(tags) if !tags.is_empty() => Some(tags),
        _ => None,
    }
}

/// What the AWS provider itself does before a plan: `tags_all` = `default_tags` overlaid with
/// the resource's own `tags`. Without it, chargeback by a tag set only in `default_tags`
/// (Environment, Owner…) would show everything as untagged when estimating from
/// configuration. Left alone when the resource's tags are unknown (`tags = var.tags` unset).
fn apply_default_tags(values: &mut Value, defaults: &serde_json::Map<String, Value>) {
    let Value::Object(map) = values else { return };
    if map.contains_key("tags_all") {
        return;
    }
    let mut all = defaults.clone();
    match map.get("tags") {
        Some(v) if crate::input::is_unknown(v) => return,
        Some(Value::Object(own)) => {
            for (k, v) in own {
                all.insert(k.clone(), v.clone());
            }
        }
        _ => {}
    }
    map.insert("tags_all".into(), Value::Object(all));
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
    let resolve = |a: &orbis_hcl::Attribute| -> Option<Value> {
        let reference = a.expr.as_reference()?;
        let names: Vec<&str> = reference
            .parts
            .iter()
            .filter_map(|p| match p {
                RefPart::Name(n) => Some(n.as_str()),
                _ => None,
            })
            .take(2)
            .collect();
        let [t, n] = names[..] else { return None };
        if matches!(
            t,
            "data" | "var" | "local" | "module" | "each" | "count" | "path" | "self"
        ) {
            return None;
        }
        let x = all.iter().find(|x| {
            x.type_name == t
                && x.name == n
                && std::ptr::eq(x.module, r.module)
                && x.mode == ResourceMode::Managed
        })?;
        let inst = x.instances().into_iter().next()?;
        let mut v = to_json(&inst.config_value());
        if let (Value::Object(m), Some(by)) = (
            &mut v,
            referrers.get(&(x.module as *const Module as usize, format!("{t}.{n}"))),
        ) {
            m.insert("__referenced_by__".into(), Value::from(by.clone()));
        }
        Some(v)
    };
    for a in &r.body().attributes {
        if let Some(v) = resolve(a) {
            refs.insert(a.name.name.clone(), v);
        }
    }
    // One level of nested blocks (`launch_template { id = aws_launch_template.t.id }`):
    // `__refs__.<block>.<attribute>`.
    for b in &r.body().blocks {
        let mut inner = serde_json::Map::new();
        for a in &b.body.attributes {
            if let Some(v) = resolve(a) {
                inner.insert(a.name.name.clone(), v);
            }
        }
        if !inner.is_empty() {
            refs.entry(b.kind.name.clone())
                .or_insert(Value::Object(inner));
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

/// Autoscaling targets often name their table or replication group by a literal id
/// (`resource_id = "table/orders"`) rather than a reference: link them by that name.
fn autoscaling_literal_target(
    target: &Resource,
    values: &Value,
    all: &[Resource],
) -> Option<String> {
    let id = values.get("resource_id")?.as_str()?;
    let (kind, name) = id.split_once('/')?;
    let name = name.split('/').next()?;
    let (rtype, attr) = match kind {
        "table" => ("aws_dynamodb_table", "name"),
        "replication-group" => ("aws_elasticache_replication_group", "replication_group_id"),
        _ => return None,
    };
    all.iter()
        .filter(|x| x.type_name == rtype && std::ptr::eq(x.module, target.module))
        .find(|x| {
            x.attr(attr)
                .map(|a| a.value.as_str() == Some(name))
                .unwrap_or(false)
        })
        .map(|x| format!("{}.{}", x.type_name, x.name))
}

/// Every managed resource instance of the module (and its local child modules).
pub fn resources_from_module(m: &Module) -> Vec<ResourceInput> {
    let mut out = Vec::new();
    let all = m.all_resources();
    // Who refers to whom (same module): an Elastic IP used by a NAT gateway, an address used
    // by a VM. Models read it as `__referenced_by__` (list of referring resource types).
    // `__referrers__` holds the referring resources' own settings (at most 8 per resource), for
    // models that depend on how the user is configured (a preemptible VM's address rate).
    let mut referrers: Referrers = Referrers::new();
    let mut referrer_values: std::collections::HashMap<(usize, String), Vec<Value>> =
        std::collections::HashMap::new();
    for r in &all {
        let mut targets = Vec::new();
        referenced_addresses(r.body(), &mut targets, 0);
        if targets.is_empty() && r.type_name != "aws_appautoscaling_target" {
            continue;
        }
        let first = r.instances().into_iter().next();
        let address = first
            .as_ref()
            .map(|i| i.address())
            .unwrap_or_else(|| r.address.clone());
        let mut own = first
            .map(|i| to_json(&i.config_value()))
            .unwrap_or(Value::Null);
        if let Value::Object(m) = &mut own {
            // The referrer's own references (an ECS task set's task definition), one hop.
            m.insert(
                "__refs__".into(),
                referenced_configs(r, &all, &Referrers::new()),
            );
        }
        if r.type_name == "aws_appautoscaling_target" {
            targets.extend(autoscaling_literal_target(r, &own, &all));
        }
        for t in targets {
            let k = (r.module as *const Module as usize, t);
            referrers
                .entry(k.clone())
                .or_default()
                .push(r.type_name.to_string());
            let list = referrer_values.entry(k).or_default();
            if list.len() < 8 {
                list.push(serde_json::json!({"type": r.type_name, "address": address, "values": own.clone()}));
            }
        }
    }
    for r in &all {
        if r.mode != ResourceMode::Managed {
            continue;
        }
        let refs = referenced_configs(r, &all, &referrers);
        let own_key = (
            r.module as *const Module as usize,
            format!("{}.{}", r.type_name, r.name),
        );
        let referred_by = referrers.get(&own_key).cloned().unwrap_or_default();
        let referrer_configs = referrer_values.get(&own_key).cloned().unwrap_or_default();
        for inst in r.instances() {
            let mut values = to_json(&inst.config_value());
            if let (Value::Object(map), Value::Object(rm)) = (&mut values, &refs) {
                if !rm.is_empty() {
                    map.insert("__refs__".into(), refs.clone());
                }
                if !referred_by.is_empty() {
                    map.insert("__referenced_by__".into(), Value::from(referred_by.clone()));
                    map.insert(
                        "__referrers__".into(),
                        Value::Array(referrer_configs.clone()),
                    );
                }
            }
            let provider = crate::input::provider_of(r.type_name).to_string();
            if provider == "aws" {
                if let Some(defaults) = aws_default_tags(r.module) {
                    apply_default_tags(&mut values, &defaults);
                }
            }
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

/// The estimate of a configuration folder with its load warnings: what `orbis cost breakdown
/// DIR` and the app's Cost view both show (one function, so their totals cannot differ). A
/// folder without `.tf` files of its own is the sum of the root modules below it (`roots.rs`).
pub fn estimate_dir(dir: &Path, estimator: &crate::Estimator) -> crate::Estimate {
    if !crate::roots::has_tf_files(dir) {
        return crate::roots::estimate_roots(dir, estimator);
    }
    let (inputs, warnings) = resources_from_dir(dir);
    let mut e = estimator.estimate(&inputs);
    e.warnings.extend(warnings);
    e
}
