//! The cluster action audit log across an upgrade: a database of the previous schema (7) gets
//! the table, keeps what it had, and the log survives reopening.

use orbis_store::{ActionOutcome, NewClusterAction, Store};

#[test]
fn upgrading_a_version_7_database_adds_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        store.touch_workspace("/ws", "ws", 5).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("DROP TABLE cluster_actions; PRAGMA user_version = 7;")
            .unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), orbis_store::SCHEMA_VERSION);
    assert_eq!(store.recent_workspaces(10).unwrap()[0].path, "/ws");
    store
        .record_cluster_action(&NewClusterAction {
            at: 1_700_000_000_000,
            context: "kind-dev".into(),
            server: None,
            namespace: None,
            kind: "node".into(),
            name: "node-a".into(),
            action: "cordon".into(),
            summary: "Cordon node node-a".into(),
            identity: Some("user:alice".into()),
            outcome: ActionOutcome::Failed,
            message: "Not allowed (403 Forbidden).".into(),
            error_code: Some("clusters.forbidden".into()),
        })
        .unwrap();
    drop(store);
    let reopened = Store::open(&db).unwrap();
    let rows = reopened.cluster_actions(10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action.outcome, ActionOutcome::Failed);
    assert_eq!(
        rows[0].action.error_code.as_deref(),
        Some("clusters.forbidden")
    );
}
