//! One drift scan: states + (inventory and/or refresh-only plan) + ignore rules → report.
//! With both sources, the refresh-only plan is the exact word on the resources it names;
//! the inventory adds what a plan cannot see (unmanaged resources).

use crate::compare::compare;
use crate::ignore::DriftIgnore;
use crate::inventory::Inventory;
use crate::refresh_only::drift_of;
use crate::report::{DriftReport, ResourceDrift, Status};
use orbis_plan::Plan;
use orbis_state::State;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct ScanInput<'a> {
    pub states: Vec<&'a State>,
    pub inventory: Option<&'a Inventory>,
    pub refresh_only: Option<&'a Plan>,
    pub ignore: DriftIgnore,
    pub warnings: Vec<String>,
    /// Raw comparison: null differs from an empty string, list or map (see `values.rs`).
    pub strict: bool,
}

pub fn scan(input: ScanInput<'_>) -> DriftReport {
    let mut sources = Vec::new();
    let mut ignored = 0;
    let mut by_key: BTreeMap<(String, String), ResourceDrift> = BTreeMap::new();
    if let Some(inv) = input.inventory {
        sources.push("inventory".to_string());
        let c = compare(&input.states, inv, &input.ignore, input.strict);
        ignored += c.ignored;
        for r in c.resources {
            by_key.insert((r.resource_type.clone(), r.id.clone()), r);
        }
    }
    if let Some(plan) = input.refresh_only {
        sources.push("refresh_only_plan".to_string());
        // Without an inventory, everything in state that the plan does not name is in sync.
        if input.inventory.is_none() {
            for i in input.states.iter().flat_map(|s| s.managed()) {
                let id = i.id.clone().unwrap_or_else(|| i.address.clone());
                by_key
                    .entry((i.resource_type.clone(), id.clone()))
                    .or_insert(ResourceDrift {
                        resource_type: i.resource_type.clone(),
                        id,
                        status: Status::Managed,
                        address: Some(i.address.clone()),
                        region: None,
                        account: None,
                        changes: Vec::new(),
                    });
            }
        }
        for mut d in drift_of(plan) {
            if input.ignore.ignores_resource(&d.resource_type, &d.id) {
                if by_key
                    .remove(&(d.resource_type.clone(), d.id.clone()))
                    .is_none()
                {
                    ignored += 1;
                }
                continue;
            }
            d.changes.retain(|c| {
                let path: Vec<&str> = c
                    .attribute
                    .split(['.', '['])
                    .map(|s| s.trim_end_matches(']'))
                    .collect();
                !input.ignore.ignores_field(&d.resource_type, &d.id, &path)
            });
            if d.status == Status::Changed && d.changes.is_empty() {
                d.status = Status::Managed;
            }
            let key = (d.resource_type.clone(), d.id.clone());
            if let Some(prev) = by_key.get(&key) {
                d.region = prev.region.clone();
                d.account = prev.account.clone();
            }
            by_key.insert(key, d);
        }
    }
    let mut warnings = input.warnings;
    if let Some(inv) = input.inventory {
        warnings.extend(inv.scan_errors.iter().map(|e| e.warning()));
    }
    if input.inventory.is_none() && input.refresh_only.is_none() {
        warnings.push(
            "no inventory and no refresh-only plan: nothing to compare the state with".into(),
        );
    }
    DriftReport::new(by_key.into_values().collect(), ignored, sources, warnings)
}
