//! Budgets and policy packs on the desktop side: an organization admin publishes them, two
//! desktops (orbis-app Sessions without a window, the app's real sync code) pull them into
//! their stores, and Plan Review applies them to a real plan from the corpus — a finding of
//! the team's pack names the pack and version, the team budget warns and then blocks on the
//! plan's cost delta — also while the server is down. A desktop that was away picks up the
//! newer version when it syncs again; disconnecting takes the team's rules out of force.
//! Real `orbis-server` binary on loopback (SQLite), private gnome-keyring.

mod common;

use common::desktop::{connect, desktop, in_child};
use common::scenarios::{setup_org, Org};
use common::{call, Backend, Server};
use orbis_app::plan_review::PolicyOutcome;
use orbis_app::Session;
use serde_json::json;
use std::path::PathBuf;

/// A plan with two `t2.nano` instances among 55 changes (checkov's tagging fixture).
fn corpus_plan() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/plans/json/checkov/terraform__parser__resources__plan_tags__tfplan.json")
}

fn previous_generation(advice: &str) -> String {
    format!(
        r#"package team.compute

import rego.v1

deny contains msg if {{
    some rc in input.resource_changes
    rc.type == "aws_instance"
    some action in rc.change.actions
    action in {{"create", "update"}}
    startswith(rc.change.after.instance_type, "t2.")
    msg := sprintf("%s: %s is a previous-generation type; {advice}", [rc.address, rc.change.after.instance_type])
}}
"#
    )
}

fn publish(rt: &tokio::runtime::Runtime, server: &Server, org: &Org, advice: &str, limit: f64) {
    let b = &server.base;
    let (s, body) = rt.block_on(call(
        "POST",
        &format!("{b}/v1/policy-packs"),
        Some(&org.admin),
        Some(json!({"name": "compute", "description": "current instance generations",
                    "policies": [{"name": "previous_generation", "source": previous_generation(advice)}]})),
    ));
    assert_eq!(s, 200, "{body}");
    let (s, body) = rt.block_on(call(
        "PUT",
        &format!("{b}/v1/budgets/{}", org.workspace),
        Some(&org.admin),
        Some(json!({"monthly_limit": limit, "warn_percent": 50})),
    ));
    assert_eq!(s, 200, "{body}");
}

/// The team pack's findings of the reviewed plan: (policy, address, message).
fn team_findings(session: &Session) -> Vec<(String, Option<String>, String)> {
    let view = session.check_plan_policies().unwrap();
    view.policy
        .iter()
        .filter(|p| p.policy.starts_with("compute@"))
        .map(|p| {
            assert_eq!(p.result, PolicyOutcome::Deny, "{p:?}");
            (p.policy.clone(), p.address.clone(), p.message.clone())
        })
        .collect()
}

#[test]
fn team_budgets_and_policy_packs_apply_in_plan_review() {
    if !in_child("team_budgets_and_policy_packs_apply_in_plan_review", true) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let mut server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = desktop(dir_a.path());
    let b = desktop(dir_b.path());
    connect(&a, &server.base, &org, "operator-user");
    connect(&b, &server.base, &org, "viewer-user");

    // Nothing published: the review has no team findings, and its cost delta is known.
    assert!(!a.team_governance().pulled || a.team_governance().packs.is_empty());
    let plain = a.open_plan_file(&corpus_plan()).unwrap();
    assert!(team_findings(&a).is_empty());
    let delta = plain
        .cost
        .as_ref()
        .expect("the plan is estimated")
        .diff_total_monthly_cost;
    assert!(delta > 0.0, "the plan adds cost: {delta}");
    assert!(plain.budget_warnings.is_empty());

    // Published: a limit above the delta, warning from half of it.
    publish(&rt, &server, &org, "use t3", delta * 1.5);
    a.team_sync_now().unwrap();
    b.team_sync_now().unwrap();
    for desktop in [&a, &b] {
        let g = desktop.team_governance();
        assert!(g.pulled);
        assert_eq!(g.packs.len(), 1);
        assert_eq!(
            (g.packs[0].name.as_str(), g.packs[0].version),
            ("compute", 1)
        );
        assert_eq!(g.packs[0].policies, ["previous_generation"]);
        let budget = g.budget.expect("the workspace budget");
        assert_eq!(budget.applies_to, "this workspace");
        assert_eq!(budget.warn_percent, 50);
    }

    // The server goes away: b reviews the plan offline with what it pulled.
    server.stop();
    assert!(b.team_sync_now().is_err(), "the server is down");
    let view = b.open_plan_file(&corpus_plan()).unwrap();
    let findings = team_findings(&b);
    let addresses: Vec<_> = findings.iter().filter_map(|f| f.1.as_deref()).collect();
    assert!(addresses.contains(&"aws_instance.db_app"), "{findings:?}");
    assert!(addresses.contains(&"aws_instance.web_host"), "{findings:?}");
    assert!(findings
        .iter()
        .all(|f| f.0 == "compute@1/previous_generation"));
    assert!(findings[0]
        .2
        .contains("t2.nano is a previous-generation type; use t3"));
    let team_budget = view
        .cost
        .as_ref()
        .unwrap()
        .budgets
        .iter()
        .find(|r| r.budget == "team:prod-network")
        .expect("the team budget is checked")
        .clone();
    assert_eq!(team_budget.limit_kind, "monthly_delta");
    assert!(!team_budget.exceeded);
    assert_eq!(view.budget_warnings.len(), 1, "{:?}", view.budget_warnings);
    assert!(view.budget_warnings[0].contains("warning from 50%"));
    assert!(view.blocked_by.is_empty());

    // Back: a new version of the pack and a budget below the delta. a syncs, b is away.
    rt.block_on(server.restart());
    publish(&rt, &server, &org, "move to t3 or t4g", delta / 2.0);
    a.team_sync_now().unwrap();
    assert_eq!(a.team_governance().packs[0].version, 2);
    assert_eq!(b.team_governance().packs[0].version, 1, "b has not synced");
    let view = a.open_plan_file(&corpus_plan()).unwrap();
    let findings = team_findings(&a);
    assert!(findings
        .iter()
        .all(|f| f.0 == "compute@2/previous_generation"));
    assert!(findings[0].2.contains("move to t3 or t4g"));
    let view_after = a.current_plan().unwrap();
    assert!(
        view_after
            .blocked_by
            .iter()
            .any(|m| m.starts_with("budget team:prod-network")),
        "{:?}",
        view_after.blocked_by
    );
    assert_eq!(
        view_after.verdict,
        orbis_app::plan_review::PlanVerdict::Dangerous
    );
    assert!(
        view.budget_warnings.is_empty(),
        "over the limit is a block, not a warning"
    );
    // A sync with nothing new keeps the set (the server answers 304).
    a.team_sync_now().unwrap();
    assert_eq!(a.team_governance().packs[0].version, 2);
    b.team_sync_now().unwrap();
    assert_eq!(b.team_governance().packs[0].version, 2);

    // Disconnected: the team's rules are out of force.
    a.team_disconnect().unwrap();
    assert!(!a.team_governance().pulled);
    a.open_plan_file(&corpus_plan()).unwrap();
    assert!(team_findings(&a).is_empty());
    assert!(a.current_plan().unwrap().blocked_by.is_empty());
}
