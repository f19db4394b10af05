//! The risk rules. Each adds a reason with its own level; the change's level is the highest.

use super::attrs::Attrs;
use super::catalog::{is_iam, is_network_filter, is_stateful, may_expose_publicly};
use super::network::exposure;
use super::{Risk, RiskLevel};
use crate::model::{Action, ResourceChange};
use serde_json::Value;

/// What the rules need to know about the plan around a change.
#[derive(Debug, Default, Clone, Copy)]
pub struct RiskContext<'a> {
    /// Configuration addresses declaring `prevent_destroy` (from the plan's configuration).
    pub prevent_destroy: &'a [String],
}

pub fn assess(change: &ResourceChange, ctx: RiskContext<'_>) -> Risk {
    let mut risk = Risk::default();
    let t = change.resource_type.as_str();
    if change.mode == "data" || matches!(change.action, Action::NoOp | Action::Read) {
        // Reads and no-ops change nothing; a pure move or import is still worth a note.
        note_move_import(change, &mut risk);
        return risk;
    }
    let full = is_network_filter(t) || may_expose_publicly(t);
    let before = Attrs::parse(change.before.as_ref(), full);
    let after = Attrs::parse(change.after.as_ref(), full);

    base_action(change, &mut risk);
    stateful_destroy(change, ctx, &mut risk);
    if is_iam(t) {
        risk.add(
            "iam-change",
            RiskLevel::High,
            format!("{} changes identity/access ({t})", change.action.name()),
        );
    }
    if !matches!(change.action, Action::Delete | Action::Forget) {
        internet_exposure(t, &after, &before, &mut risk);
        public_exposure(&after, &before, &mut risk);
    }
    production(change, &before, &after, &mut risk);
    note_move_import(change, &mut risk);
    risk
}

fn base_action(change: &ResourceChange, risk: &mut Risk) {
    match change.action {
        Action::Create => risk.add("create", RiskLevel::Low, "new resource"),
        Action::Update => risk.add("update", RiskLevel::Low, "in-place update"),
        Action::Delete => risk.add("delete", RiskLevel::Medium, "resource is destroyed"),
        Action::Replace {
            create_before_destroy,
        } => {
            let how = if create_before_destroy {
                "new object created before the old one is destroyed"
            } else {
                "old object destroyed before the new one is created (downtime)"
            };
            let mut msg = format!("resource is replaced: {how}");
            if let Some(reason) = &change.action_reason {
                msg.push_str(&format!("; reason: {reason}"));
            }
            risk.add("replace", RiskLevel::Medium, msg);
        }
        Action::Forget => risk.add(
            "forget",
            RiskLevel::Low,
            "removed from state, the real object is kept",
        ),
        Action::Other => risk.add(
            "unknown-action",
            RiskLevel::Medium,
            format!("unknown action list {:?}", change.actions),
        ),
        Action::NoOp | Action::Read => {}
    }
}

fn stateful_destroy(change: &ResourceChange, ctx: RiskContext<'_>, risk: &mut Risk) {
    let t = change.resource_type.as_str();
    if !change.action.destroys() || !is_stateful(t) {
        return;
    }
    let level = match change.action {
        Action::Replace {
            create_before_destroy: true,
        } => RiskLevel::High,
        _ => RiskLevel::Critical,
    };
    risk.add(
        "destroy-stateful",
        level,
        format!(
            "{} of a data-holding resource ({t}): its data is lost",
            change.action.name()
        ),
    );
    let config_address = strip_index(&change.address);
    if !ctx.prevent_destroy.iter().any(|a| a == &config_address) {
        risk.add(
            "no-prevent-destroy",
            level,
            "lifecycle.prevent_destroy is not set on this data-holding resource (Terraform would refuse this plan if it were)",
        );
    }
}

/// `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b` (configuration address).
fn strip_index(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0;
    let mut in_str = false;
    for ch in address.chars() {
        match ch {
            '"' if depth > 0 => in_str = !in_str,
            '[' if !in_str => depth += 1,
            ']' if !in_str => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn internet_exposure(t: &str, after: &Attrs, before: &Attrs, risk: &mut Risk) {
    if !is_network_filter(t) {
        return;
    }
    let now = exposure(t, &after.value);
    if now.open_sources.is_empty() {
        return;
    }
    let was = exposure(t, &before.value);
    let newly = if was == now { "" } else { "newly " };
    if !now.admin_ports.is_empty() {
        let ports: Vec<String> = now.admin_ports.iter().map(u16::to_string).collect();
        risk.add(
            "internet-admin-port",
            RiskLevel::Critical,
            format!(
                "{newly}opens admin port(s) {} to the internet ({})",
                ports.join(", "),
                now.open_sources.join(", ")
            ),
        );
    } else {
        risk.add(
            "internet-ingress",
            RiskLevel::High,
            format!(
                "{newly}allows ingress from the internet ({})",
                now.open_sources.join(", ")
            ),
        );
    }
}

fn public_exposure(after: &Attrs, before: &Attrs, risk: &mut Risk) {
    let flag = |a: &Attrs, k: &str| a.get(k).and_then(Value::as_bool);
    let checks: [(&str, bool, &str); 3] = [
        (
            "publicly_accessible",
            true,
            "database is publicly accessible",
        ),
        (
            "public_network_access_enabled",
            true,
            "public network access is enabled",
        ),
        (
            "associate_public_ip_address",
            true,
            "instance gets a public IP address",
        ),
    ];
    for (key, bad, msg) in checks {
        if flag(after, key) == Some(bad) {
            let level = if flag(before, key) == Some(bad) {
                RiskLevel::Medium
            } else {
                RiskLevel::High
            };
            risk.add("public-exposure", level, format!("{msg} ({key} = {bad})"));
        }
    }
    for key in [
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ] {
        if flag(after, key) == Some(false) {
            risk.add(
                "public-exposure",
                RiskLevel::High,
                format!("public access block disabled ({key} = false)"),
            );
        }
    }
    if let Some(acl) = after.get("acl").and_then(Value::as_str) {
        if matches!(
            acl,
            "public-read" | "public-read-write" | "authenticated-read" | "website"
        ) {
            risk.add(
                "public-exposure",
                RiskLevel::High,
                format!("public ACL ({acl})"),
            );
        }
    }
    for key in ["member", "members"] {
        let members: Vec<&str> = match after.get(key) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if let Some(m) = members
            .iter()
            .find(|m| matches!(**m, "allUsers" | "allAuthenticatedUsers"))
        {
            risk.add(
                "public-exposure",
                RiskLevel::High,
                format!("grants access to {m}"),
            );
        }
    }
}

fn production(change: &ResourceChange, before: &Attrs, after: &Attrs, risk: &mut Risk) {
    let tag = before.production_tag().or_else(|| after.production_tag());
    let Some(tag) = tag else { return };
    if matches!(change.action, Action::Create) {
        return;
    }
    let level = if change.action.destroys() {
        RiskLevel::High
    } else {
        RiskLevel::Medium
    };
    risk.add(
        "production",
        level,
        format!(
            "{} of a production-tagged resource ({tag})",
            change.action.name()
        ),
    );
}

fn note_move_import(change: &ResourceChange, risk: &mut Risk) {
    if change.is_move() {
        let from = change.previous_address.as_deref().unwrap_or_default();
        risk.add("moved", RiskLevel::Low, format!("moved from {from}"));
    }
    if let Some(id) = &change.importing {
        risk.add("import", RiskLevel::Low, format!("imported (id {id})"));
    }
}
