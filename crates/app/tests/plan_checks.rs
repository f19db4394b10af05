//! Plan Review's lint findings and cost delta (`plan_checks`): on the demo plan, unsupported
//! types listed (never $0), budgets from the workspace's `.orbis.toml` blocking the verdict,
//! and no sensitive value in anything new the UI receives.

use orbis_app::plan_checks::{CostStatus, LintSeverity};
use orbis_app::plan_review::PlanVerdict;
use orbis_app::Session;
use orbis_store::Store;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo-workspace")
}

fn session_on(dir: &Path) -> Session {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(dir).unwrap();
    session
}

#[test]
fn demo_plan_has_lint_findings_and_a_cost_delta() {
    let session = session_on(&demo());
    let view = session.open_plan("plans/sample-plan.json").unwrap();
    let row = |a: &str| view.changes.iter().find(|r| r.address == a).unwrap().index;

    let ssh = view
        .lint
        .iter()
        .find(|f| f.rule_id == "ORB-AWS-001")
        .expect("open SSH");
    assert_eq!(ssh.address, "aws_security_group.web");
    assert_eq!(ssh.severity, LintSeverity::High);
    assert_eq!(ssh.change, Some(row("aws_security_group.web")));
    assert!(!view.lint.iter().any(|f| f.address.contains("old_flow")));

    let cost = view.cost.as_ref().expect("estimated");
    assert_eq!(cost.currency, "USD");
    assert!(cost.diff_total_monthly_cost > 0.0, "{cost:?}");
    let sum = cost.total_monthly_cost - cost.past_total_monthly_cost;
    assert!((sum - cost.diff_total_monthly_cost).abs() < 1e-9);
    assert!(view.blocked_by.is_empty() && cost.budgets.is_empty());

    let web = session.plan_change(row("aws_instance.web")).unwrap();
    assert!(web.lint.iter().any(|f| f.rule_id == "ORB-AWS-025"));
    let c = web.cost.expect("cost of the instance");
    assert_eq!(c.status, CostStatus::Priced);
    assert!(
        c.past_monthly_cost > 0.0 && c.monthly_cost > c.past_monthly_cost,
        "{c:?}"
    );
    let sg = session.plan_change(row("aws_security_group.web")).unwrap();
    assert_eq!(sg.cost.unwrap().status, CostStatus::Free);

    // Policies re-render the view: lint and cost stay.
    let after = session.check_plan_policies().unwrap();
    assert_eq!(after.lint, view.lint);
    assert_eq!(after.cost, view.cost);
}

fn plan_with(resources: &str) -> String {
    format!(
        r#"{{"format_version":"1.2","terraform_version":"1.11.4",
        "variables":{{"token":{{"value":"orbis-canary-8f3a2b"}}}},
        "configuration":{{"provider_config":{{"aws":{{"name":"aws","expressions":{{"region":{{"constant_value":"us-east-1"}}}}}}}},
          "root_module":{{"variables":{{"token":{{"sensitive":true}}}}}}}},
        "resource_changes":[{resources}]}}"#
    )
}

const INSTANCE: &str = r#"{"address":"aws_instance.app","mode":"managed","type":"aws_instance","name":"app",
  "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
  "after":{"ami":"ami-1","instance_type":"t3.medium","user_data":"orbis-canary-8f3a2b",
    "tags":{"Owner":"a","Environment":"b","CostCenter":"c"},
    "metadata_options":[{"http_tokens":"required","http_endpoint":"enabled"}],
    "root_block_device":[{"encrypted":true}],"subnet_id":"subnet-1"},
  "after_unknown":{"id":true},"after_sensitive":{"user_data":true}}}"#;

const CLOUDFRONT: &str = r#"{"address":"aws_cloudfront_distribution.cdn","mode":"managed","type":"aws_cloudfront_distribution",
  "name":"cdn","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,
  "after":{"enabled":true,"tags":{"Owner":"a","Environment":"b","CostCenter":"c"}},"after_unknown":{"id":true}}}"#;

fn workspace(plan: &str, toml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.json"), plan).unwrap();
    if let Some(t) = toml {
        std::fs::write(dir.path().join(".orbis.toml"), t).unwrap();
    }
    dir
}

