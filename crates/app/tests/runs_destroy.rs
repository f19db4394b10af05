//! Destroy and refresh-only from the app with the real `terraform` on PATH: a destroy plan
//! (`plan -destroy`) is saved, reviewed and confirmed like any plan, and its apply needs the
//! name typed (the environment's, else the workspace folder's) — refused without it, even
//! outside production. A refresh-only plan goes through the same gate and changes only state.

use orbis_app::runs::dto::*;
use orbis_app::runs::RunSink;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::sync::{mpsc, Arc};
use std::time::Duration;

const MAIN_TF: &str = r#"
resource "terraform_data" "web" {
  input = "v1"
}
"#;

fn run(
    s: &Session,
    kind: RunKind,
    plan: Option<i64>,
    typed: &str,
) -> Result<RunSummary, orbis_app::AppError> {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink: RunSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send(m);
    });
    let started = s.start_run(
        &StartRunRequest {
            kind,
            environment: None,
            plan_run_id: plan,
            typed_confirmation: typed.to_string(),
        },
        sink,
    )?;
    loop {
        let m: RunEventMessage = rx
            .recv_timeout(Duration::from_secs(90))
            .expect("the run finishes");
        assert_eq!(m.run_id, started.id);
        if let RunUpdate::Finished { run } = m.update {
            return Ok(run);
        }
    }
}

fn resources_in_state(root: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(root.join("terraform.tfstate")).unwrap();
    let state: serde_json::Value = serde_json::from_str(&text).unwrap();
    state["resources"].as_array().map_or(0, Vec::len)
}

#[test]
fn refresh_only_and_destroy_plans_go_through_the_gate() {
    assert!(
        orbis_runner::which("terraform").is_some(),
        "this test needs `terraform` on PATH (1.x)"
    );
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(ws.path().join("main.tf"), MAIN_TF).unwrap();
    let data = tempfile::tempdir().unwrap();
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    let info = s.open_workspace(ws.path()).unwrap();
    s.set_runs_dir(Some(data.path().to_path_buf()));
    s.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);

    // Create the resource: plan, review, confirm, apply.
    let plan = run(&s, RunKind::Plan, None, "").unwrap();
    assert!(!plan.destroy);
    s.open_run_plan(plan.id).unwrap();
    s.approve_run_plan(plan.id).unwrap();
    let applied = run(&s, RunKind::Apply, Some(plan.id), "").unwrap();
    assert_eq!(applied.status, RunStatus::Succeeded);
    assert_eq!(resources_in_state(ws.path()), 1);

    // Refresh-only: a plan run of its own kind, applied through the same gate; the resource
    // stays.
    let refresh = run(&s, RunKind::RefreshOnly, None, "").unwrap();
    assert_eq!(refresh.status, RunStatus::Succeeded, "{refresh:#?}");
    assert!(refresh.refresh_only && !refresh.destroy, "{refresh:#?}");
    assert!(
        refresh.command.contains(" -refresh-only"),
        "{}",
        refresh.command
    );
    assert_eq!(
        run(&s, RunKind::Apply, Some(refresh.id), "")
            .unwrap_err()
            .code,
        ErrorCode::RunNotApproved
    );
    s.open_run_plan(refresh.id).unwrap();
    s.approve_run_plan(refresh.id).unwrap();
    let refreshed = run(&s, RunKind::Apply, Some(refresh.id), "").unwrap();
    assert_eq!(refreshed.status, RunStatus::Succeeded);
    assert_eq!(resources_in_state(ws.path()), 1);

    // The destroy plan: recorded as a plan, flagged as a destroy, one to remove.
    let destroy = run(&s, RunKind::Destroy, None, "").unwrap();
    assert_eq!(destroy.status, RunStatus::Succeeded, "{destroy:#?}");
    assert_eq!(destroy.operation, "plan");
    assert!(
        destroy.destroy && destroy.command.contains(" -destroy"),
        "{destroy:#?}"
    );
    assert_eq!(destroy.changes.map(|c| c.remove), Some(1));

    // Like any plan it must be confirmed in Plan Review first…
    assert_eq!(
        run(&s, RunKind::Apply, Some(destroy.id), &info.name)
            .unwrap_err()
            .code,
        ErrorCode::RunNotApproved
    );
    s.open_run_plan(destroy.id).unwrap();
    s.approve_run_plan(destroy.id).unwrap();
    // …and then the workspace's name typed.
    for typed in ["", "yes", "WRONG"] {
        let e = run(&s, RunKind::Apply, Some(destroy.id), typed).unwrap_err();
        assert_eq!(e.code, ErrorCode::RunConfirmation, "{typed:?}");
        assert!(e.hint.contains(&info.name), "{e:?}");
    }
    assert_eq!(resources_in_state(ws.path()), 1, "nothing destroyed yet");
    let done = run(&s, RunKind::Apply, Some(destroy.id), &info.name).unwrap();
    assert_eq!(done.status, RunStatus::Succeeded);
    assert_eq!(resources_in_state(ws.path()), 0);

    let history = s.list_runs(&RunFilter::default()).unwrap();
    let ops: Vec<(&str, bool, bool)> = history
        .iter()
        .map(|r| (r.operation.as_str(), r.destroy, r.refresh_only))
        .collect();
    assert_eq!(
        ops,
        [
            ("apply", false, false),
            ("plan", true, false),
            ("apply", false, false),
            ("plan", false, true),
            ("apply", false, false),
            ("plan", false, false)
        ]
    );
}
