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
