//! The real `terraform` on PATH (1.11 on the project's machines), in temp workspaces that
//! need no provider download: `terraform_data`, `local-exec`, variables, outputs, local
//! backend. Without terraform these print a SKIP line; the replay tests still cover parsing.

mod common;

use common::*;
use orbis_runner::*;
use std::time::Duration;

const SECRET: &str = "tok-31415926535-do-not-log";

const MAIN_TF: &str = r#"
variable "name" {
  type = string
}
variable "password" {
  type      = string
  sensitive = true
  default   = "hunter2-sensitive"
}
resource "terraform_data" "web" {
  input = var.name
  provisioner "local-exec" {
    command = "echo token=$ORBIS_TEST_TOKEN"
  }
}
module "child" {
  source = "./child"
}
output "name" { value = terraform_data.web.output }
output "password" {
  value     = var.password
  sensitive = true
}
"#;

const CHILD_TF: &str = r#"
resource "terraform_data" "inner" {
  input = "inner"
}
"#;

async fn init(settings: &WorkspaceSettings) {
    let (events, report) = run_to_end(RunRequest::new(settings.clone(), Operation::Init), 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{events:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_plan_show_apply_destroy_with_a_secret_that_never_leaks() {
    let Some(tf) = terraform("init_plan_show_apply_destroy") else {
        return;
    };
    let (_dir, mut settings) = workspace(
        &tf,
        &[
            ("main.tf", MAIN_TF),
            ("child/main.tf", CHILD_TF),
            ("env/dev.tfvars", "name = \"dev-web\"\n"),
        ],
    );
    settings.environment = Some(Environment {
        name: "dev".into(),
        var_files: vec!["env/dev.tfvars".into()],
        ..Environment::default()
    });
    settings.parallelism = Some(2);
    let secrets = vec![("ORBIS_TEST_TOKEN".to_string(), SECRET.to_string())];
    init(&settings).await;

    let info = detect(&tf).await.unwrap();
    assert!(info.version.starts_with('1'), "{info:?}");
    assert!(info.platform.is_some(), "{info:?}");
    let found = discover().await;
    assert!(
        found
            .iter()
            .any(|t| t.tool == "terraform" && t.version == info.version),
        "{found:?}"
    );

    // Validate: one document, no diagnostics.
    let (events, report) =
        run_to_end(RunRequest::new(settings.clone(), Operation::Validate), 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded);
    assert!(diagnostics(&events).is_empty(), "{events:#?}");

    // Plan to a saved file.
    let plan_op = Operation::Plan {
        out: "tfplan".into(),
        destroy: false,
    };
    let mut req = RunRequest::new(settings.clone(), plan_op);
    req.secret_env = secrets.clone();
    let (events, report) = run_to_end(req, 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{events:#?}");
    assert!(matches!(events.first(), Some(RunEvent::Started { .. })));
    assert!(matches!(
        events.last(),
        Some(RunEvent::RunFinished {
            outcome: Outcome::Succeeded,
            exit_code: Some(0),
            ..
        })
    ));
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::Version { version, .. } if version == &info.version)));
    let planned: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            RunEvent::PlannedChange {
                resource, action, ..
            } => Some((resource.addr.as_str(), action.as_str())),
            _ => None,
        })
        .collect();
    assert!(
        planned.contains(&("terraform_data.web", "create")),
        "{planned:?}"
    );
    assert!(
        planned.contains(&("module.child.terraform_data.inner", "create")),
        "{planned:?}"
    );
    let summary = report.change_summary.expect("a change summary");
    assert_eq!(
        (summary.add, summary.operation),
        (2, Some(ChangeOperation::Plan))
    );
    let plan_file = settings.working_dir.join("tfplan");
    let hash = sha256_file(&plan_file).unwrap();
    assert_eq!(report.plan_sha256.as_deref(), Some(hash.as_str()));

    // show -json: the document for the plan engine, not an event stream.
    let doc = show_json(&settings, "tfplan".as_ref(), &[], Duration::from_secs(60))
        .await
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&doc).unwrap();
    assert_eq!(doc["resource_changes"].as_array().unwrap().len(), 2);

    // The gate: a wrong hash is refused before anything runs.
    let wrong = Operation::Apply {
        plan: "tfplan".into(),
        approved_sha256: "0".repeat(64),
    };
    let err = start(RunRequest::new(settings.clone(), wrong))
        .err()
        .expect("refused");
    assert_eq!(err.code(), "runner.not_approved");
    assert!(err.to_string().contains(&hash), "{err}");

    // Apply of the approved plan.
    let apply = Operation::Apply {
        plan: "tfplan".into(),
        approved_sha256: hash.clone(),
    };
    let mut req = RunRequest::new(settings.clone(), apply);
    req.secret_env = secrets.clone();
    let (events, report) = run_to_end(req, 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{events:#?}");
    assert_eq!(report.plan_sha256.as_deref(), Some(hash.as_str()));
    let completed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            RunEvent::ApplyComplete { resource, .. } => Some(resource.addr.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(completed.len(), 2, "{completed:?}");
    // The local-exec echoed the token: the event carries the mask instead.
    assert!(events.iter().any(|e| matches!(e, RunEvent::ProvisionProgress { output, .. } if output == &format!("token={MASK}"))), "{events:#?}");
    let outputs = events
        .iter()
        .find_map(|e| match e {
            RunEvent::Outputs { outputs } => Some(outputs.clone()),
            _ => None,
        })
        .expect("outputs");
    assert_eq!(outputs["name"].value, Some(serde_json::json!("dev-web")));
    assert!(outputs["password"].sensitive && outputs["password"].value.is_none());
    let summary = report.change_summary.unwrap();
    assert_eq!(
        (summary.add, summary.operation),
        (2, Some(ChangeOperation::Apply))
    );
    let all = serde_json::to_string(&events).unwrap() + &report.log;
    assert!(!all.contains(SECRET), "the secret leaked");
    assert!(
        !all.contains("hunter2-sensitive"),
        "a sensitive value leaked"
    );

    // Destroy.
    let (events, report) =
        run_to_end(RunRequest::new(settings.clone(), Operation::Destroy), 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{events:#?}");
    let summary = report.change_summary.unwrap();
    assert_eq!(
        (summary.remove, summary.operation),
        (2, Some(ChangeOperation::Destroy))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_needs_the_typed_name_before_anything_runs() {
    let Some(tf) = terraform("production_needs_the_typed_name") else {
        return;
    };
    let (_dir, mut settings) = workspace(&tf, &[("main.tf", CHILD_TF)]);
    settings.environment = Some(Environment {
        name: "prod".into(),
        production: true,
        ..Environment::default()
    });
    let err = start(RunRequest::new(settings.clone(), Operation::Destroy))
        .err()
        .expect("refused");
    assert_eq!(err.code(), "runner.confirmation");
    // Plans need no confirmation.
    init(&settings).await;
    let op = Operation::Plan {
        out: "p".into(),
        destroy: false,
    };
    let (_, report) = run_to_end(RunRequest::new(settings.clone(), op), 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded);
    let mut req = RunRequest::new(settings, Operation::Destroy);
    req.typed_confirmation = "prod".into();
    let (_, report) = run_to_end(req, 60).await;
    assert_eq!(report.outcome, Outcome::Succeeded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_state_lock_is_reported_with_its_holder() {
    let Some(tf) = terraform("a_held_state_lock") else {
        return;
    };
    let slow = r#"
resource "terraform_data" "slow" {
  provisioner "local-exec" {
    command = "sleep 6"
  }
}
"#;
    let (_dir, settings) = workspace(&tf, &[("main.tf", slow)]);
    init(&settings).await;
    let plan = Operation::Plan {
        out: "tfplan".into(),
        destroy: false,
    };
    let (_, report) = run_to_end(RunRequest::new(settings.clone(), plan), 60).await;
    let apply = Operation::Apply {
        plan: "tfplan".into(),
        approved_sha256: report.plan_sha256.unwrap(),
    };
    let (mut events, _cancel, done) = start(RunRequest::new(settings.clone(), apply))
        .unwrap()
        .split();
    // Wait until the provisioner runs: the apply holds the lock from then on.
    tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(e) = events.recv().await {
            if matches!(e, RunEvent::ProvisionStart { .. }) {
                break;
            }
        }
    })
    .await
    .expect("the apply reached its provisioner");

    let op = Operation::Plan {
        out: "other".into(),
        destroy: false,
    };
    let (events2, report2) = run_to_end(RunRequest::new(settings.clone(), op), 30).await;
    assert_eq!(report2.outcome, Outcome::Failed);
    assert_eq!(report2.exit_code, Some(1));
    let (lock, cmd) = events2
        .iter()
        .find_map(|e| match e {
            RunEvent::StateLocked {
                lock,
                force_unlock_command,
            } => Some((lock.clone(), force_unlock_command.clone())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no lock event in {events2:#?}"));
    assert_eq!(lock.operation, "OperationTypeApply");
    assert!(lock.path.ends_with("terraform.tfstate"), "{lock:?}");
    assert!(
        !lock.who.is_empty() && !lock.created.is_empty() && !lock.id.is_empty(),
        "{lock:?}"
    );
    assert_eq!(cmd, format!("terraform force-unlock {}", lock.id));
    assert_eq!(
        diagnostics(&events2)[0].class,
        Some(ErrorClass::StateLocked)
    );

    let report = tokio::time::timeout(Duration::from_secs(60), done)
        .await
        .expect("apply ends");
    assert_eq!(report.outcome, Outcome::Succeeded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupt_mid_provisioner_stops_gracefully_as_interrupted() {
    let Some(tf) = terraform("an_interrupt_mid_provisioner") else {
        return;
    };
    let slow = r#"
resource "terraform_data" "slow" {
  provisioner "local-exec" {
    command = "sleep 30"
  }
}
resource "terraform_data" "after" {
  depends_on = [terraform_data.slow]
}
"#;
    let (_dir, settings) = workspace(&tf, &[("main.tf", slow)]);
    init(&settings).await;
    let plan = Operation::Plan {
        out: "tfplan".into(),
        destroy: false,
    };
    let (_, report) = run_to_end(RunRequest::new(settings.clone(), plan), 60).await;
    let apply = Operation::Apply {
        plan: "tfplan".into(),
        approved_sha256: report.plan_sha256.unwrap(),
    };
    let (mut rx, cancel, done) = start(RunRequest::new(settings.clone(), apply))
        .unwrap()
        .split();
    let mut events = Vec::new();
    // Request exactly once: the Cancelling event arrives asynchronously, so waiting for it
    // before deciding would let a second progress line send a second (hard) cancel under load.
    let mut requested = false;
    let collected = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(e) = rx.recv().await {
            if matches!(e, RunEvent::ProvisionProgress { .. }) && !requested {
                requested = true;
                cancel.request(); // once: graceful
            }
            events.push(e);
        }
        done.await
    })
    .await;
    let report = collected.unwrap_or_else(|_| {
        cancel.request();
        panic!("the interrupted apply did not stop within 60 s")
    });
    assert_eq!(report.outcome, Outcome::Interrupted, "{events:#?}");
    assert_eq!(report.exit_code, Some(1));
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::Cancelling { hard: false })));
    assert!(!events
        .iter()
        .any(|e| matches!(e, RunEvent::Cancelling { hard: true })));
    assert!(
        events.iter().any(
            |e| matches!(e, RunEvent::Log { message, .. } if message.contains("Interrupt received"))
        ),
        "{events:#?}"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, RunEvent::ProvisionErrored { .. })),
        "{events:#?}"
    );
    assert!(!events.iter().any(|e| matches!(e, RunEvent::ApplyStart { resource, .. } if resource.addr == "terraform_data.after")));
    assert!(
        report.log.contains("provisioning errored"),
        "{}",
        report.log
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn syntax_errors_and_missing_variables_point_at_the_source() {
    let Some(tf) = terraform("syntax_errors_and_missing_variables") else {
        return;
    };
    let (_dir, settings) = workspace(
        &tf,
        &[(
            "main.tf",
            "resource \"terraform_data\" \"a\" {\n  input = \n}\n",
        )],
    );
    let (events, report) =
        run_to_end(RunRequest::new(settings.clone(), Operation::Validate), 60).await;
    assert_eq!(report.outcome, Outcome::Failed);
    let d = diagnostics(&events);
    assert_eq!(d.len(), 1, "{events:#?}");
    assert_eq!(d[0].class, Some(ErrorClass::ConfigSyntax));
    let r = d[0].range.as_ref().unwrap();
    assert_eq!(
        (
            r.filename.as_str(),
            r.start.line,
            r.start.column,
            r.end.line,
            r.end.column
        ),
        ("main.tf", 2, 11, 3, 1)
    );
    let op = Operation::Plan {
        out: "tfplan".into(),
        destroy: false,
    };
    let (events, report) = run_to_end(RunRequest::new(settings.clone(), op), 60).await;
    assert_eq!(report.exit_code, Some(1));
    assert!(diagnostics(&events)
        .iter()
        .any(|d| d.range.as_ref().is_some_and(|r| r.start.line == 2)));

    let missing =
        "variable \"region\" {\n  type = string\n}\noutput \"r\" { value = var.region }\n";
    let (_dir2, settings) = workspace(&tf, &[("main.tf", missing)]);
    init(&settings).await;
    let op = Operation::Plan {
        out: "tfplan".into(),
        destroy: false,
    };
    let (events, report) = run_to_end(RunRequest::new(settings, op), 60).await;
    assert_eq!(report.outcome, Outcome::Failed);
    let d = diagnostics(&events);
    assert_eq!(d[0].summary, "No value for required variable");
    assert_eq!(d[0].class, Some(ErrorClass::MissingVariable));
    let r = d[0].range.as_ref().unwrap();
    assert_eq!(
        (r.filename.as_str(), r.start.line, r.start.column),
        ("main.tf", 1, 1)
    );
    assert!(report.plan_sha256.is_none());
}
