//! A self-service request end to end on the desktop side (orbis-app's `team` module, no
//! window) against the real `orbis-server` binary on loopback (SQLite), with the real
//! `terraform` on PATH: an operator requests a catalog module with values checked against
//! the module's variables, an approver (another desktop) approves it, the operator's app
//! makes the workspace folder and plans it with the runner, the sync reports `planned` with
//! the plan hash, the approver approves that plan from the Approvals inbox, the apply runs
//! and the request ends `applied` on both desktops, every step in the audit chain.
//!
//! The catalog's own modules need cloud providers (downloads): the form checks use the real
//! catalog (`modules/`), the run uses a test catalog whose module needs no provider
//! (`terraform_data` + `local-exec`). Tokens go to a private gnome-keyring.

mod common;

use common::desktop::{connect, desktop, in_child};
use common::scenarios::setup_org;
use common::{call, Backend, Server};
use orbis_app::runs::dto::{RunEventMessage, RunKind, RunStatus, RunUpdate, StartRunRequest};
use orbis_app::runs::RunSink;
use orbis_app::team::dto::*;
use orbis_app::team::request_dto::*;
use orbis_app::{ErrorCode, Session};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const MODULE_TOML: &str = r#"name = "echo-note"
cloud = "aws"
version = "0.3.0"
description = "Writes a note through local-exec (test module: no provider)"
category = "test"
keywords = ["test"]
"#;

const MAIN_TF: &str = r#"resource "terraform_data" "note" {
  input = "${var.message} x${var.copies}"
  provisioner "local-exec" {
    command = "echo note: ${var.message} x${var.copies}"
  }
}
"#;

const VARIABLES_TF: &str = r#"variable "message" {
  description = "What the note says."
  type        = string
}

variable "copies" {
  description = "How many copies."
  type        = number
  default     = 1
}

variable "api_key" {
  description = "A secret the note never needs."
  type        = string
  default     = null
  sensitive   = true
}
"#;

fn test_catalog(dir: &Path) -> PathBuf {
    let module = dir.join("aws/echo-note");
    std::fs::create_dir_all(&module).unwrap();
    for (name, text) in [
        ("module.toml", MODULE_TOML),
        ("main.tf", MAIN_TF),
        ("variables.tf", VARIABLES_TF),
        (
            "outputs.tf",
            "output \"note\" {\n  value = terraform_data.note.output\n}\n",
        ),
        (
            "versions.tf",
            "terraform {\n  required_version = \">= 1.6\"\n}\n",
        ),
        ("README.md", "# echo-note\n"),
    ] {
        std::fs::write(module.join(name), text).unwrap();
    }
    dir.to_path_buf()
}

/// Starts a run in the open workspace and waits for its end.
fn run(
    session: &Session,
    kind: RunKind,
    env: &str,
    plan: Option<i64>,
) -> (orbis_app::runs::dto::RunSummary, Vec<String>) {
    let (tx, rx) = mpsc::channel::<RunEventMessage>();
    let tx = std::sync::Mutex::new(tx);
    let sink: RunSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send(m);
    });
    let started = session
        .start_run(
            &StartRunRequest {
                kind,
                environment: Some(env.into()),
                plan_run_id: plan,
                typed_confirmation: String::new(),
            },
            sink,
        )
        .unwrap();
    let mut lines = Vec::new();
    loop {
        let m = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the run finished");
        assert_eq!(m.run_id, started.id);
        match m.update {
            RunUpdate::Finished { run } => return (run, lines),
            RunUpdate::Log { line, .. } => lines.push(line),
            _ => {}
        }
    }
}

fn request_of(session: &Session, id: &str) -> TeamRequest {
    session
        .team_requests()
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .expect("the request is on this desktop")
}

