//! Lint a plan: the linter's model built from the planned (`after`) values of a plan's
//! resource changes, checked by the same rules as configuration. Values a plan knows but the
//! configuration does not (variables from a `-var-file`, module inputs, `count`/`for_each`
//! over computed maps, provider `default_tags`) are resolved here, so findings that only
//! appear after evaluation are found.
//!
//! Input is `orbis-plan`'s model, already redacted at load: a redacted value reaches the rules
//! as `Unknown` (never as text), like an unknown-after-apply value, so no sensitive value can
//! end up in a message. Findings are addressed by resource address; there is no source text,
//! so no spans, no fixes and no suppression comments.

use crate::config::Config;
use crate::finding::Severity;
use crate::model::{Attribute, Block, Resource, SourceFile, Value, Workspace};
use orbis_plan::{Action, Plan};
use serde_json::Value as J;
use std::sync::Arc;

/// A finding on a planned resource.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PlanFinding {
    pub rule_id: &'static str,
    pub severity: Severity,
    /// The plan's source (file name or label given at load).
    pub file: String,
    /// The resource address in the plan (`module.web.aws_instance.this[0]`).
    pub address: String,
    pub message: String,
}

/// Does the resource exist after apply? Deletes, forgets and unknown actions are not linted:
/// their planned values describe nothing that will run.
fn lints(action: Action) -> bool {
    matches!(
        action,
        Action::Create | Action::Update | Action::Replace { .. } | Action::NoOp | Action::Read
    )
}

/// The linter's workspace for one plan: one `Resource` per change that will exist after apply.
pub fn workspace_from_plan(plan: &Plan) -> Workspace {
    let mut ws = Workspace::default();
    // One empty "file" so rules that read the source text (fix builders) get an empty string.
    ws.files.push(SourceFile {
        path: plan.source.clone(),
        text: Arc::from(""),
    });
    let refs = config_refs(plan);
    for c in &plan.resource_changes {
        if !lints(c.action) || c.deposed.is_some() {
            continue;
        }
        let after = c
            .after
            .as_ref()
            .and_then(|r| serde_json::from_str::<J>(r.get()).ok())
            .unwrap_or(J::Null);
        let unknown = c
            .after_unknown
            .as_ref()
            .and_then(|r| serde_json::from_str::<J>(r.get()).ok())
            .unwrap_or(J::Null);
        let mut body = Block {
            kind: "resource".into(),
            labels: vec![c.resource_type.clone(), c.name.clone()],
            ..Block::default()
        };
        fill_block(&mut body, &after, &unknown);
        prefer_tags_all(&mut body);
        for (name, r) in refs.get(&config_address(&c.address)).into_iter().flatten() {
            // Only arguments present in the plan: a null (unset) one stays absent.
            if let Some(a) = body.attrs.iter_mut().find(|a| &a.name == name) {
                a.refs = r.clone();
            }
        }
        ws.resources.push(Resource {
            address: c.address.clone(),
            rtype: c.resource_type.clone(),
            name: c.name.clone(),
            file: 0,
            body,
            is_data: c.mode == "data",
        });
    }
    ws
}

/// The provider merges `default_tags` into `tags_all`; the configuration's provider block is
/// not in the model here, so the effective tags stand in for `tags` when they are known.
fn prefer_tags_all(body: &mut Block) {
    let Some(all) = body.value("tags_all").cloned() else {
        return;
    };
    if !matches!(all, Value::Map(_)) {
        return;
    }
    match body.attrs.iter_mut().find(|a| a.name == "tags") {
        Some(t) if !t.value.contains_unknown() => t.value = all,
        Some(_) => {}
        None => body.attrs.push(attr("tags", all)),
    }
}

fn attr(name: &str, value: Value) -> Attribute {
    Attribute {
        name: name.to_string(),
        value,
        span: Default::default(),
        value_span: Default::default(),
        refs: Vec::new(),
    }
}

/// Object keys become attributes (nulls are left out: an unset argument is absent, as in
/// configuration); objects and lists of objects are also exposed as nested blocks, which is how
/// the configuration loader presents "attributes as blocks" too, so rules find `ingress` and
/// `metadata_options` either way.
fn fill_block(into: &mut Block, after: &J, unknown: &J) {
    let empty = serde_json::Map::new();
    let values = after.as_object().unwrap_or(&empty);
    let unknowns = unknown.as_object().unwrap_or(&empty);
    for (k, v) in values {
        let u = unknowns.get(k).unwrap_or(&J::Null);
        if u == &J::Bool(true) {
            into.attrs.push(attr(k, Value::Unknown));
            continue;
        }
        if v.is_null() {
            continue;
        }
        into.attrs.push(attr(k, value(v, u, 0)));
        match v {
            J::Object(_) => into.blocks.push(nested(k, v, u)),
            J::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.is_object() {
                        let ui = u.as_array().and_then(|a| a.get(i)).unwrap_or(&J::Null);
                        into.blocks.push(nested(k, item, ui));
                    }
                }
            }
            _ => {}
        }
    }
    // Computed attributes absent from `after` are still there after apply, value unknown.
    for (k, u) in unknowns {
        if u == &J::Bool(true) && !values.contains_key(k) {
            into.attrs.push(attr(k, Value::Unknown));
        }
    }
}

