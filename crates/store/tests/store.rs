use orbis_store::{Store, StoreError};

#[test]
fn settings_and_recent_workspaces_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("profile").join("orbis.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        store.set_setting("theme", &"dark").unwrap();
        store.set_setting("editor.fontSize", &14).unwrap();
        store.touch_workspace("/ws/a", "a", 100).unwrap();
        store.touch_workspace("/ws/b", "b", 200).unwrap();
        store.touch_workspace("/ws/a", "a", 300).unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.setting::<String>("theme").unwrap().as_deref(),
        Some("dark")
    );
    assert_eq!(store.setting::<i64>("editor.fontSize").unwrap(), Some(14));
    assert_eq!(store.setting::<i64>("never.set").unwrap(), None);
    let recent: Vec<_> = store
        .recent_workspaces(10)
        .unwrap()
        .into_iter()
        .map(|w| w.path)
        .collect();
    assert_eq!(
        recent,
        ["/ws/a", "/ws/b"],
        "re-opening a workspace moves it to the top, once"
    );
    assert!(store.forget_workspace("/ws/b").unwrap());
    assert_eq!(store.recent_workspaces(10).unwrap().len(), 1);
}

#[test]
fn database_is_in_wal_mode_and_at_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), orbis_store::SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    let garbage = b"this is not sqlite, but the user's data must survive".repeat(100);
    std::fs::write(&db, &garbage).unwrap();
    let err = Store::open(&db).err().expect("garbage must not open");
    assert!(matches!(err, StoreError::Corrupt { .. }), "got {err:?}");
    assert!(err.hint().contains("Move the file aside"));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        garbage,
        "the file must not be modified"
    );
}

#[test]
fn a_database_from_a_newer_app_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let err = Store::open(&db)
        .err()
        .expect("newer schema must be refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "got {err:?}"
    );
}

#[test]
fn a_setting_holding_bad_json_reports_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    Store::open(&db).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "INSERT INTO settings(key, value) VALUES ('broken', '{not json')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&db).unwrap();
    let err = store.setting::<String>("broken").unwrap_err();
    assert!(err.to_string().contains("broken"));
}
