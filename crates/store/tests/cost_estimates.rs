use orbis_store::{CostSource, NewCostEstimate, Store};

fn estimate(ws: &str, folder: &str, at: i64, total: f64) -> NewCostEstimate {
    NewCostEstimate {
        workspace: ws.into(),
        folder: folder.into(),
        estimated_at: at,
        source: CostSource::Configuration,
        currency: "USD".into(),
        total,
        resources: 4,
    }
}

#[test]
fn estimates_are_kept_per_workspace_folder_oldest_first_newest_kept() {
    let store = Store::open_in_memory().unwrap();
    for (ws, folder, at, total) in [
        ("/a", "", 300, 91.48),
        ("/a", "", 100, 80.0),
        ("/a", "envs/prod", 150, 1000.0),
        ("/b", "", 200, 5.0),
        ("/a", "", 200, 85.5),
    ] {
        store
            .record_cost_estimate(&estimate(ws, folder, at, total))
            .unwrap();
    }
    let a = store.cost_estimates("/a", "", 100).unwrap();
    assert_eq!(
        a.iter().map(|r| r.estimate.total).collect::<Vec<_>>(),
        [80.0, 85.5, 91.48]
    );
    assert_eq!(a[2].estimate, estimate("/a", "", 300, 91.48));
    assert_eq!(
        store.cost_estimates("/a", "envs/prod", 100).unwrap().len(),
        1
    );
    let last2 = store.cost_estimates("/a", "", 2).unwrap();
    assert_eq!(
        last2
            .iter()
            .map(|r| r.estimate.estimated_at)
            .collect::<Vec<_>>(),
        [200, 300]
    );
    // A plan-sourced estimate keeps its source; a non-finite total is stored as 0, not lost.
    let mut p = estimate("/c", "", 1, f64::NAN);
    p.source = CostSource::Plan;
    store.record_cost_estimate(&p).unwrap();
    let c = &store.cost_estimates("/c", "", 10).unwrap()[0].estimate;
    assert_eq!((c.source, c.total), (CostSource::Plan, 0.0));
}

#[test]
fn upgrading_a_version_3_database_keeps_drift_scans_and_adds_cost_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        store
            .record_drift_scan(&orbis_store::NewDriftScan {
                workspace: "/ws".into(),
                scanned_at: 7,
                sources: "inventory".into(),
                managed: 1,
                unmanaged: 2,
                missing: 3,
                changed: 4,
                ignored: 0,
                coverage: 50.0,
            })
            .unwrap();
    }
    {
        // Back to what the previous release wrote: schema 3, without the tables of later
        // migrations (cost history, inventory cache, team sync, cluster actions).
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE cost_estimates; DROP TABLE inventory_scans; DROP TABLE team_outbox;
             DROP TABLE team_queued_runs; DROP TABLE team_records; DROP TABLE team_cursors;
             DROP TABLE IF EXISTS cluster_actions; PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), orbis_store::SCHEMA_VERSION);
    assert_eq!(store.drift_scans("/ws", 10).unwrap()[0].scan.unmanaged, 2);
    store
        .record_cost_estimate(&estimate("/ws", "", 9, 1.0))
        .unwrap();
    drop(store);
    let reopened = Store::open(&db).unwrap();
    assert_eq!(reopened.cost_estimates("/ws", "", 10).unwrap().len(), 1);
}
