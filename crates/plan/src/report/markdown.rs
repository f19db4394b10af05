//! Markdown for a pull-request comment: verdict first, a summary table, risky changes, the
//! policy results, and the full change list folded in a `<details>` block.

use super::display_address;
use crate::model::Action;
use crate::review::{PolicyResult, Review};
use crate::risk::{RiskLevel, Verdict};
use std::fmt::Write;

/// Markdown-escapes text coming from plans (addresses hold `"`/`[`, messages anything).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '|' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '\\') {
            out.push('\\');
        }
        if ch == '\n' {
            out.push(' ');
        } else {
            out.push(ch);
        }
    }
    out
}

pub fn render(review: &Review) -> String {
    let mut out = String::new();
    let verdict = review.verdict();
    let icon = match verdict {
        Verdict::Safe => "✅",
        Verdict::Review => "⚠️",
        Verdict::Dangerous => "🛑",
    };
    let _ = writeln!(
        out,
        "### {icon} Plan review: **{}** (highest risk: {})\n",
        verdict.name(),
        review.max_risk().name()
    );
    let s = review.summary();
    let _ = writeln!(
        out,
        "| create | update | replace | delete | read | no-op | moved | imported |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
        s.create, s.update, s.replace, s.delete, s.read, s.no_op, s.moved, s.import
    );
    for p in review.plans.iter().filter(|p| p.errored) {
        let _ = writeln!(
            out,
            "> **{}** is an errored plan (incomplete).\n",
            esc(&p.source)
        );
    }
    let mut risky: Vec<_> = review
        .changes()
        .filter(|(_, _, r)| r.level >= RiskLevel::Medium)
        .collect();
    risky.sort_by_key(|c| std::cmp::Reverse(c.2.level));
    if !risky.is_empty() {
        let _ = writeln!(out, "#### Risky changes\n");
        let _ = writeln!(out, "| risk | action | address | why |");
        let _ = writeln!(out, "|---|---|---|---|");
        for (p, c, r) in risky {
            let why: Vec<String> = r
                .reasons
                .iter()
                .filter(|x| x.level >= RiskLevel::Medium)
                .map(|x| esc(&x.message))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} |",
                r.level.name(),
                c.action.name(),
                display_address(review, p, &c.address).replace('`', "'"),
                why.join("<br>")
            );
        }
        out.push('\n');
    }
    let findings: Vec<_> = review
        .policy
        .iter()
        .filter(|f| f.result != PolicyResult::Pass)
        .collect();
    if !review.policy.is_empty() {
        let _ = writeln!(out, "#### Policy\n");
        if findings.is_empty() {
            let _ = writeln!(out, "All {} policies passed.\n", review.policy.len());
        } else {
            let _ = writeln!(out, "| result | policy | message | address |");
            let _ = writeln!(out, "|---|---|---|---|");
            for f in findings {
                let address = f
                    .address
                    .as_deref()
                    .map(|a| format!("`{}`", a.replace('`', "'")))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {address} |",
                    f.result.name(),
                    esc(&f.policy),
                    esc(&f.message)
                );
            }
            out.push('\n');
        }
    }
    let changing: Vec<_> = review
        .changes()
        .filter(|(_, c, _)| !matches!(c.action, Action::NoOp))
        .collect();
    if !changing.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>All {} changes</summary>\n",
            changing.len()
        );
        for (p, c, r) in changing {
            let _ = writeln!(
                out,
                "- {} `{}` ({})",
                c.action.name(),
                display_address(review, p, &c.address).replace('`', "'"),
                r.level.name()
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}
