//! Drift scan history: recorded per workspace, returned oldest first, survives reopening.

use orbis_store::{NewDriftScan, Store};

fn scan(ws: &str, at: i64, unmanaged: u64) -> NewDriftScan {
    NewDriftScan {
        workspace: ws.into(),
        scanned_at: at,
        sources: "inventory".into(),
        managed: 10,
        unmanaged,
        missing: 1,
        changed: 2,
        ignored: 0,
        coverage: 10.0 * 100.0 / (10 + unmanaged) as f64,
    }
}

#[test]
fn scans_are_kept_per_workspace_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.db");
    {
        let store = Store::open(&db).unwrap();
        for (ws, at, u) in [
            ("/a", 300, 3),
            ("/b", 100, 9),
            ("/a", 100, 5),
            ("/a", 200, 4),
        ] {
            store.record_drift_scan(&scan(ws, at, u)).unwrap();
        }
    }
    let store = Store::open(&db).unwrap();
    let a = store.drift_scans("/a", 100).unwrap();
    assert_eq!(
        a.iter().map(|r| r.scan.scanned_at).collect::<Vec<_>>(),
        [100, 200, 300]
    );
    assert_eq!(a[0].scan, scan("/a", 100, 5));
    assert_eq!(store.drift_scans("/b", 100).unwrap().len(), 1);
    // The limit keeps the newest scans.
    let last2 = store.drift_scans("/a", 2).unwrap();
    assert_eq!(
        last2.iter().map(|r| r.scan.scanned_at).collect::<Vec<_>>(),
        [200, 300]
    );
    assert!(
        store.schema_version().unwrap() >= 3,
        "drift scans came with migration 3"
    );
}
