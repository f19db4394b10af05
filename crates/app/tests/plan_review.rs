//! Plan Review operations on the demo's sample plan and on the plan corpus: what the UI gets
//! (counts, verdict, rows, diffs, risk, policy), exports, errors, and that no sensitive value
//! ever reaches anything the UI or an export receives.

use orbis_app::plan_review::{
    ChangeAction, DiffChange, DiffValueKind, PlanRiskLevel, PlanVerdict, PolicyOutcome,
    ReportFormat,
};
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};

const DEMO_PASSWORD: &str = "demo-only-not-a-real-password";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo-workspace")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/plans")
}

fn session_on(dir: &Path) -> Session {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(dir).unwrap();
    session
}

#[test]
fn the_demo_sample_plan_gives_counts_verdict_risk_and_policy() {
    let session = session_on(&demo());
    let view = session.open_plan("plans/sample-plan.json").unwrap();
    assert_eq!(view.name, "sample-plan.json");
    assert_eq!(view.location, "plans/sample-plan.json");
    let c = &view.counts;
    assert_eq!(
        (c.create, c.update, c.delete, c.replace, c.read, c.no_op),
        (2, 2, 1, 1, 0, 1)
    );
    assert_eq!(view.verdict, PlanVerdict::Dangerous);
    assert_eq!(view.max_risk, PlanRiskLevel::Critical);
    assert_eq!(view.changes.len(), 7);
    // Policies run in a second step, so a big plan shows before Rego is done with it.
    assert!(!view.policy_checked);
    assert!(view.policy.is_empty() && view.changes.iter().all(|r| r.policy.is_none()));
    let first_id = view.id;
    let view = session.check_plan_policies().unwrap();
    assert!(view.policy_checked);
    assert_eq!(view.id, first_id);
    assert_eq!(session.current_plan().as_ref(), Some(&view));

    let row = |address: &str| view.changes.iter().find(|r| r.address == address).unwrap();
    let sg = row("aws_security_group.web");
    assert_eq!(sg.action, ChangeAction::Update);
    assert_eq!(sg.risk, PlanRiskLevel::Critical);
    assert_eq!(sg.policy, Some(PolicyOutcome::Deny));
    let log_group = row("module.network.aws_cloudwatch_log_group.old_flow");
    assert_eq!(log_group.module, "module.network");
    assert_eq!(log_group.resource_type, "aws_cloudwatch_log_group");
    assert_eq!(log_group.action, ChangeAction::Delete);
    assert_eq!(row("aws_s3_bucket.assets").module, "");

    // Only deny/warn/error results are listed; the other bundled policies passed.
    assert_eq!(view.policy.len(), 1, "{:?}", view.policy);
    let deny = &view.policy[0];
    assert_eq!(deny.policy, "no_open_admin_ports");
    assert_eq!(deny.result, PolicyOutcome::Deny);
    assert_eq!(deny.change, Some(sg.index));
    assert!(deny.message.contains("port 22"), "{}", deny.message);
    assert_eq!(view.policies_passed, 4);

    let web = session.plan_change(row("aws_instance.web").index).unwrap();
    assert_eq!(web.action, ChangeAction::Replace);
    assert!(!web.create_before_destroy);
    assert_eq!(web.actions, ["delete", "create"]);
    assert_eq!(web.risk, PlanRiskLevel::Medium);
    assert!(web
        .reasons
        .iter()
        .any(|r| r.code == "replace" && r.message.contains("downtime")));
    let attr = |path: &str| web.diff.iter().find(|d| d.path == path).unwrap();
    let ami = attr("ami");
    assert_eq!(ami.change, DiffChange::Changed);
    assert_eq!(ami.before.kind, DiffValueKind::Value);
    assert_eq!(ami.before.text, "\"ami-0a8e758f5e873d1c1\"");
    assert_eq!(ami.after.text, "\"ami-0c1bc246476a5572b\"");
    let arn = attr("arn");
    assert_eq!(arn.change, DiffChange::Added);
    assert_eq!(arn.before.kind, DiffValueKind::Absent);
    assert_eq!(arn.after.kind, DiffValueKind::Unknown);

    let sg_detail = session.plan_change(sg.index).unwrap();
    assert!(sg_detail
        .reasons
        .iter()
        .any(|r| r.code == "internet-admin-port"));
    assert_eq!(sg_detail.policy.len(), 1);
}

