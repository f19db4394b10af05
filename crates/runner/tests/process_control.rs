//! Cancel and output handling against real processes that are not terraform (a shell script
//! standing in for a tool that ignores the interrupt, or that prints garbage), so the hard
//! kill path and the never-panic parsing of live output are exercised on every machine.

#![cfg(unix)]

mod common;

use common::*;
use orbis_runner::*;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

fn script(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("fake-terraform");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_cancel_kills_a_tool_that_ignores_the_interrupt() {
    let dir = tempfile::tempdir().unwrap();
    let bin = script(
        dir.path(),
        r#"trap 'echo "{\"type\":\"log\",\"@message\":\"ignoring interrupt\"}"' INT
echo '{"type":"log","@message":"ready"}'
i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done"#,
    );
    let settings = WorkspaceSettings::new(&bin, dir.path());
    let (mut rx, cancel, done) = start(RunRequest::new(settings, Operation::Destroy))
        .unwrap()
        .split();
    let mut events = Vec::new();
    let report = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(e) = rx.recv().await {
            match &e {
                RunEvent::Log { message, .. } if message == "ready" => cancel.request(),
                RunEvent::Log { message, .. } if message == "ignoring interrupt" => {
                    cancel.request()
                }
                _ => {}
            }
            events.push(e);
        }
        done.await
    })
    .await
    .expect("killed within 30 s");
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::Cancelling { hard: false })));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, RunEvent::Cancelling { hard: true })),
        "{events:#?}"
    );
    assert_eq!(report.outcome, Outcome::Interrupted);
    assert_eq!(report.exit_code, None, "killed by a signal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_output_and_secrets_on_stderr_never_break_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let bin = script(
        dir.path(),
        r#"echo '{"type":"change_summary","changes":{"add":1,"change":0,"remove":0,"operation":"plan"}}'
printf '{"type":"planned_change","change":{"resource":{"addr":"a.b"'
printf '\n\377\376 binary\n'
echo "password is $SECRET_PW" >&2
touch errored.tfstate
exit 3"#,
    );
    let settings = WorkspaceSettings::new(&bin, dir.path());
    let mut req = RunRequest::new(settings, Operation::Destroy);
    req.secret_env = vec![("SECRET_PW".into(), "pa55-w0rd-xyz".into())];
    let (events, report) = run_to_end(req, 30).await;
    assert_eq!(report.outcome, Outcome::Failed);
    assert_eq!(report.exit_code, Some(3));
    assert_eq!(report.change_summary.map(|c| c.add), Some(1));
    let raw = events
        .iter()
        .filter(|e| matches!(e, RunEvent::Log { raw: true, .. }))
        .count();
    assert!(raw >= 3, "{events:#?}");
    assert!(events.iter().any(|e| matches!(e, RunEvent::Log { stream: Stream::Stderr, message, .. } if message.contains(MASK))));
    assert!(!format!("{events:?}{}", report.log).contains("pa55-w0rd-xyz"));
    assert_eq!(
        report.errored_state,
        Some(dir.path().join("errored.tfstate"))
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, RunEvent::ErroredState { .. })));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_binary_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let settings = WorkspaceSettings::new(dir.path().join("no-such-terraform"), dir.path());
    let err = start(RunRequest::new(settings, Operation::Init))
        .err()
        .expect("spawn fails");
    assert_eq!(err.code(), "runner.spawn");
    assert!(err.hint().contains("Install terraform"));
    assert!(detect(&dir.path().join("nope")).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_workspace_folder_is_blamed_on_the_folder_not_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let bin = script(dir.path(), "echo '{\"type\":\"log\",\"@message\":\"hi\"}'");
    let gone = dir.path().join("no-such-folder");
    let settings = WorkspaceSettings::new(&bin, &gone);
    let err = start(RunRequest::new(settings, Operation::Init))
        .err()
        .expect("spawn fails");
    assert_eq!(err.code(), "runner.working_dir");
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    assert!(err
        .hint()
        .contains("folder that holds your Terraform files"));
}
