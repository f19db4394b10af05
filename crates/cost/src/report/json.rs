//! The stable JSON shape (see README.md). Money is rounded to cents here, and only here;
//! unit prices and quantities to 10 decimals.

use crate::budget::BudgetResult;
use crate::chargeback::Group;
use crate::model::{Estimate, PlanEstimate};
use crate::money::{round_cents, round_fine};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn estimate_value(e: &Estimate) -> Value {
    json!({
        "currency": e.currency,
        "catalog_version": e.catalog_version,
        "total_monthly_cost": round_cents(e.total_monthly_cost),
        "resources": e.resources.iter().map(|r| json!({
            "address": r.address,
            "type": r.resource_type,
            "provider": r.provider,
            "region": r.region,
            "module": r.module,
            "monthly_cost": round_cents(r.monthly_cost),
            "tags": r.tags,
            "cost_components": r.cost_components.iter().map(|c| json!({
                "name": c.name,
                "unit": c.unit,
                "monthly_quantity": c.monthly_quantity.map(round_fine),
                "unit_price": c.unit_price.map(round_fine),
                "monthly_cost": c.monthly_cost.map(round_cents),
                "usage_based": c.usage_based,
                "note": c.note,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "free": e.free.iter().map(|f| json!({"address": f.address, "type": f.resource_type})).collect::<Vec<_>>(),
        "unsupported": e.unsupported.iter().map(|u| json!({"address": u.address, "type": u.resource_type, "reason": u.reason})).collect::<Vec<_>>(),
        "warnings": e.warnings,
    })
}

fn groups_value(groups: &BTreeMap<String, Vec<Group>>) -> Value {
    Value::Object(groups.iter().map(|(k, gs)| (k.clone(), json!(gs.iter().map(|g| json!({"key": g.key, "monthly_cost": round_cents(g.monthly_cost), "resources": g.resources, "not_estimated": g.not_estimated})).collect::<Vec<_>>()))).collect())
}

fn budgets_value(b: &[BudgetResult]) -> Value {
    json!(b.iter().map(|r| json!({"budget": r.budget, "limit_kind": r.limit_kind, "limit": round_cents(r.limit), "actual": round_cents(r.actual), "exceeded": r.exceeded})).collect::<Vec<_>>())
}

pub fn breakdown(
    e: &Estimate,
    groups: &BTreeMap<String, Vec<Group>>,
    budgets: &[BudgetResult],
) -> String {
    let mut v = estimate_value(e);
    v["chargeback"] = groups_value(groups);
    v["budgets"] = budgets_value(budgets);
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

pub fn diff(
    p: &PlanEstimate,
    groups: &BTreeMap<String, Vec<Group>>,
    budgets: &[BudgetResult],
) -> String {
    let mut v = estimate_value(&p.after);
    v["past_total_monthly_cost"] = json!(round_cents(p.past_total()));
    v["diff_total_monthly_cost"] = json!(round_cents(p.diff_total()));
    v["diffs"] = json!(p
        .deltas
        .iter()
        .map(|d| json!({
            "address": d.address, "type": d.resource_type, "action": d.action,
            "past_monthly_cost": round_cents(d.past_monthly_cost),
            "monthly_cost": round_cents(d.monthly_cost),
            "diff_monthly_cost": round_cents(d.diff_monthly_cost),
        }))
        .collect::<Vec<_>>());
    v["chargeback"] = groups_value(groups);
    v["budgets"] = budgets_value(budgets);
    serde_json::to_string_pretty(&v).unwrap_or_default()
}
