//! Runs from the app with the real `terraform` on PATH (1.11 on the project's machines and in
//! CI), in temp workspaces that need no provider download (`terraform_data`, `local-exec`,
//! local backend): live updates, the approval gate, cancel, history. Without terraform these
//! fail and say so: the Runs view has nothing to drive without it.

use orbis_app::runs::dto::*;
use orbis_app::runs::RunSink;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

const MAIN_TF: &str = r#"
variable "delay" {
  type    = number
  default = 0
}
resource "terraform_data" "web" {
  input = "v1"
  provisioner "local-exec" {
    command = "echo provisioned-web; sleep ${var.delay}"
  }
}
"#;

const ORBIS_TOML: &str = r#"
[runs.environments.slow]
var_files = ["env/slow.tfvars"]

[runs.environments.prod]
production = true
"#;

/// Every test waits at most this long for a run (they take seconds).
const RUN_TIMEOUT: Duration = Duration::from_secs(90);

struct Fixture {
    _ws: tempfile::TempDir,
    _data: tempfile::TempDir,
    root: std::path::PathBuf,
    session: Session,
}

fn fixture() -> Fixture {
    assert!(
        orbis_runner::which("terraform").is_some(),
        "these tests need `terraform` on PATH (1.x); install it from https://developer.hashicorp.com/terraform/install"
    );
    let ws = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("main.tf", MAIN_TF),
        (".orbis.toml", ORBIS_TOML),
        ("env/slow.tfvars", "delay = 60\n"),
    ] {
        let path = ws.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(ws.path()).unwrap();
    session.set_runs_dir(Some(data.path().to_path_buf()));
    session.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);
    let root = ws.path().canonicalize().unwrap();
    Fixture {
        _ws: ws,
        _data: data,
        root,
        session,
    }
}

/// A sink that hands every update to the test thread.
fn channel() -> (RunSink, mpsc::Receiver<RunEventMessage>) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink: RunSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send(m);
    });
    (sink, rx)
}

/// Reads updates until `finished`, checking they come in order and belong to the run.
fn until_finished(id: i64, rx: &mpsc::Receiver<RunEventMessage>) -> (Vec<RunUpdate>, RunSummary) {
    let mut seen = Vec::new();
    loop {
        let m = rx
            .recv_timeout(RUN_TIMEOUT)
            .unwrap_or_else(|_| panic!("run #{id} did not finish; got {seen:#?}"));
        assert_eq!(m.run_id, id);
        assert_eq!(m.seq as usize, seen.len(), "updates arrive in order");
        if let RunUpdate::Finished { run } = m.update {
            return (seen, run);
        }
        seen.push(m.update);
    }
}

fn start(
    f: &Fixture,
    kind: RunKind,
    env: Option<&str>,
    plan: Option<i64>,
    typed: &str,
) -> Result<(i64, mpsc::Receiver<RunEventMessage>), orbis_app::AppError> {
    let (sink, rx) = channel();
    let started = f.session.start_run(
        &StartRunRequest {
            kind,
            environment: env.map(str::to_string),
            plan_run_id: plan,
            typed_confirmation: typed.to_string(),
        },
        sink,
    )?;
    Ok((started.id, rx))
}

fn log_lines(updates: &[RunUpdate]) -> Vec<&str> {
    updates
        .iter()
        .filter_map(|u| match u {
            RunUpdate::Log { line, .. } => Some(line.as_str()),
            _ => None,
        })
        .collect()
}

fn phases(updates: &[RunUpdate], addr: &str) -> Vec<ResourcePhase> {
    updates
        .iter()
        .filter_map(|u| match u {
            RunUpdate::Resource { address, phase, .. } if address == addr => Some(*phase),
            _ => None,
        })
        .collect()
}

/// A successful plan in `env`; returns its run id.
fn plan(f: &Fixture, env: Option<&str>) -> i64 {
    let (id, rx) = start(f, RunKind::Plan, env, None, "").unwrap();
    let (updates, run) = until_finished(id, &rx);
    assert_eq!(run.status, RunStatus::Succeeded, "{updates:#?}");
    id
}

