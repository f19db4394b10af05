//! `terraform plan -refresh-only -json` (its `show -json`): `resource_drift` is Terraform's
//! own, exact, attribute-level account of what changed outside Terraform. Loaded through
//! orbis-plan, so values are already redacted.

use crate::report::{Change, ResourceDrift, Status};
use orbis_plan::{attribute_diff, Action, Plan};
use serde_json::Value;

/// Drift entries of a plan: `update` → changed (per attribute path), `delete` → missing.
pub fn drift_of(plan: &Plan) -> Vec<ResourceDrift> {
    let mut out = Vec::new();
    for c in plan.resource_drift.iter().filter(|c| c.mode == "managed") {
        let parse = |r: &Option<Box<serde_json::value::RawValue>>| {
            r.as_ref()
                .and_then(|r| serde_json::from_str::<Value>(r.get()).ok())
        };
        let before = parse(&c.before);
        let id = before
            .as_ref()
            .and_then(|b| b.get("id"))
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| c.address.clone());
        let status = match c.action {
            Action::Delete => Status::Missing,
            Action::Update | Action::Replace { .. } => Status::Changed,
            _ => continue,
        };
        let changes = if status == Status::Changed {
            attribute_diff(c)
                .into_iter()
                .map(|d| Change {
                    attribute: d.path,
                    state: json_or_null(d.before.as_deref()),
                    live: json_or_null(d.after.as_deref()),
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(ResourceDrift {
            resource_type: c.resource_type.clone(),
            id,
            status,
            address: Some(c.address.clone()),
            region: None,
            account: None,
            changes,
        });
    }
    out
}

fn json_or_null(s: Option<&str>) -> Value {
    s.and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}
