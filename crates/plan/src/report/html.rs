//! Self-contained HTML report (inline CSS, no script, no external resource) that can be
//! attached to a change request or opened offline.

use super::display_address;
use crate::diff::attribute_diff;
use crate::model::Action;
use crate::review::{PolicyResult, Review};
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str =
    "body{font:14px system-ui,sans-serif;margin:2em;color:#1b1f23}table{border-collapse:collapse}\
td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}\
.critical{color:#fff;background:#82071e}.high{background:#ffd8d3}.medium{background:#fff1c5}\
.low,.none{background:#eef}code{font-family:ui-monospace,monospace}details{margin:2px 0}";

pub fn render(review: &Review) -> String {
    let mut h = String::new();
    let s = review.summary();
    let _ = write!(h, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Plan review</title><style>{STYLE}</style></head><body>");
    let _ = write!(
        h,
        "<h1>Plan review: {} <small>(highest risk: {})</small></h1>",
        review.verdict().name(),
        review.max_risk().name()
    );
    let _ = write!(
        h,
        "<table><tr><th>create</th><th>update</th><th>replace</th><th>delete</th><th>read</th><th>no-op</th><th>moved</th><th>imported</th><th>drift</th></tr>\
         <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>",
        s.create, s.update, s.replace, s.delete, s.read, s.no_op, s.moved, s.import, s.drift
    );
    let _ = write!(h, "<h2>Changes</h2><table><tr><th>risk</th><th>action</th><th>address</th><th>reasons and attributes</th></tr>");
    let mut changes: Vec<_> = review
        .changes()
        .filter(|(_, c, _)| c.action != Action::NoOp)
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.2.level));
    for (p, c, r) in changes {
        let lvl = r.level.name();
        let reasons: String = r
            .reasons
            .iter()
            .map(|x| format!("<li>{}</li>", escape(&x.message)))
            .collect();
        let diff: String = attribute_diff(c)
            .iter()
            .map(|d| {
                format!(
                    "<tr><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td></tr>",
                    escape(&d.path),
                    escape(d.before.as_deref().unwrap_or("")),
                    escape(d.after.as_deref().unwrap_or(""))
                )
            })
            .collect();
        let _ = write!(
            h,
            "<tr class=\"{lvl}\"><td>{lvl}</td><td>{}</td><td><code>{}</code></td><td><ul>{reasons}</ul>\
             <details><summary>attributes</summary><table><tr><th>path</th><th>before</th><th>after</th></tr>{diff}</table></details></td></tr>",
            c.action.name(),
            escape(&display_address(review, p, &c.address))
        );
    }
    h.push_str("</table>");
    if !review.policy.is_empty() {
        h.push_str("<h2>Policy</h2><table><tr><th>result</th><th>policy</th><th>message</th><th>address</th></tr>");
        for f in &review.policy {
            let class = match f.result {
                PolicyResult::Deny | PolicyResult::Error => "high",
                PolicyResult::Warn => "medium",
                PolicyResult::Pass => "none",
            };
            let _ = write!(
                h,
                "<tr class=\"{class}\"><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                f.result.name(),
                escape(&f.policy),
                escape(&f.message),
                escape(f.address.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</body></html>\n");
    h
}
