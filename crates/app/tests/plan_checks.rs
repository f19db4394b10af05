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