#[test]
fn a_plan_streams_progress_and_a_summary_and_its_apply_passes_only_through_the_gate() {
    let f = fixture();
    let (id, rx) = start(&f, RunKind::Plan, None, None, "").unwrap();
    let (updates, run) = until_finished(id, &rx);
    let lines = log_lines(&updates);
    assert!(lines[0].starts_with("$ terraform plan -json"), "{lines:?}");
    assert!(
        lines.contains(&"terraform_data.web: plan to create"),
        "{lines:?}"
    );
    assert_eq!(
        phases(&updates, "terraform_data.web"),
        [ResourcePhase::Planned]
    );
    assert!(updates.iter().any(
        |u| matches!(u, RunUpdate::Summary { changes } if changes.add == 1 && changes.change == 0)
    ));
    assert_eq!(run.status, RunStatus::Succeeded);
    assert_eq!(run.operation, "plan");
    assert_eq!(run.changes.map(|c| c.add), Some(1));
    assert_eq!(run.plan_sha256.as_ref().map(String::len), Some(64));
    assert!(run.plan_available && !run.approved, "{run:?}");
    // The saved plan (secrets in clear) is kept out of the workspace.
    let names: Vec<String> = walk(&f.root);
    assert!(names.iter().all(|n| !n.contains("tfplan")), "{names:?}");

    // The gate: no apply before the plan was opened in Plan Review and confirmed there.
    let refused = start(&f, RunKind::Apply, None, Some(id), "").unwrap_err();
    assert_eq!(refused.code, ErrorCode::RunNotApproved, "{refused:?}");
    let refused = f.session.approve_run_plan(id).unwrap_err();
    assert_eq!(
        refused.code,
        ErrorCode::RunNotApproved,
        "confirming needs the plan open first"
    );
    let view = f.session.open_run_plan(id).unwrap();
    assert_eq!(view.counts.create, 1);
    // The clear-text plan JSON behind the review is not left on disk.
    let jsons: Vec<String> = walk(f._data.path())
        .into_iter()
        .filter(|p| p.ends_with(".json"))
        .collect();
    assert!(jsons.is_empty(), "{jsons:?}");
    assert_eq!(view.location, format!("plan of run #{id}"));
    let approved = f.session.approve_run_plan(id).unwrap();
    assert!(approved.approved);
    // Opening another plan afterwards does not undo the confirmation, but a confirmation
    // is only accepted for the plan shown.
    assert_eq!(
        f.session.approve_run_plan(id + 100).unwrap_err().code,
        ErrorCode::RunNotApproved
    );

    let (apply_id, rx) = start(&f, RunKind::Apply, None, Some(id), "").unwrap();
    let (updates, applied) = until_finished(apply_id, &rx);
    assert_eq!(applied.status, RunStatus::Succeeded, "{updates:#?}");
    assert_eq!(applied.operation, "apply");
    assert_eq!(
        applied.plan_sha256, run.plan_sha256,
        "the apply records the plan it applied"
    );
    let p = phases(&updates, "terraform_data.web");
    // An apply of a saved plan announces the planned change again, then applies it.
    assert!(
        p.ends_with(&[
            ResourcePhase::Applying,
            ResourcePhase::Provisioning,
            ResourcePhase::Applied
        ]),
        "{p:?}"
    );
    let lines = log_lines(&updates);
    assert!(
        lines.iter().any(|l| l.contains("provisioned-web")),
        "{lines:?}"
    );

    // History: newest first, filters, the redacted log.
    let all = f.session.list_runs(&RunFilter::default()).unwrap();
    assert_eq!(all.iter().map(|r| r.id).collect::<Vec<_>>(), [apply_id, id]);
    assert!(all[1].approved && all[1].plan_available);
    let plans = f
        .session
        .list_runs(&RunFilter {
            operation: Some("plan".into()),
            ..RunFilter::default()
        })
        .unwrap();
    assert_eq!(plans.len(), 1);
    assert!(all.iter().all(|r| r.identity.is_some()));
    let log = f.session.run_log(apply_id).unwrap();
    assert!(log.log.contains("provisioned-web"), "{}", log.log);
    assert!(!log.truncated);
}

