//! The run gate across restarts and runs, with the real `terraform` on PATH: a plan confirmed
//! in Plan Review stays confirmed after the app restarts (the approval is in the store) and is
//! applied; a plan file changed since its confirmation is refused; a second run while one goes
//! (of this or another workspace) is refused with who is running; old saved plans are pruned
//! by the rule of `runs::prune`, never one awaiting its apply.

use orbis_app::runs::dto::*;
use orbis_app::runs::RunSink;
use orbis_app::{ErrorCode, Session};
use orbis_store::{NewRun, RunApproval, RunEnd, RunStatus as StoreStatus, Store};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const MAIN_TF: &str = r#"
resource "terraform_data" "web" {
  input = "v1"
}
"#;

const SLOW_TF: &str = r#"
resource "terraform_data" "slow" {
  provisioner "local-exec" {
    command = "sleep 4"
  }
}
"#;

fn need_terraform() {
    assert!(
        orbis_runner::which("terraform").is_some(),
        "this test needs `terraform` on PATH (1.x)"
    );
}

fn session(db: &Path, ws: &Path, data: &Path) -> Session {
    let s = Session::new(Store::open(db).unwrap(), None);
    s.open_workspace(ws).unwrap();
    s.set_runs_dir(Some(data.to_path_buf()));
    s.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);
    s
}

fn start(
    s: &Session,
    kind: RunKind,
    plan: Option<i64>,
) -> Result<(i64, mpsc::Receiver<RunEventMessage>), orbis_app::AppError> {
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
            typed_confirmation: String::new(),
        },
        sink,
    )?;
    Ok((started.id, rx))
}

fn finished(rx: &mpsc::Receiver<RunEventMessage>) -> RunSummary {
    loop {
        let m = rx
            .recv_timeout(Duration::from_secs(90))
            .expect("the run finishes");
        if let RunUpdate::Finished { run } = m.update {
            return run;
        }
    }
}

fn run(s: &Session, kind: RunKind, plan: Option<i64>) -> Result<RunSummary, orbis_app::AppError> {
    let (_, rx) = start(s, kind, plan)?;
    Ok(finished(&rx))
}

/// The one plan folder under the runs data folder.
fn plans_dir(data: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

#[test]
fn a_confirmed_plan_is_applied_after_a_restart() {
    need_terraform();
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(ws.path().join("main.tf"), MAIN_TF).unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("orbis.sqlite");
    let runs = data.path().join("runs");

    let plan = {
        let s = session(&db, ws.path(), &runs);
        let plan = run(&s, RunKind::Plan, None).unwrap();
        assert_eq!(plan.status, RunStatus::Succeeded, "{plan:#?}");
        s.open_run_plan(plan.id).unwrap();
        assert!(s.approve_run_plan(plan.id).unwrap().approved);
        plan
        // The session (the app) ends here.
    };

    let s = session(&db, ws.path(), &runs);
    let history = s.list_runs(&RunFilter::default()).unwrap();
    assert!(
        history[0].approved,
        "still confirmed after the restart: {history:#?}"
    );
    let applied = run(&s, RunKind::Apply, Some(plan.id)).unwrap();
    assert_eq!(applied.status, RunStatus::Succeeded, "{applied:#?}");
    assert_eq!(applied.plan_sha256, plan.plan_sha256);
    assert!(ws.path().join("terraform.tfstate").is_file());
}

#[test]
fn a_plan_file_changed_since_its_confirmation_is_refused() {
    need_terraform();
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(ws.path().join("main.tf"), MAIN_TF).unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("orbis.sqlite");
    let runs = data.path().join("runs");
    let plan = {
        let s = session(&db, ws.path(), &runs);
        let plan = run(&s, RunKind::Plan, None).unwrap();
        s.open_run_plan(plan.id).unwrap();
        s.approve_run_plan(plan.id).unwrap();
        plan
    };
    // Someone replaces the saved plan while the app is closed.
    let file = plans_dir(&runs).join(format!("plan-{}.tfplan", plan.id));
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&file, bytes).unwrap();

    let s = session(&db, ws.path(), &runs);
    let before = s.list_runs(&RunFilter::default()).unwrap().len();
    let err = run(&s, RunKind::Apply, Some(plan.id)).unwrap_err();
    assert_eq!(err.code, ErrorCode::RunNotApproved);
    assert_eq!(
        err.message,
        format!(
            "The saved plan of run #{} changed since you confirmed it, so it was not applied",
            plan.id
        )
    );
    assert!(err.hint.contains("Run a new plan"), "{err:?}");
    assert_eq!(
        s.list_runs(&RunFilter::default()).unwrap().len(),
        before,
        "no apply recorded"
    );
    assert!(
        !ws.path().join("terraform.tfstate").exists(),
        "nothing applied"
    );
}