fn nested(kind: &str, after: &J, unknown: &J) -> Block {
    let mut b = Block {
        kind: kind.to_string(),
        ..Block::default()
    };
    fill_block(&mut b, after, unknown);
    b
}

/// Depth bound: the plan engine already bounds nesting at load; this keeps the conversion
/// linear even on hand-made inputs.
const MAX_DEPTH: usize = 64;

fn value(v: &J, unknown: &J, depth: usize) -> Value {
    if unknown == &J::Bool(true) || depth > MAX_DEPTH {
        return Value::Unknown;
    }
    match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => n.as_f64().map(Value::Number).unwrap_or(Value::Unknown),
        // Redacted at load: to the rules it is a value they cannot see.
        J::String(s) if s.contains(orbis_plan::REDACTED) => Value::Unknown,
        J::String(s) => Value::Str(s.clone()),
        J::Array(items) => Value::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let u = unknown
                        .as_array()
                        .and_then(|a| a.get(i))
                        .unwrap_or(&J::Null);
                    value(item, u, depth + 1)
                })
                .collect(),
        ),
        J::Object(m) => Value::Map(
            m.iter()
                .map(|(k, item)| {
                    let u = unknown.get(k).unwrap_or(&J::Null);
                    (k.clone(), value(item, u, depth + 1))
                })
                .collect(),
        ),
    }
}

/// Lint the planned values of `plan` with the rules `config` enables (same ids and severity
/// overrides as `orbis lint`). Rules that only read configuration (module/provider version
/// pinning, suppression comments) find nothing here: the plan has no such blocks.
pub fn lint_plan(plan: &Plan, config: &Config) -> Vec<PlanFinding> {
    let ws = workspace_from_plan(plan);
    let rules = crate::enabled_rules(config);
    let mut out: Vec<PlanFinding> = crate::engine::run(&ws, config, &rules)
        .into_iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| PlanFinding {
            rule_id: f.rule_id,
            severity: f.severity,
            file: plan.source.clone(),
            address: f.resource,
            message: f.message,
        })
        .collect();
    out.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), &a.address, a.rule_id).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.address,
            b.rule_id,
        ))
    });
    out.dedup();
    out
}

/// References of each argument, by configuration address (`module.a.aws_s3_bucket.b`):
/// `bucket = aws_s3_bucket.b.id` is unknown in the plan until apply, but the configuration
/// still says which resource it points at, which rules relating resources need.
type ConfigRefs = std::collections::HashMap<String, Vec<(String, Vec<String>)>>;

fn config_refs(plan: &Plan) -> ConfigRefs {
    let mut out = ConfigRefs::new();
    let Some(root) = plan
        .configuration_json()
        .and_then(|t| serde_json::from_str::<J>(t).ok())
    else {
        return out;
    };
    collect_refs(&root["root_module"], "", &mut out, 0);
    out
}

fn collect_refs(module: &J, prefix: &str, out: &mut ConfigRefs, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for r in module["resources"].as_array().into_iter().flatten() {
        let Some(address) = r["address"].as_str() else {
            continue;
        };
        let attrs = r["expressions"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, e)| {
                let refs: Vec<String> = e["references"]
                    .as_array()?
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect();
                (!refs.is_empty()).then(|| (k.clone(), refs))
            })
            .collect();
        out.insert(format!("{prefix}{address}"), attrs);
    }
    for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
        collect_refs(
            &call["module"],
            &format!("{prefix}module.{name}."),
            out,
            depth + 1,
        );
    }
}

/// `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`: instance keys dropped.
fn config_address(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut in_string = false;
    let mut prev = '\0';
    for ch in address.chars() {
        match ch {
            '"' if depth > 0 && prev != '\\' => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
        prev = ch;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn instance_keys_are_dropped_from_addresses() {
        assert_eq!(
            super::config_address(r#"module.a["x[1]"].aws_s3_bucket.b[0]"#),
            "module.a.aws_s3_bucket.b"
        );
        assert_eq!(super::config_address("aws_vpc.this"), "aws_vpc.this");
    }
}