#[test]
fn cancel_interrupts_an_apply_mid_provisioner_and_history_keeps_both_runs() {
    let f = fixture();
    let id = plan(&f, Some("slow"));
    f.session.open_run_plan(id).unwrap();
    f.session.approve_run_plan(id).unwrap();
    let (apply_id, rx) = start(&f, RunKind::Apply, Some("slow"), Some(id), "").unwrap();
    // Wait until the provisioner runs (its echo comes before the 60 s sleep), then cancel.
    let mut seen = Vec::new();
    loop {
        let m = rx
            .recv_timeout(RUN_TIMEOUT)
            .expect("the apply reaches the provisioner");
        let provisioning =
            matches!(&m.update, RunUpdate::Log { line, .. } if line.contains("provisioned-web"));
        seen.push(m.update);
        if provisioning {
            break;
        }
    }
    f.session.cancel_run(apply_id, false).unwrap();
    let (rest, run) = until_finished_from(apply_id, &rx, seen.len());
    assert!(
        rest.iter()
            .any(|u| matches!(u, RunUpdate::Cancelling { hard: false })),
        "{rest:#?}"
    );
    assert_eq!(run.status, RunStatus::Interrupted, "{rest:#?}");
    assert_eq!(
        f.session.cancel_run(apply_id, true).unwrap_err().code,
        ErrorCode::NotFound,
        "a finished run cannot be cancelled"
    );
    let all = f.session.list_runs(&RunFilter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].status, RunStatus::Interrupted);
    assert_eq!(all[0].environment.as_deref(), Some("slow"));
    let interrupted = f
        .session
        .list_runs(&RunFilter {
            status: Some(RunStatus::Interrupted),
            ..RunFilter::default()
        })
        .unwrap();
    assert_eq!(
        interrupted.iter().map(|r| r.id).collect::<Vec<_>>(),
        [apply_id]
    );
}

#[test]
fn a_hard_stop_kills_the_run() {
    let f = fixture();
    let id = plan(&f, Some("slow"));
    f.session.open_run_plan(id).unwrap();
    f.session.approve_run_plan(id).unwrap();
    let (apply_id, rx) = start(&f, RunKind::Apply, Some("slow"), Some(id), "").unwrap();
    let mut n = 0;
    loop {
        let m = rx
            .recv_timeout(RUN_TIMEOUT)
            .expect("the apply reaches the provisioner");
        n += 1;
        if matches!(&m.update, RunUpdate::Log { line, .. } if line.contains("provisioned-web")) {
            break;
        }
    }
    f.session.cancel_run(apply_id, true).unwrap();
    let (rest, run) = until_finished_from(apply_id, &rx, n);
    assert!(
        rest.iter()
            .any(|u| matches!(u, RunUpdate::Cancelling { hard: true })),
        "{rest:#?}"
    );
    assert_eq!(run.status, RunStatus::Interrupted);
}

#[test]
fn production_needs_its_name_typed_and_a_missing_binary_is_explained() {
    let f = fixture();
    let id = plan(&f, Some("prod"));
    f.session.open_run_plan(id).unwrap();
    f.session.approve_run_plan(id).unwrap();
    let refused = start(&f, RunKind::Apply, Some("prod"), Some(id), "Prod").unwrap_err();
    assert_eq!(refused.code, ErrorCode::RunConfirmation, "{refused:?}");
    let (apply_id, rx) = start(&f, RunKind::Apply, Some("prod"), Some(id), "prod").unwrap();
    let (_, run) = until_finished(apply_id, &rx);
    assert_eq!(run.status, RunStatus::Succeeded);
    // The refused attempt is in history as failed, with why.
    let all = f.session.list_runs(&RunFilter::default()).unwrap();
    let failed: Vec<_> = all
        .iter()
        .filter(|r| r.status == RunStatus::Failed)
        .collect();
    assert_eq!(failed.len(), 1, "{all:#?}");
    assert!(f
        .session
        .run_log(failed[0].id)
        .unwrap()
        .log
        .contains("production"));

    f.session
        .set_run_binary(Some("/nonexistent/terraform".into()));
    let err = start(&f, RunKind::Plan, None, None, "").unwrap_err();
    assert_eq!(err.code, ErrorCode::RunnerMissing, "{err:?}");
    assert!(!err.hint.is_empty());
    let unknown = {
        f.session.set_run_binary(None);
        start(&f, RunKind::Plan, Some("staging"), None, "").unwrap_err()
    };
    assert_eq!(unknown.code, ErrorCode::InvalidRequest);
}

