//! State vs inventory, by (type, id): managed, changed, missing, unmanaged. Only types the
//! inventory enumerated are classified, and only the attributes the inventory returns are
//! compared (top level; the change carries the whole attribute value on each side).

use crate::ignore::DriftIgnore;
use crate::inventory::{Inventory, LiveResource};
use crate::report::{Change, ResourceDrift, Status};
use crate::values::{has_redacted, same};
use orbis_lang::ProviderSchemas;
use orbis_state::{Instance, State};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// What a comparison produced before it becomes a report.
pub struct Compared {
    pub resources: Vec<ResourceDrift>,
    pub ignored: usize,
}

pub fn compare(
    states: &[&State],
    inventory: &Inventory,
    ignore: &DriftIgnore,
    strict: bool,
) -> Compared {
    let covered = inventory.covered_types();
    let mut ignored = 0;
    let mut in_state: BTreeMap<(&str, &str), &Instance> = BTreeMap::new();
    for i in states.iter().flat_map(|s| s.managed()) {
        if let Some(id) = i.id.as_deref() {
            if covered.contains(&i.resource_type) {
                in_state.entry((i.resource_type.as_str(), id)).or_insert(i);
            }
        }
    }
    let mut live: BTreeMap<(&str, &str), &LiveResource> = BTreeMap::new();
    for r in &inventory.resources {
        live.entry((r.resource_type.as_str(), r.id.as_str()))
            .or_insert(r);
    }
    let keys: BTreeSet<(&str, &str)> = in_state.keys().chain(live.keys()).copied().collect();
    let mut out = Vec::new();
    for key @ (rtype, id) in keys {
        if ignore.ignores_resource(rtype, id) {
            ignored += 1;
            continue;
        }
        let s = in_state.get(&key).copied();
        let l = live.get(&key).copied();
        let (status, changes) = match (s, l) {
            (Some(s), Some(l)) => {
                let changes = changes(s, l, ignore, strict);
                (
                    if changes.is_empty() {
                        Status::Managed
                    } else {
                        Status::Changed
                    },
                    changes,
                )
            }
            (Some(_), None) => (Status::Missing, Vec::new()),
            (None, Some(_)) => (Status::Unmanaged, Vec::new()),
            (None, None) => continue,
        };
        out.push(ResourceDrift {
            resource_type: rtype.to_string(),
            id: id.to_string(),
            status,
            address: s.map(|s| s.address.clone()),
            region: l.and_then(|l| l.region.clone()),
            account: l.and_then(|l| l.account.clone()),
            changes,
        });
    }
    Compared {
        resources: out,
        ignored,
    }
}

fn changes(
    state: &Instance,
    live: &LiveResource,
    ignore: &DriftIgnore,
    strict: bool,
) -> Vec<Change> {
    let mut out = Vec::new();
    let tags = (!live.tags.is_empty() && !live.attributes.contains_key("tags")).then(|| {
        (
            "tags".to_string(),
            serde_json::to_value(&live.tags).unwrap_or(Value::Null),
        )
    });
    let id = state.id.as_deref().unwrap_or("");
    for (name, live_value) in live
        .attributes
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .chain(tags)
    {
        let Some(state_value) = state.attribute(&name) else {
            continue;
        };
        // Sensitive in state, or by the provider schema (old states carry no markers): neither
        // side is compared nor shown.
        if state.is_sensitive(&name)
            || has_redacted(state_value)
            || schema_sensitive(&state.resource_type, &name)
        {
            continue;
        }
        let cx = Cx {
            rtype: &state.resource_type,
            id,
            ignore,
            strict,
        };
        diff(
            &cx,
            &mut vec![name.clone()],
            state_value,
            &live_value,
            &mut out,
        );
    }
    out
}

/// Attributes the bundled provider schemas mark sensitive (`password`, `secret`…).
fn schema_sensitive(rtype: &str, name: &str) -> bool {
    static SCHEMAS: OnceLock<ProviderSchemas> = OnceLock::new();
    SCHEMAS
        .get_or_init(ProviderSchemas::bundled)
        .resource(rtype)
        .and_then(|s| s.attribute(name))
        .is_some_and(|a| a.sensitive)
}

/// What every comparison of one resource shares.
struct Cx<'a> {
    rtype: &'a str,
    id: &'a str,
    ignore: &'a DriftIgnore,
    strict: bool,
}

/// Objects are compared key by key (so `tags.Owner` is named, and field ignores apply at any
/// depth); anything else is compared whole.
fn diff(cx: &Cx<'_>, path: &mut Vec<String>, state: &Value, live: &Value, out: &mut Vec<Change>) {
    let segments: Vec<&str> = path.iter().map(String::as_str).collect();
    if same(state, live, cx.strict) || cx.ignore.ignores_field(cx.rtype, cx.id, &segments) {
        return;
    }
    if let (Value::Object(a), Value::Object(b)) = (state, live) {
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            path.push(k.clone());
            let (x, y) = (
                a.get(k).unwrap_or(&Value::Null),
                b.get(k).unwrap_or(&Value::Null),
            );
            diff(cx, path, x, y, out);
            path.pop();
        }
        return;
    }
    out.push(Change {
        attribute: path.join("."),
        state: state.clone(),
        live: live.clone(),
    });
}