#[test]
fn unsupported_types_are_listed_not_counted_as_zero() {
    let dir = workspace(&plan_with(&format!("{INSTANCE},{CLOUDFRONT}")), None);
    let session = session_on(dir.path());
    let view = session.open_plan("plan.json").unwrap();
    let cost = view.cost.as_ref().unwrap();
    assert!(
        cost.unsupported
            .iter()
            .any(|u| u.address == "aws_cloudfront_distribution.cdn" && !u.reason.is_empty()),
        "{cost:?}"
    );
    let i = view
        .changes
        .iter()
        .find(|r| r.resource_type == "aws_cloudfront_distribution")
        .unwrap()
        .index;
    let c = session.plan_change(i).unwrap().cost.unwrap();
    assert_eq!(c.status, CostStatus::Unsupported);
    assert!(c.reason.is_some());
}

#[test]
fn an_exceeded_budget_blocks_the_plan() {
    // Without a budget the lone instance create is safe.
    let plan = plan_with(INSTANCE);
    let free = workspace(&plan, None);
    let session = session_on(free.path());
    let view = session.open_plan("plan.json").unwrap();
    assert_eq!(view.verdict, PlanVerdict::Safe, "{:?}", view.lint);
    let delta = view.cost.as_ref().unwrap().diff_total_monthly_cost;
    assert!(delta > 1.0, "a t3.medium costs something: {delta}");

    let toml =
        "[cost.budgets.team]\nmonthly_delta = 1\n\n[cost.budgets.roomy]\nmonthly_total = 100000\n";
    let tight = workspace(&plan, Some(toml));
    let session = session_on(tight.path());
    let view = session.open_plan("plan.json").unwrap();
    assert_eq!(view.verdict, PlanVerdict::Dangerous);
    assert_eq!(view.blocked_by.len(), 1, "{:?}", view.blocked_by);
    assert!(view.blocked_by[0].contains("team") && view.blocked_by[0].contains("exceeds"));
    let cost = view.cost.as_ref().unwrap();
    assert!(cost.budget_exceeded);
    assert_eq!(cost.budgets.len(), 2);
    // Still blocked once the policies ran (they re-render the verdict).
    assert_eq!(
        session.check_plan_policies().unwrap().verdict,
        PlanVerdict::Dangerous
    );

    // A budget that holds changes nothing.
    let roomy = workspace(
        &plan,
        Some("[cost.budgets.roomy]\nmonthly_delta = 100000\n"),
    );
    let view = session_on(roomy.path()).open_plan("plan.json").unwrap();
    assert_eq!(view.verdict, PlanVerdict::Safe);
    assert!(view.blocked_by.is_empty());
}

#[test]
fn a_bad_lint_section_is_a_warning_and_defaults_apply() {
    let dir = workspace(&plan_with(INSTANCE), Some("[lint]\nnot_a_key = 1\n"));
    let view = session_on(dir.path()).open_plan("plan.json").unwrap();
    assert_eq!(
        view.settings_warnings.len(),
        1,
        "{:?}",
        view.settings_warnings
    );
    assert!(view.cost.is_some());
}

#[test]
fn sensitive_values_never_reach_lint_or_cost_outputs() {
    let dir = workspace(&plan_with(&format!("{INSTANCE},{CLOUDFRONT}")), None);
    let session = session_on(dir.path());
    session.open_plan("plan.json").unwrap();
    let view = session.check_plan_policies().unwrap();
    assert!(view.redacted_values > 0);
    let mut everything = serde_json::to_string(&view).unwrap();
    for r in &view.changes {
        everything += &serde_json::to_string(&session.plan_change(r.index).unwrap()).unwrap();
    }
    assert!(
        everything.contains("\"cost\":{"),
        "cost is part of what was checked"
    );
    assert!(!everything.contains("orbis-canary-8f3a2b"), "{everything}");
}