#[test]
fn nothing_the_ui_or_an_export_receives_holds_the_demo_password() {
    let raw = std::fs::read_to_string(demo().join("plans/sample-plan.json")).unwrap();
    assert!(
        raw.contains(DEMO_PASSWORD),
        "the fixture must hold the secret for this test to mean anything"
    );
    let session = session_on(&demo());
    session.open_plan("plans/sample-plan.json").unwrap();
    let view = session.check_plan_policies().unwrap();
    assert!(view.redacted_values > 0);
    let mut everything = serde_json::to_string(&view).unwrap();
    for row in &view.changes {
        everything += &serde_json::to_string(&session.plan_change(row.index).unwrap()).unwrap();
    }
    everything += &session.plan_report(ReportFormat::Markdown).unwrap();
    everything += &session.plan_report(ReportFormat::Html).unwrap();
    let file = session.read_file("plans/sample-plan.json").unwrap();
    everything += &serde_json::to_string(&file).unwrap();
    assert!(!everything.contains(DEMO_PASSWORD));
}

#[test]
fn plan_json_files_are_flagged_and_never_sent_as_text() {
    let session = session_on(&demo());
    let file = session.read_file("plans/sample-plan.json").unwrap();
    assert!(file.plan);
    assert_eq!(file.text, "");
    assert!(file.size > 10_000);

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("package.json"),
        r#"{"name": "x", "version": "1.0.0"}"#,
    )
    .unwrap();
    let session = session_on(tmp.path());
    let file = session.read_file("package.json").unwrap();
    assert!(!file.plan);
    assert!(file.text.contains("\"version\""));
}

#[test]
fn a_sensitive_value_that_changed_shows_as_sensitive_on_both_sides() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = serde_json::json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "aws_db_instance.app", "mode": "managed", "type": "aws_db_instance",
            "name": "app", "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": ["update"],
                "before": {"password": "old-secret-value-1", "users": ["admin", "old-secret-value-1"], "port": 5432},
                "after": {"password": "new-secret-value-2", "users": ["admin", "new-secret-value-2"], "port": 5433},
                "after_unknown": {},
                "before_sensitive": {"password": true},
                "after_sensitive": {"password": true}
            }
        }]
    });
    std::fs::write(tmp.path().join("plan.json"), plan.to_string()).unwrap();
    let session = session_on(tmp.path());
    let view = session.open_plan("plan.json").unwrap();
    let detail = session.plan_change(0).unwrap();
    let password = detail.diff.iter().find(|d| d.path == "password").unwrap();
    assert_eq!(password.before.kind, DiffValueKind::Sensitive);
    assert_eq!(password.after.kind, DiffValueKind::Sensitive);
    let port = detail.diff.iter().find(|d| d.path == "port").unwrap();
    assert_eq!(
        (port.before.text.as_str(), port.after.text.as_str()),
        ("5432", "5433")
    );
    let all = serde_json::to_string(&detail).unwrap() + &serde_json::to_string(&view).unwrap();
    for secret in ["old-secret-value-1", "new-secret-value-2"] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
}

