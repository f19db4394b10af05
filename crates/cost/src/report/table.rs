//! Text table: one block per resource with its components, then free/unsupported counts.

use crate::budget::BudgetResult;
use crate::model::{Estimate, PlanEstimate};
use crate::money::format_money;
use std::fmt::Write;

fn qty(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{q:.0}")
    } else {
        format!("{:.4}", q).trim_end_matches('0').to_string()
    }
}

pub fn estimate(e: &Estimate) -> String {
    let mut s = String::new();
    let cur = &e.currency;
    let _ = writeln!(
        s,
        "{:<70} {:>14} {:<18} {:>14}",
        "Name",
        "Monthly Qty",
        "Unit",
        format!("Monthly Cost ({cur})")
    );
    for r in &e.resources {
        let _ = writeln!(s, "\n{}", r.address);
        for c in &r.cost_components {
            let cost = match c.monthly_cost {
                Some(v) => format_money(v, cur) + if c.usage_based { " *" } else { "" },
                None => match (c.unit_price, c.monthly_quantity) {
                    (Some(p), None) => format!(
                        "depends on usage: {} {cur} per {}",
                        crate::money::round_fine(p),
                        c.unit
                    ),
                    _ => "price not found".into(),
                },
            };
            let q = c.monthly_quantity.map(qty).unwrap_or_default();
            let _ = writeln!(s, "  {:<68} {:>14} {:<18} {:>14}", c.name, q, c.unit, cost);
        }
        // A resource priced only by usage nobody gave is not "$0.00": say so.
        let mut total = match (r.monthly_cost == 0.0, r.has_unestimated_usage()) {
            (true, true) => "usage-based, not estimated".to_string(),
            (false, true) => format!("{} + usage", format_money(r.monthly_cost, cur)),
            _ => format_money(r.monthly_cost, cur),
        };
        if r.has_missing_price() {
            total.push_str(" + price not found");
        }
        let _ = writeln!(s, "  {:<68} {:>14} {:<18} {:>14}", "Total", "", "", total);
    }
    let _ = writeln!(
        s,
        "\nOVERALL TOTAL {:>100}",
        format_money(e.total_monthly_cost, cur)
    );
    let _ = writeln!(
        s,
        "\n{} resources estimated, {} free, {} unsupported",
        e.resources.len(),
        e.free.len(),
        e.unsupported.len()
    );
    for u in &e.unsupported {
        let _ = writeln!(
            s,
            "  unsupported: {} ({}): {}",
            u.address, u.resource_type, u.reason
        );
    }
    for w in &e.warnings {
        let _ = writeln!(s, "  warning: {w}");
    }
    let _ = writeln!(
        s,
        "* usage-based (from the usage file)   prices: catalog {}",
        e.catalog_version
    );
    s
}

pub fn diff(p: &PlanEstimate) -> String {
    let cur = &p.after.currency;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<70} {:<10} {:>14} {:>14} {:>14}",
        "Resource", "Action", "Before", "After", "Diff"
    );
    for d in &p.deltas {
        let _ = writeln!(
            s,
            "{:<70} {:<10} {:>14} {:>14} {:>14}",
            d.address,
            d.action,
            format_money(d.past_monthly_cost, cur),
            format_money(d.monthly_cost, cur),
            signed(d.diff_monthly_cost, cur)
        );
    }
    let _ = writeln!(
        s,
        "\nMonthly cost: {} → {} ({})",
        format_money(p.past_total(), cur),
        format_money(p.total(), cur),
        signed(p.diff_total(), cur)
    );
    let _ = writeln!(
        s,
        "{} free, {} unsupported",
        p.after.free.len(),
        p.after.unsupported.len()
    );
    for u in &p.after.unsupported {
        let _ = writeln!(
            s,
            "  unsupported: {} ({}): {}",
            u.address, u.resource_type, u.reason
        );
    }
    s
}

fn signed(v: f64, cur: &str) -> String {
    if v >= 0.0 {
        format!("+{}", format_money(v, cur))
    } else {
        format_money(v, cur)
    }
}

pub fn budgets(results: &[BudgetResult], cur: &str) -> String {
    let mut s = String::new();
    for r in results {
        let verdict = if r.exceeded { "EXCEEDED" } else { "ok" };
        let _ = writeln!(
            s,
            "budget {} {}: {} of {} — {verdict}",
            r.budget,
            r.limit_kind,
            format_money(r.actual, cur),
            format_money(r.limit, cur)
        );
    }
    s
}
