//! Terminal report: summary line, verdict, then risky changes first with their reasons.

use super::display_address;
use crate::diff::attribute_diff;
use crate::model::Action;
use crate::review::{PolicyResult, Review};
use std::fmt::Write;

pub fn render(review: &Review) -> String {
    let mut out = String::new();
    let s = review.summary();
    let _ = writeln!(
        out,
        "Plan: {} to create, {} to update, {} to replace, {} to delete, {} to read, {} unchanged",
        s.create, s.update, s.replace, s.delete, s.read, s.no_op
    );
    if s.moved + s.import + s.forget + s.drift + s.deferred > 0 {
        let _ = writeln!(
            out,
            "      {} moved, {} imported, {} forgotten, {} drifted, {} deferred",
            s.moved, s.import, s.forget, s.drift, s.deferred
        );
    }
    for p in review.plans.iter().filter(|p| p.errored) {
        let _ = writeln!(
            out,
            "! {} is an errored plan: it is incomplete and cannot be applied",
            p.source
        );
    }
    let _ = writeln!(
        out,
        "Verdict: {} (highest risk: {})",
        review.verdict().name(),
        review.max_risk().name()
    );
    let mut changes: Vec<_> = review
        .changes()
        .filter(|(_, c, _)| !matches!(c.action, Action::NoOp))
        .collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.2.level));
    if !changes.is_empty() {
        let _ = writeln!(out, "\nChanges:");
    }
    for (p, c, r) in changes {
        let _ = writeln!(
            out,
            "  [{}] {} {}",
            r.level.name(),
            c.action.name(),
            display_address(review, p, &c.address)
        );
        for reason in &r.reasons {
            let _ = writeln!(out, "      - {}", reason.message);
        }
        // Attribute lines only where they say what changes (not a whole created/destroyed object).
        let diff = if matches!(c.action, Action::Update | Action::Replace { .. }) {
            attribute_diff(c)
        } else {
            Vec::new()
        };
        for d in diff.iter().take(50) {
            let before = d.before.as_deref().unwrap_or("");
            let after = d.after.as_deref().unwrap_or("");
            let _ = match (d.before.is_some(), d.after.is_some()) {
                (true, true) => writeln!(out, "      ~ {}: {before} -> {after}", d.path),
                (false, _) => writeln!(out, "      + {}: {after}", d.path),
                (true, false) => writeln!(out, "      - {}: {before}", d.path),
            };
        }
    }
    let outputs: Vec<_> = review
        .plans
        .iter()
        .flat_map(|p| &p.output_changes)
        .filter(|o| o.action != Action::NoOp)
        .collect();
    if !outputs.is_empty() {
        let _ = writeln!(out, "\nOutputs:");
        for o in outputs {
            let _ = writeln!(
                out,
                "  {} {}{}",
                o.action.name(),
                o.name,
                if o.sensitive { " (sensitive)" } else { "" }
            );
        }
    }
    if !review.policy.is_empty() {
        let _ = writeln!(out, "\nPolicy:");
        for f in review
            .policy
            .iter()
            .filter(|f| f.result != PolicyResult::Pass)
        {
            let at = f
                .address
                .as_deref()
                .map(|a| format!(" [{a}]"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {} {}: {}{at}", f.result.name(), f.policy, f.message);
        }
        let passed = review
            .policy
            .iter()
            .filter(|f| f.result == PolicyResult::Pass)
            .count();
        let _ = writeln!(
            out,
            "  {passed} polic{} passed",
            if passed == 1 { "y" } else { "ies" }
        );
    }
    out
}