#[test]
fn exports_are_written_where_the_user_chose() {
    let session = session_on(&demo());
    let err = session.plan_report(ReportFormat::Markdown).unwrap_err();
    assert_eq!(err.code, ErrorCode::NoPlan);
    session.open_plan("plans/sample-plan.json").unwrap();
    assert_eq!(
        session
            .plan_report_file_name(ReportFormat::Markdown)
            .unwrap(),
        "sample-plan-review.md"
    );
    assert_eq!(
        session.plan_report_file_name(ReportFormat::Html).unwrap(),
        "sample-plan-review.html"
    );
    let out = tempfile::tempdir().unwrap();
    let md = out.path().join("review.md");
    session
        .export_plan_report(ReportFormat::Markdown, &md)
        .unwrap();
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("dangerous") && md.contains("aws_security_group.web"),
        "{md}"
    );
    let html = out.path().join("review.html");
    session
        .export_plan_report(ReportFormat::Html, &html)
        .unwrap();
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.to_ascii_lowercase().starts_with("<!doctype html"),
        "{}",
        &html[..80]
    );
    // Self-contained: no external scripts or stylesheets.
    assert!(!html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""));
    let err = session
        .export_plan_report(ReportFormat::Html, &out.path().join("missing/dir/x.html"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn plans_outside_the_workspace_are_refused_from_the_webview_path() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    std::fs::copy(
        demo().join("plans/sample-plan.json"),
        tmp.path().join("outside.json"),
    )
    .unwrap();
    let session = session_on(&ws);
    for attempt in [
        "../outside.json",
        "/etc/passwd",
        tmp.path().join("outside.json").to_str().unwrap(),
    ] {
        let err = session.open_plan(attempt).unwrap_err();
        assert_eq!(err.code, ErrorCode::OutsideWorkspace, "{attempt}: {err:?}");
    }
    // The same file chosen in the native dialog (or dropped on the window) opens, shown by
    // its full path since it is not in the workspace.
    let view = session
        .open_plan_file(&tmp.path().join("outside.json"))
        .unwrap();
    assert!(view.location.ends_with("outside.json") && view.location.starts_with('/'));
    assert_eq!(view.counts.replace, 1);
}

#[test]
fn broken_plans_give_the_engines_message_and_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = std::fs::read(demo().join("plans/sample-plan.json")).unwrap();
    std::fs::write(
        tmp.path().join("truncated.json"),
        &sample[..sample.len() / 2],
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("garbage.json"),
        b"{\"resource_changes\": [}",
    )
    .unwrap();
    std::fs::write(tmp.path().join("empty.json"), b"").unwrap();
    std::fs::create_dir(tmp.path().join("folder.json")).unwrap();
    let session = session_on(tmp.path());
    let cases = [
        ("truncated.json", "[plan.truncated]", "regenerate"),
        (
            "garbage.json",
            "[plan.invalid_json]",
            "terraform show -json",
        ),
        ("empty.json", "[plan.", ""),
        ("folder.json", "is a folder", "terraform show -json"),
    ];
    for (file, in_message, in_hint) in cases {
        let err = session.open_plan(file).unwrap_err();
        assert_eq!(err.code, ErrorCode::PlanInvalid, "{file}: {err:?}");
        assert!(err.message.starts_with(file), "{file}: {}", err.message);
        assert!(err.message.contains(in_message), "{file}: {}", err.message);
        assert!(
            err.hint.contains(in_hint) && !err.hint.is_empty(),
            "{file}: {}",
            err.hint
        );
    }
    let err = session.open_plan("truncated.json").unwrap_err();
    assert_eq!(
        err.message.matches("line ").count(),
        1,
        "position given once: {}",
        err.message
    );
    // A failed open keeps nothing half-loaded.
    assert_eq!(session.current_plan(), None);
    // The truncated plan is still recognised as a plan, so a click opens the review (and
    // its error) instead of sending the text to the editor.
    assert!(session.read_file("truncated.json").unwrap().plan);
}

fn index_plans() -> Vec<Value> {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("INDEX.json")).unwrap())
            .unwrap();
    index["plans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "plan" || p["kind"] == "redacted_renderer_plan")
        .cloned()
        .collect()
}