#[test]
fn a_second_run_while_one_goes_is_refused_in_any_workspace() {
    need_terraform();
    let a = tempfile::tempdir().unwrap();
    let slow = a.path().join("slow-ws");
    std::fs::create_dir(&slow).unwrap();
    std::fs::write(slow.join("main.tf"), SLOW_TF).unwrap();
    let other = a.path().join("other-ws");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("main.tf"), MAIN_TF).unwrap();
    let data = tempfile::tempdir().unwrap();
    let s = session(&data.path().join("orbis.sqlite"), &slow, data.path());

    let plan = run(&s, RunKind::Plan, None).unwrap();
    s.open_run_plan(plan.id).unwrap();
    s.approve_run_plan(plan.id).unwrap();
    // The apply runs `sleep 4` in its provisioner.
    let (apply_id, rx) = start(&s, RunKind::Apply, Some(plan.id)).unwrap();
    let busy = start(&s, RunKind::Plan, None).unwrap_err();
    assert_eq!(busy.code, ErrorCode::RunBusy);
    assert_eq!(
        busy.message,
        "An apply of slow-ws is running; cancel it or wait"
    );
    assert!(busy.hint.contains("One run at a time"), "{busy:?}");

    // Another workspace of the same app: still refused, naming the first.
    s.open_workspace(&other).unwrap();
    let busy = start(&s, RunKind::Init, None).unwrap_err();
    assert_eq!(
        busy.message,
        "An apply of slow-ws is running; cancel it or wait"
    );
    assert!(
        s.list_runs(&RunFilter::default()).unwrap().is_empty(),
        "nothing recorded for the refused run"
    );

    let applied = finished(&rx);
    assert_eq!(
        (applied.id, applied.status),
        (apply_id, RunStatus::Succeeded)
    );
    // Once it ended, runs start again.
    let init = run(&s, RunKind::Init, None).unwrap();
    assert_eq!(init.status, RunStatus::Succeeded, "{init:#?}");
}

#[test]
fn old_saved_plans_are_pruned_but_never_one_awaiting_its_apply() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path().canonicalize().unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("orbis.sqlite");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let day = 86_400;
    let s = session(&db, &root, data.path());
    assert_eq!(
        s.prune_run_plans().unwrap(),
        Vec::<i64>::new(),
        "nothing yet"
    );
    let workspace = root.display().to_string();
    drop(s);

    // History: 14 plan runs, the first 13 a month old, the last one today; an apply of plan 2.
    let store = Store::open(&db).unwrap();
    let sha = |n: i64| format!("{n:064x}");
    let mut ids = Vec::new();
    for n in 0..14i64 {
        let started_at = if n == 13 {
            now - 60
        } else {
            now - 30 * day + n
        };
        let id = store
            .start_run(&NewRun {
                command: "terraform plan -json -input=false".into(),
                tool: "terraform".into(),
                tool_version: "1.11.4".into(),
                workspace: workspace.clone(),
                environment: None,
                identity: None,
                plan_sha256: None,
                started_at,
            })
            .unwrap();
        // Run 4 (index 3) is still recorded as running.
        if n != 3 {
            store
                .finish_run(
                    id,
                    &RunEnd {
                        status: StoreStatus::Succeeded,
                        exit_code: Some(0),
                        changes: None,
                        plan_sha256: Some(sha(id)),
                        ended_at: started_at + 5,
                    },
                )
                .unwrap();
        }
        ids.push(id);
    }
    let approve = |id: i64| {
        store
            .approve_run_plan(&RunApproval {
                run_id: id,
                workspace: workspace.clone(),
                environment: None,
                plan_sha256: sha(id),
                approved_at: now - 29 * day,
            })
            .unwrap()
    };
    // ids[0]: confirmed, never applied → kept. ids[1]: confirmed and applied → may go.
    approve(ids[0]);
    approve(ids[1]);
    store
        .start_run(&NewRun {
            command: "terraform apply -json".into(),
            tool: "terraform".into(),
            tool_version: "1.11.4".into(),
            workspace: workspace.clone(),
            environment: None,
            identity: None,
            plan_sha256: Some(sha(ids[1])),
            started_at: now - 29 * day,
        })
        .and_then(|id| {
            store.finish_run(
                id,
                &RunEnd {
                    status: StoreStatus::Succeeded,
                    exit_code: Some(0),
                    changes: None,
                    plan_sha256: Some(sha(ids[1])),
                    ended_at: now - 29 * day,
                },
            )
        })
        .unwrap();
    drop(store);

    let dir = plans_dir(data.path());
    for id in &ids {
        std::fs::write(dir.join(format!("plan-{id}.tfplan")), b"plan").unwrap();
        std::fs::write(dir.join(format!("plan-{id}.json")), b"{}").unwrap();
    }
    // A plan of a run no longer in history, and a file that is not a plan.
    std::fs::write(dir.join("plan-9999.tfplan"), b"plan").unwrap();
    std::fs::write(dir.join("notes.txt"), b"keep").unwrap();

    let s = session(&db, &root, data.path());
    let removed = s.prune_run_plans().unwrap();
    // Kept: the 10 newest plan runs (ids[4..14]), ids[3] (running), ids[0] (awaiting apply).
    assert_eq!(removed, vec![ids[1], ids[2], 9999]);
    for id in &removed {
        assert!(!dir.join(format!("plan-{id}.tfplan")).exists());
        assert!(!dir.join(format!("plan-{id}.json")).exists());
    }
    for id in [ids[0], ids[3]].iter().chain(&ids[4..]) {
        assert!(
            dir.join(format!("plan-{id}.tfplan")).exists(),
            "plan-{id} kept"
        );
    }
    assert!(dir.join("notes.txt").exists());
    let history = s.list_runs(&RunFilter::default()).unwrap();
    let row = |id: i64| history.iter().find(|r| r.id == id).unwrap();
    assert!(row(ids[0]).approved && row(ids[0]).plan_available);
    assert!(!row(ids[1]).plan_available && !row(ids[1]).approved);
    assert_eq!(
        s.prune_run_plans().unwrap(),
        Vec::<i64>::new(),
        "a second pass removes nothing"
    );
}