fn until_finished_from(
    id: i64,
    rx: &mpsc::Receiver<RunEventMessage>,
    mut next: usize,
) -> (Vec<RunUpdate>, RunSummary) {
    let mut seen = Vec::new();
    loop {
        let m = rx
            .recv_timeout(RUN_TIMEOUT)
            .unwrap_or_else(|_| panic!("run #{id} did not finish; got {seen:#?}"));
        assert_eq!(m.seq as usize, next);
        next += 1;
        if let RunUpdate::Finished { run } = m.update {
            return (seen, run);
        }
        seen.push(m.update);
    }
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

#[test]
fn a_plan_while_an_apply_holds_the_state_lock_reports_the_holder_and_the_unlock_command() {
    let f = fixture();
    let id = plan(&f, Some("slow"));
    f.session.open_run_plan(id).unwrap();
    f.session.approve_run_plan(id).unwrap();
    let (apply_id, apply_rx) = start(&f, RunKind::Apply, Some("slow"), Some(id), "").unwrap();
    let mut received = 0;
    loop {
        let m = apply_rx
            .recv_timeout(RUN_TIMEOUT)
            .expect("the apply reaches the provisioner");
        received += 1;
        if matches!(&m.update, RunUpdate::Log { line, .. } if line.contains("provisioned-web")) {
            break;
        }
    }
    // The apply sleeps in its provisioner, holding the lock: a plan now cannot take it. The
    // app itself refuses a second run while one goes, so the plan comes from elsewhere — a
    // second TerraOrbis window (another session on the same workspace), as a terminal's
    // terraform would.
    let data = tempfile::tempdir().unwrap();
    let other = Fixture {
        _ws: tempfile::tempdir().unwrap(),
        _data: data,
        root: f.root.clone(),
        session: Session::new(Store::open_in_memory().unwrap(), None),
    };
    other.session.open_workspace(&f.root).unwrap();
    other
        .session
        .set_runs_dir(Some(other._data.path().to_path_buf()));
    other
        .session
        .set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);
    let busy = start(&f, RunKind::Plan, None, None, "").unwrap_err();
    assert_eq!(busy.code, orbis_app::ErrorCode::RunBusy, "{busy:?}");
    let (plan_id, rx) = start(&other, RunKind::Plan, None, None, "").unwrap();
    let (updates, run) = until_finished(plan_id, &rx);
    assert_eq!(run.status, RunStatus::Failed);
    let lock = updates.iter().find_map(|u| match u {
        RunUpdate::StateLocked {
            lock_id,
            operation,
            force_unlock_command,
            ..
        } => Some((
            lock_id.clone(),
            operation.clone(),
            force_unlock_command.clone(),
        )),
        _ => None,
    });
    let (lock_id, operation, command) = lock.unwrap_or_else(|| panic!("{updates:#?}"));
    assert!(!lock_id.is_empty());
    assert_eq!(operation, "OperationTypeApply");
    assert!(
        command.contains("force-unlock") && command.contains(&lock_id),
        "{command}"
    );
    // Nothing was unlocked: the apply still finishes normally once stopped.
    f.session.cancel_run(apply_id, true).unwrap();
    let (_, applied) = until_finished_from(apply_id, &apply_rx, received);
    assert_eq!(applied.status, RunStatus::Interrupted);
}

#[test]
fn stopping_all_runs_before_quitting_interrupts_them_and_records_the_end() {
    let f = fixture();
    let id = plan(&f, Some("slow"));
    f.session.open_run_plan(id).unwrap();
    f.session.approve_run_plan(id).unwrap();
    let (apply_id, rx) = start(&f, RunKind::Apply, Some("slow"), Some(id), "").unwrap();
    loop {
        let m = rx
            .recv_timeout(RUN_TIMEOUT)
            .expect("the apply reaches the provisioner");
        if matches!(&m.update, RunUpdate::Log { line, .. } if line.contains("provisioned-web")) {
            break;
        }
    }
    assert_eq!(f.session.running_runs(), [apply_id]);
    f.session.stop_all_runs(Duration::from_secs(30));
    assert!(f.session.running_runs().is_empty());
    let all = f.session.list_runs(&RunFilter::default()).unwrap();
    assert_eq!(all[0].id, apply_id);
    assert_eq!(all[0].status, RunStatus::Interrupted, "{:?}", all[0]);
}

#[test]
fn init_runs_offline_and_is_recorded() {
    let f = fixture();
    let (id, rx) = start(&f, RunKind::Init, None, None, "").unwrap();
    let (updates, run) = until_finished(id, &rx);
    assert_eq!(run.status, RunStatus::Succeeded, "{updates:#?}");
    assert_eq!(run.operation, "init");
    assert!(!run.plan_available && run.plan_sha256.is_none());
    let lines = log_lines(&updates);
    assert!(lines[0].starts_with("$ terraform init -json"), "{lines:?}");
    assert!(
        lines.contains(&"Terraform has been successfully initialized!"),
        "{lines:?}"
    );
}