#[test]
fn every_corpus_plan_opens_with_the_index_counts_and_every_change_has_a_detail() {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    let mut opened = 0;
    for entry in index_plans() {
        let rel = entry["path"].as_str().unwrap();
        let view = session
            .open_plan_file(&corpus().join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        let a = &entry["actions"];
        let n = |k: &str| a[k].as_u64().unwrap() as u32;
        assert_eq!(
            view.changes.len() as u64,
            entry["resource_changes"].as_u64().unwrap(),
            "{rel}"
        );
        let c = &view.counts;
        assert_eq!(
            (c.create, c.update, c.delete, c.replace, c.read, c.no_op),
            (
                n("create"),
                n("update"),
                n("delete"),
                n("replace"),
                n("read"),
                n("no-op")
            ),
            "{rel}"
        );
        for row in &view.changes {
            let detail = session.plan_change(row.index).unwrap();
            assert_eq!(detail.address, row.address, "{rel}");
            assert_eq!(detail.risk, row.risk, "{rel}");
            assert!(
                detail.reasons.iter().all(|r| r.level <= detail.risk),
                "{rel}: {detail:?}"
            );
            for d in &detail.diff {
                // A change's sides are consistent with what happened to the attribute.
                match d.change {
                    DiffChange::Added => {
                        assert_eq!(d.before.kind, DiffValueKind::Absent, "{rel} {}", d.path)
                    }
                    DiffChange::Removed => {
                        assert_eq!(d.after.kind, DiffValueKind::Absent, "{rel} {}", d.path)
                    }
                    DiffChange::Changed => {}
                }
                assert!(
                    !d.after.text.contains("(sensitive value)"),
                    "{rel} {}",
                    d.path
                );
            }
        }
        let view = session.check_plan_policies().unwrap();
        assert!(
            view.policy.iter().all(|p| p.result != PolicyOutcome::Error),
            "{rel}: {:?}",
            view.policy
        );
        opened += 1;
    }
    assert!(opened > 250, "only {opened} corpus plans");
}

#[test]
fn corpus_documents_that_are_not_plans_give_an_error_not_a_panic() {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    let bad = corpus().join("json/invalid/terraform-json__invalid.plan.json");
    let err = session.open_plan_file(&bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::PlanInvalid);
    assert!(err.message.contains("[plan."), "{}", err.message);
    assert!(!err.hint.is_empty());
}

#[test]
fn policy_results_land_on_the_plan_they_were_run_for() {
    let session = session_on(&demo());
    let first = session.open_plan("plans/sample-plan.json").unwrap();
    let second = session
        .open_plan_file(&corpus().join("json/terraform-json/basic.json"))
        .unwrap();
    assert_ne!(first.id, second.id);
    let checked = session.check_plan_policies().unwrap();
    assert_eq!(checked.id, second.id);
    assert!(checked.policy_checked);
    // Asking again does not run them twice (the timing stays that of the first run).
    assert_eq!(session.check_plan_policies().unwrap(), checked);
    // A report always carries the policy results, even when asked for before they ran.
    session.open_plan("plans/sample-plan.json").unwrap();
    let md = session.plan_report(ReportFormat::Markdown).unwrap();
    assert!(md.contains("no\\_open\\_admin\\_ports"), "{md}");
}

#[test]
fn dropped_files_are_named_relative_to_the_workspace_only_when_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(ws.join("envs")).unwrap();
    std::fs::write(ws.join("envs/main.tf"), "# x").unwrap();
    std::fs::write(tmp.path().join("outside.tf"), "# y").unwrap();
    let session = session_on(&ws);
    assert_eq!(
        session
            .workspace_relative(&ws.join("envs/main.tf"))
            .as_deref(),
        Some("envs/main.tf")
    );
    assert_eq!(
        session.workspace_relative(&tmp.path().join("outside.tf")),
        None
    );
    assert_eq!(
        session.workspace_relative(&ws.join("envs/../../outside.tf")),
        None
    );
    assert_eq!(session.workspace_relative(&ws.join("missing.tf")), None);
}
