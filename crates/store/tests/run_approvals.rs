//! Plan approvals outlive the app (the database is reopened), belong to one workspace, and a
//! coloured, redacted log is kept byte for byte.

use orbis_store::{NewRun, RunApproval, RunEnd, RunStatus, Store};

fn plan_run(store: &Store, workspace: &str) -> i64 {
    store
        .start_run(&NewRun {
            command: "terraform plan -json -input=false".into(),
            tool: "terraform".into(),
            tool_version: "1.11.4".into(),
            workspace: workspace.into(),
            environment: Some("prod".into()),
            identity: None,
            plan_sha256: None,
            started_at: 10,
        })
        .unwrap()
}

#[test]
fn an_approval_survives_reopening_and_can_be_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orbis.sqlite");
    let (a, b) = {
        let store = Store::open(&path).unwrap();
        let a = plan_run(&store, "/ws/a");
        let b = plan_run(&store, "/ws/b");
        store
            .approve_run_plan(&RunApproval {
                run_id: a,
                workspace: "/ws/a".into(),
                environment: Some("prod".into()),
                plan_sha256: "ab".repeat(32),
                approved_at: 20,
            })
            .unwrap();
        (a, b)
    };
    let store = Store::open(&path).unwrap();
    let got = store
        .run_approval(a)
        .unwrap()
        .expect("kept across a reopen");
    assert_eq!(got.plan_sha256, "ab".repeat(32));
    assert_eq!(got.environment.as_deref(), Some("prod"));
    assert_eq!(store.run_approval(b).unwrap(), None);
    assert_eq!(
        store.run_approvals("/ws/a").unwrap().get(&a),
        Some(&"ab".repeat(32))
    );
    assert!(store.run_approvals("/ws/b").unwrap().is_empty());
    // Approving again replaces (a new hash never sits next to the old one).
    store
        .approve_run_plan(&RunApproval {
            run_id: a,
            workspace: "/ws/a".into(),
            environment: Some("prod".into()),
            plan_sha256: "cd".repeat(32),
            approved_at: 30,
        })
        .unwrap();
    assert_eq!(store.run_approvals("/ws/a").unwrap().len(), 1);
    assert_eq!(
        store.run_approval(a).unwrap().unwrap().plan_sha256,
        "cd".repeat(32)
    );
    store.revoke_run_approval(a).unwrap();
    assert_eq!(store.run_approval(a).unwrap(), None);
}

#[test]
fn an_approval_needs_an_existing_run() {
    let store = Store::open_in_memory().unwrap();
    let err = store.approve_run_plan(&RunApproval {
        run_id: 999,
        workspace: "/ws".into(),
        environment: None,
        plan_sha256: "00".repeat(32),
        approved_at: 1,
    });
    assert!(err.is_err(), "foreign key to runs");
}

#[test]
fn a_coloured_log_is_stored_as_printed() {
    let store = Store::open_in_memory().unwrap();
    let id = plan_run(&store, "/ws");
    let line = "terraform_data.c (local-exec): \u{1b}[1;32mgreen\u{1b}[0m \u{1b}[38;5;208morange\u{1b}[0m\n";
    store.append_run_log(id, line).unwrap();
    store
        .finish_run(
            id,
            &RunEnd {
                status: RunStatus::Succeeded,
                exit_code: Some(0),
                changes: None,
                plan_sha256: None,
                ended_at: 11,
            },
        )
        .unwrap();
    assert_eq!(store.run(id).unwrap().unwrap().log, line);
}
