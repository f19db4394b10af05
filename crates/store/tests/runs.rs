use orbis_store::{NewRun, RunChanges, RunEnd, RunStatus, Store, MAX_RUN_LOG};

fn new_run(workspace: &str, started_at: i64) -> NewRun {
    NewRun {
        command: "terraform plan -json -input=false -out=/ws/tfplan".into(),
        tool: "terraform".into(),
        tool_version: "1.11.4".into(),
        workspace: workspace.into(),
        environment: Some("dev".into()),
        identity: Some("aws:profile/dev".into()),
        plan_sha256: None,
        started_at,
    }
}

#[test]
fn a_run_is_running_until_finished_and_the_first_ending_wins() {
    let store = Store::open_in_memory().unwrap();
    let id = store.start_run(&new_run("/ws", 100)).unwrap();
    let running = store.run(id).unwrap().unwrap();
    assert_eq!(running.status, RunStatus::Running);
    assert_eq!(running.ended_at, None);
    store.append_run_log(id, "terraform 1.11.4\n").unwrap();
    store.append_run_log(id, "changes: 1 to add\n").unwrap();
    let end = RunEnd {
        status: RunStatus::Succeeded,
        exit_code: Some(0),
        changes: Some(RunChanges {
            add: 1,
            change: 0,
            remove: 2,
            import: 0,
        }),
        plan_sha256: Some("ab".repeat(32)),
        ended_at: 130,
    };
    assert!(store.finish_run(id, &end).unwrap());
    let done = store.run(id).unwrap().unwrap();
    assert_eq!(done.status, RunStatus::Succeeded);
    assert_eq!((done.exit_code, done.ended_at), (Some(0), Some(130)));
    assert_eq!(done.changes.unwrap().remove, 2);
    assert_eq!(done.plan_sha256.as_deref(), Some("ab".repeat(32).as_str()));
    assert_eq!(done.log, "terraform 1.11.4\nchanges: 1 to add\n");
    assert_eq!(done.identity.as_deref(), Some("aws:profile/dev"));
    // A late "interrupted" sweep or a second finish does not rewrite an ended run.
    assert_eq!(store.mark_interrupted_runs(200).unwrap(), 0);
    let failed = RunEnd {
        status: RunStatus::Failed,
        ..end
    };
    assert!(!store.finish_run(id, &failed).unwrap());
    assert_eq!(store.run(id).unwrap().unwrap().status, RunStatus::Succeeded);
    assert!(store.run(id + 1).unwrap().is_none());
}

#[test]
fn leftover_running_rows_become_interrupted() {
    let store = Store::open_in_memory().unwrap();
    let a = store.start_run(&new_run("/ws/a", 10)).unwrap();
    let b = store.start_run(&new_run("/ws/b", 20)).unwrap();
    let end = RunEnd {
        status: RunStatus::Failed,
        exit_code: Some(1),
        changes: None,
        plan_sha256: None,
        ended_at: 25,
    };
    store.finish_run(b, &end).unwrap();
    assert_eq!(store.mark_interrupted_runs(99).unwrap(), 1);
    let a = store.run(a).unwrap().unwrap();
    assert_eq!((a.status, a.ended_at), (RunStatus::Interrupted, Some(99)));
    assert_eq!(store.run(b).unwrap().unwrap().status, RunStatus::Failed);
    assert_eq!(store.run(b).unwrap().unwrap().changes, None);
}

#[test]
fn recent_runs_filter_by_workspace_newest_first() {
    let store = Store::open_in_memory().unwrap();
    for (ws, t) in [("/a", 1), ("/b", 2), ("/a", 3)] {
        store.start_run(&new_run(ws, t)).unwrap();
    }
    let all: Vec<i64> = store
        .recent_runs(None, 10)
        .unwrap()
        .iter()
        .map(|r| r.started_at)
        .collect();
    assert_eq!(all, [3, 2, 1]);
    let a: Vec<i64> = store
        .recent_runs(Some("/a"), 10)
        .unwrap()
        .iter()
        .map(|r| r.started_at)
        .collect();
    assert_eq!(a, [3, 1]);
    assert_eq!(store.recent_runs(None, 1).unwrap().len(), 1);
}

#[test]
fn the_log_stays_bounded_however_much_is_appended() {
    let store = Store::open_in_memory().unwrap();
    let id = store.start_run(&new_run("/ws", 1)).unwrap();
    let chunk = "x".repeat(60_000) + "\n";
    for _ in 0..10 {
        store.append_run_log(id, &chunk).unwrap();
    }
    store.append_run_log(id, "Error: the last words\n").unwrap();
    let run = store.run(id).unwrap().unwrap();
    assert!(run.log.len() <= MAX_RUN_LOG, "{}", run.log.len());
    assert!(run.log_truncated);
    assert!(run.log.ends_with("Error: the last words\n"));
}

#[test]
fn upgrading_a_version_1_database_keeps_its_data_and_adds_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        // A profile written by the previous release: schema 1 only.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE workspaces (path TEXT PRIMARY KEY, name TEXT NOT NULL, last_opened INTEGER NOT NULL);
             CREATE INDEX workspaces_by_recency ON workspaces(last_opened DESC);
             CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO workspaces VALUES ('/ws', 'ws', 5);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), orbis_store::SCHEMA_VERSION);
    assert_eq!(store.recent_workspaces(5).unwrap()[0].path, "/ws");
    let id = store.start_run(&new_run("/ws", 1)).unwrap();
    assert_eq!(store.run(id).unwrap().unwrap().status, RunStatus::Running);
}

#[test]
fn history_lists_without_logs_and_a_command_can_be_completed() {
    let store = Store::open_in_memory().unwrap();
    let id = store.start_run(&new_run("/ws", 1)).unwrap();
    store.append_run_log(id, "a long log\n").unwrap();
    store
        .set_run_command(id, "terraform plan -json -out=/data/plan-1.tfplan")
        .unwrap();
    let listed = store.recent_runs_without_logs(Some("/ws"), 10).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].log, "");
    assert_eq!(
        listed[0].command,
        "terraform plan -json -out=/data/plan-1.tfplan"
    );
    assert_eq!(store.run(id).unwrap().unwrap().log, "a long log\n");
}