#[test]
fn a_request_goes_from_the_form_to_an_applied_workspace() {
    if !in_child("a_request_goes_from_the_form_to_an_applied_workspace", true) {
        return;
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("terraform").is_file()));
    assert!(on_path, "this test needs `terraform` on PATH (1.x)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let (dir_a, dir_b, scratch) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let alice = desktop(dir_a.path());
    let bob = desktop(dir_b.path());
    connect(&alice, &server.base, &org, "operator-user");
    connect(&bob, &server.base, &org, "approver-user");

    // The form's values are checked against the real catalog's variables.
    let real_catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules");
    alice.set_catalog_dir(Some(real_catalog));
    let bucket = alice
        .catalog_modules()
        .unwrap()
        .into_iter()
        .find(|m| m.id == "aws/s3-bucket")
        .unwrap();
    let required: Vec<&str> = bucket
        .inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| i.name.as_str())
        .collect();
    assert!(required.contains(&"name"), "{required:?}");
    let ask = |variables: serde_json::Value| {
        alice.team_create_request(&TeamNewRequest {
            module: "aws/s3-bucket".into(),
            environment: "prod".into(),
            variables,
            reason: "artifacts".into(),
        })
    };
    let missing = ask(json!({})).unwrap_err();
    assert_eq!(missing.code, ErrorCode::TeamInvalid);
    assert!(missing.message.contains("name"), "{missing:?}");
    let unknown = ask(json!({"name": "b", "no_such_input": 1})).unwrap_err();
    assert!(unknown.message.contains("no_such_input"), "{unknown:?}");
    let values: serde_json::Map<String, serde_json::Value> = required
        .iter()
        .map(|n| (n.to_string(), json!(format!("team-{n}"))))
        .collect();
    let bucket_request = ask(serde_json::Value::Object(values)).unwrap();
    assert_eq!(bucket_request.status, "requested");
    assert_eq!(bucket_request.module_version, bucket.version);
    assert!(bucket_request.mine && !bucket_request.can_decide);

    // The run uses a module that needs no provider.
    let catalog = test_catalog(&scratch.path().join("catalog"));
    alice.set_catalog_dir(Some(catalog.clone()));
    bob.set_catalog_dir(Some(catalog));
    let secret = alice
        .team_create_request(&TeamNewRequest {
            module: "aws/echo-note".into(),
            environment: "staging".into(),
            variables: json!({"message": "hi", "api_key": "do-not-send"}),
            reason: "x".into(),
        })
        .unwrap_err();
    assert!(
        secret.message.contains("api_key") && secret.message.contains("sensitive"),
        "{secret:?}"
    );
    let request = alice
        .team_create_request(&TeamNewRequest {
            module: "aws/echo-note".into(),
            environment: "staging".into(),
            variables: json!({"message": "hello from a request", "copies": 3}),
            reason: "a note for the release".into(),
        })
        .unwrap();
    assert_eq!(request.requester, "operator-user");
    // Alice cannot decide (operator; and it is her own request anyway).
    let refused = alice
        .team_decide_request(&TeamRequestDecision {
            request_id: request.id.clone(),
            approve: true,
            comment: None,
        })
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::TeamRefused, "{refused:?}");

    // Bob sees both requests after a sync and approves the note.
    bob.team_sync_now().unwrap();
    let seen = request_of(&bob, &request.id);
    assert!(seen.can_decide && !seen.mine && !seen.can_run, "{seen:?}");
    assert_eq!(seen.variables["copies"], 3);
    assert_eq!(bob.team_requests().unwrap().len(), 2);
    let approved = bob
        .team_decide_request(&TeamRequestDecision {
            request_id: request.id.clone(),
            approve: true,
            comment: Some("go ahead".into()),
        })
        .unwrap();
    assert_eq!(approved.status, "approved");
    assert_eq!(approved.decided_by.as_deref(), Some("approver-user"));

    // Alice's app picks it up and makes its workspace folder.
    alice.team_sync_now().unwrap();
    let mine = request_of(&alice, &request.id);
    assert_eq!(mine.status, "approved");
    assert!(mine.can_run && mine.folder.is_none(), "{mine:?}");
    let made = alice
        .team_prepare_request(&request.id, Some(&scratch.path().join("work")))
        .unwrap();
    let folder = PathBuf::from(&made.folder);
    for f in [
        "main.tf",
        "variables.tf",
        "terraform.tfvars.json",
        ".orbis.toml",
        ".orbis-request.json",
        "modules/aws/echo-note/main.tf",
    ] {
        assert!(made.files.iter().any(|x| x == f), "{f} in {:?}", made.files);
        assert!(folder.join(f).is_file(), "{f}");
    }
    let main = std::fs::read_to_string(folder.join("main.tf")).unwrap();
    assert!(
        main.contains("source = \"./modules/aws/echo-note\""),
        "{main}"
    );
    assert!(main.contains("message = var.message"), "{main}");
    assert_eq!(
        request_of(&alice, &request.id).folder.as_deref(),
        Some(made.folder.as_str())
    );
    // It is in the recent folders (the view's "Open workspace" opens only those).
    assert!(alice
        .recent_workspaces()
        .unwrap()
        .iter()
        .any(|w| w.path == made.folder));

    // The runner plans it in the request's environment; the sync reports `planned`.
    alice.open_workspace(&folder).unwrap();
    let runs_dir = scratch.path().join("runs");
    alice.set_runs_dir(Some(runs_dir));
    alice.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);
    // A module call needs `terraform init` first (offline: the module is vendored).
    let (init, lines) = run(&alice, RunKind::Init, "staging", None);
    assert_eq!(init.status, RunStatus::Succeeded, "{lines:#?}");
    let (plan, lines) = run(&alice, RunKind::Plan, "staging", None);
    assert_eq!(plan.status, RunStatus::Succeeded, "{lines:#?}");
    let plan_sha = plan.plan_sha256.clone().unwrap();
    alice.team_sync_now().unwrap();
    let planned = request_of(&alice, &request.id);
    assert_eq!(planned.status, "planned");
    assert_eq!(planned.plan_sha256.as_deref(), Some(plan_sha.as_str()));

    // Before any approval the local gate stays shut.
    let (sink, _rx) = {
        let (tx, rx) = mpsc::channel::<RunEventMessage>();
        let tx = std::sync::Mutex::new(tx);
        let sink: RunSink = Arc::new(move |m| {
            let _ = tx.lock().unwrap().send(m);
        });
        (sink, rx)
    };
    let shut = alice
        .start_run(
            &StartRunRequest {
                kind: RunKind::Apply,
                environment: Some("staging".into()),
                plan_run_id: Some(plan.id),
                typed_confirmation: String::new(),
            },
            sink,
        )
        .unwrap_err();
    assert_eq!(shut.code, ErrorCode::RunNotApproved, "{shut:?}");

    // Bob approves that plan from his Approvals inbox (bound to its hash and environment).
    bob.team_sync_now().unwrap();
    assert_eq!(request_of(&bob, &request.id).status, "planned");
    let inbox = bob.team_approvals().unwrap();
    let entry = inbox
        .iter()
        .find(|e| e.plan_sha256 == plan_sha)
        .expect("the request's plan waits for approval");
    assert_eq!(entry.environment, "staging");
    bob.team_decide(&TeamDecisionRequest {
        run_id: entry.run_id.clone(),
        decision: TeamDecision::Approved,
        note: Some("plan reviewed".into()),
    })
    .unwrap();
    bob.team_sync_now().unwrap();
    assert_eq!(bob.team_status().pending, 0);

    // Bob's approval, pulled by Alice's app, opens her local apply gate for exactly that
    // plan (no confirmation in Plan Review needed); the apply runs.
    alice.team_sync_now().unwrap();
    let (applied, lines) = run(&alice, RunKind::Apply, "staging", Some(plan.id));
    assert_eq!(applied.status, RunStatus::Succeeded, "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("note: hello from a request x3")),
        "the request's values reached terraform: {lines:#?}"
    );
    alice.team_sync_now().unwrap();
    let done = request_of(&alice, &request.id);
    assert_eq!(done.status, "applied", "{done:?}");
    bob.team_sync_now().unwrap();
    let seen = request_of(&bob, &request.id);
    let steps: Vec<&str> = seen.history.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(steps, ["requested", "approved", "planned", "applied"]);
    assert_eq!(seen.history[1].comment.as_deref(), Some("go ahead"));

    // The audit chain has every step.
    let (s, audit) = rt.block_on(call(
        "GET",
        &format!("{}/v1/audit?limit=1000", server.base),
        Some(&org.admin),
        None,
    ));
    assert_eq!(s, 200);
    let target = format!("{}/{}", org.workspace, request.id);
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["target"] == target.as_str())
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "request.create",
            "request.approve",
            "request.planned",
            "request.applied"
        ]
    );
}
