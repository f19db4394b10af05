//! A self-contained HTML page (no scripts, no external assets) of a breakdown or a diff.

use crate::model::{Estimate, PlanEstimate};
use crate::money::format_money;
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}tr.res td{font-weight:600;background:#f4f4f4}";

fn page(title: &str, body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1>{body}</body></html>\n", esc(title), esc(title))
}

pub fn estimate_body(e: &Estimate) -> String {
    let cur = &e.currency;
    let mut s = String::from(
        "<table><tr><th>Name</th><th>Monthly qty</th><th>Unit</th><th>Monthly cost</th></tr>",
    );
    for r in &e.resources {
        let _ = write!(
            s,
            "<tr class=\"res\"><td>{}</td><td></td><td></td><td class=\"n\">{}</td></tr>",
            esc(&r.address),
            format_money(r.monthly_cost, cur)
        );
        for c in &r.cost_components {
            let q = c
                .monthly_quantity
                .map(|q| q.to_string())
                .unwrap_or_default();
            let cost = c
                .monthly_cost
                .map(|v| format_money(v, cur))
                .unwrap_or_else(|| "depends on usage".into());
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&c.name),
                q,
                esc(&c.unit),
                cost
            );
        }
    }
    let _ = write!(
        s,
        "</table><p><b>Total: {}</b> — {} free, {} unsupported</p>",
        format_money(e.total_monthly_cost, cur),
        e.free.len(),
        e.unsupported.len()
    );
    if !e.unsupported.is_empty() {
        s.push_str("<h2>Unsupported</h2><ul>");
        for u in &e.unsupported {
            let _ = write!(
                s,
                "<li>{} ({}): {}</li>",
                esc(&u.address),
                esc(&u.resource_type),
                esc(&u.reason)
            );
        }
        s.push_str("</ul>");
    }
    s
}

pub fn estimate(e: &Estimate) -> String {
    page("Cost breakdown", &estimate_body(e))
}

pub fn diff(p: &PlanEstimate) -> String {
    let cur = &p.after.currency;
    let mut s = format!("<p>Monthly cost: {} → {} ({})</p><table><tr><th>Resource</th><th>Action</th><th>Before</th><th>After</th><th>Diff</th></tr>", format_money(p.past_total(), cur), format_money(p.total(), cur), format_money(p.diff_total(), cur));
    for d in &p.deltas {
        let _ = write!(s, "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", esc(&d.address), esc(&d.action), format_money(d.past_monthly_cost, cur), format_money(d.monthly_cost, cur), format_money(d.diff_monthly_cost, cur));
    }
    s.push_str("</table><h2>After the plan</h2>");
    s.push_str(&estimate_body(&p.after));
    page("Cost diff", &s)
}