/// The team budget's warning: from its level up to the limit (inclusive, in cents); over
/// the limit it is a block, not a warning; a plan that saves money never warns.
#[test]
fn team_budget_warns_from_its_level_up_to_the_limit() {
    use orbis_app::plan_checks::TeamBudget;
    let team = TeamBudget {
        name: "team:prod".into(),
        monthly_limit: 200.0,
        warn_percent: 80,
    };
    assert_eq!(team.warning(159.99), None);
    let at_level = team.warning(160.0).expect("a warning at 80%");
    assert_eq!(
        at_level,
        "budget team:prod: monthly delta $160.00 is 80% of $200.00 (warning from 80%)"
    );
    assert!(team.warning(200.004).is_some(), "shown as $200.00: within");
    assert_eq!(
        team.warning(200.01),
        None,
        "over the limit: blocked instead"
    );
    assert_eq!(team.warning(-500.0), None);
    let b = team.as_budget();
    assert_eq!((b.monthly_total, b.monthly_delta), (None, Some(200.0)));
}

/// A session whose store holds a team connection to `w1` and the set pulled for `pulled_for`
/// (as the sync writes them; the network part is tested in orbis-server's
/// `desktop_governance`).
fn session_with_team(dir: &Path, pulled_for: &str, team_limit: f64) -> Session {
    let store = Store::open_in_memory().unwrap();
    store
        .set_setting(
            "team.connection",
            &serde_json::json!({"workspace_id": "w1"}),
        )
        .unwrap();
    let governance = serde_json::json!({
        "workspace_id": pulled_for, "revision": "r1", "pulled_at": 1,
        "budget": {"scope": "w1", "workspace_name": "prod", "monthly_limit": team_limit,
                   "warn_percent": 80, "published_by": "root", "published_at": 1},
        "policy_packs": [{"name": "compute", "version": 4, "description": "", "sha256": "x",
            "published_by": "root", "published_at": 1,
            "policies": [{"name": "no_t3", "source":
                "package team.t3\nimport rego.v1\ndeny contains msg if {\n some rc in input.resource_changes\n startswith(rc.change.after.instance_type, \"t3.\")\n msg := sprintf(\"%s: no t3 here\", [rc.address])\n}\n"}]}],
    });
    store.set_setting("team.governance", &governance).unwrap();
    let session = Session::new(store, None);
    session.open_workspace(dir).unwrap();
    session
}

/// The team's rules run beside the workspace's: both budgets are checked (the stricter
/// blocks, whichever it is), the team pack's finding names pack and version, and a set
/// pulled for another workspace is not applied.
#[test]
fn team_rules_apply_beside_the_workspace_budgets() {
    let plan = plan_with(INSTANCE);
    let roomy_toml = "[cost.budgets.local]\nmonthly_delta = 100000\n";
    let tight_toml = "[cost.budgets.local]\nmonthly_delta = 1\n";

    let ws = workspace(&plan, Some(roomy_toml));
    let session = session_with_team(ws.path(), "w1", 1.0);
    let view = session.open_plan("plan.json").unwrap();
    assert_eq!(view.blocked_by.len(), 1, "{:?}", view.blocked_by);
    assert!(view.blocked_by[0].starts_with("budget team:prod: monthly delta"));
    let checked = session.check_plan_policies().unwrap();
    let team: Vec<_> = checked
        .policy
        .iter()
        .filter(|p| p.policy == "compute@4/no_t3")
        .collect();
    assert_eq!(team.len(), 1, "{:?}", checked.policy);
    assert_eq!(team[0].address.as_deref(), Some("aws_instance.app"));
    assert_eq!(checked.verdict, PlanVerdict::Dangerous);

    let ws = workspace(&plan, Some(tight_toml));
    let view = session_with_team(ws.path(), "w1", 100000.0)
        .open_plan("plan.json")
        .unwrap();
    assert_eq!(view.blocked_by.len(), 1, "{:?}", view.blocked_by);
    assert!(view.blocked_by[0].starts_with("budget local:"));
    assert_eq!(view.cost.as_ref().unwrap().budgets.len(), 2);

    let other = session_with_team(ws.path(), "w2", 1.0);
    let view = other.open_plan("plan.json").unwrap();
    assert_eq!(
        view.cost.as_ref().unwrap().budgets.len(),
        1,
        "only the local one"
    );
    let checked = other.check_plan_policies().unwrap();
    assert!(checked
        .policy
        .iter()
        .all(|p| !p.policy.starts_with("compute@")));
}
