//! The team outbox and pulled records survive a reopen of the store file, and each change is
//! all-or-nothing.

use orbis_store::{NewRun, OutboxItem, RunEnd, RunStatus, Store, TeamRecord};

fn item(id: &str, kind: &str) -> OutboxItem {
    OutboxItem {
        workspace_id: "w1".into(),
        kind: kind.into(),
        id: id.into(),
        body: format!("{{\"id\":\"{id}\"}}"),
    }
}

#[test]
fn outbox_keeps_order_survives_reopen_and_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.sqlite3");
    {
        let store = Store::open(&path).unwrap();
        store
            .team_enqueue(&[item("a", "run"), item("b", "approval")], &[], 10)
            .unwrap();
        store
            .team_enqueue(&[item("c", "comment")], &[], 11)
            .unwrap();
        // Queuing `a` again replaces its body and keeps its place.
        let mut again = item("a", "run");
        again.body = "{\"v\":2}".into();
        store.team_enqueue(&[again], &[], 12).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let queued = store.team_queued(10).unwrap();
    let ids: Vec<&str> = queued.iter().map(|r| r.item.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(queued[0].item.body, "{\"v\":2}");
    assert_eq!(store.team_outbox_counts().unwrap(), (3, 0));
    store
        .team_resolve(
            &[queued[0].seq, queued[2].seq],
            &[(
                queued[1].seq,
                "auth.forbidden".into(),
                "needs approver".into(),
            )],
        )
        .unwrap();
    assert_eq!(store.team_outbox_counts().unwrap(), (0, 1));
    let rejected = store.team_rejected(10).unwrap();
    assert_eq!(
        rejected[0].rejected,
        Some(("auth.forbidden".into(), "needs approver".into()))
    );
    assert!(store.team_queued(10).unwrap().is_empty());
    assert_eq!(store.team_clear_rejected().unwrap(), 1);
    assert_eq!(store.team_outbox_counts().unwrap(), (0, 0));
}

#[test]
fn ended_runs_are_offered_once() {
    let store = Store::open_in_memory().unwrap();
    let new = |c: &str| NewRun {
        command: c.into(),
        tool: "terraform".into(),
        tool_version: "1.11.4".into(),
        workspace: "/w".into(),
        environment: None,
        identity: None,
        plan_sha256: None,
        started_at: 1,
    };
    let old = store.start_run(&new("init")).unwrap();
    let floor = store.team_last_run_id().unwrap();
    assert_eq!(floor, old);
    let running = store.start_run(&new("plan")).unwrap();
    let done = store.start_run(&new("plan")).unwrap();
    let end = RunEnd {
        status: RunStatus::Succeeded,
        exit_code: Some(0),
        changes: None,
        plan_sha256: None,
        ended_at: 2,
    };
    store.finish_run(old, &end).unwrap();
    store.finish_run(done, &end).unwrap();
    let offered: Vec<i64> = store
        .team_runs_to_queue(floor, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(offered, [done], "ended runs after the floor only");
    store.team_enqueue(&[item("r", "run")], &[done], 3).unwrap();
    assert!(store.team_runs_to_queue(floor, 10).unwrap().is_empty());
    // The run that was still going is offered once it ends, though a later one went first.
    store.finish_run(running, &end).unwrap();
    let offered: Vec<i64> = store
        .team_runs_to_queue(floor, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(offered, [running]);
}

#[test]
fn pulled_records_and_cursor_move_together() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.team_cursor("w1").unwrap(), 0);
    let rec = |id: &str, seq: i64, body: &str| TeamRecord {
        workspace_id: "w1".into(),
        id: id.into(),
        kind: "run".into(),
        author_id: "u".into(),
        created_at: 1,
        updated_at: seq,
        seq,
        body: body.into(),
    };
    store
        .team_store_pulled("w1", &[rec("x", 1, "{}"), rec("y", 2, "{}")], 2)
        .unwrap();
    store
        .team_store_pulled("w1", &[rec("x", 3, "{\"status\":\"succeeded\"}")], 3)
        .unwrap();
    assert_eq!(store.team_cursor("w1").unwrap(), 3);
    let all = store.team_records("w1", Some("run")).unwrap();
    assert_eq!(all.len(), 2, "a record seen again is replaced, not added");
    assert_eq!(all[1].id, "x");
    assert_eq!(all[1].body, "{\"status\":\"succeeded\"}");
    assert!(store
        .team_records("w1", Some("approval"))
        .unwrap()
        .is_empty());
    assert!(store.team_records("other", None).unwrap().is_empty());
}
