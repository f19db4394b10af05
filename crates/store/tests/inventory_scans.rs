//! The inventory cache (migration 6) on a database the previous release wrote (schema 5):
//! opening upgrades it in place, cost history kept, and scans are then recorded and read back.

use orbis_store::{CostSource, NewCostEstimate, Store};

#[test]
fn a_version_4_database_gains_the_inventory_cache_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("orbis.sqlite3");
    {
        let store = Store::open(&db).unwrap();
        store
            .record_cost_estimate(&NewCostEstimate {
                workspace: "/ws".into(),
                folder: String::new(),
                estimated_at: 5,
                source: CostSource::Configuration,
                currency: "USD".into(),
                total: 12.5,
                resources: 3,
            })
            .unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("DROP TABLE inventory_scans; PRAGMA user_version = 5;")
            .unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), orbis_store::SCHEMA_VERSION);
    assert_eq!(
        store.cost_estimates("/ws", "", 10).unwrap()[0]
            .estimate
            .total,
        12.5
    );
    let id = store
        .record_inventory_scan(
            "aws:(environment):123456789012:eu-west-1",
            1_700_000_000,
            2,
            "{\"resources\":[]}",
        )
        .unwrap();
    drop(store);
    let reopened = Store::open(&db).unwrap();
    let scans = reopened.inventory_scans(10).unwrap();
    assert_eq!(scans.len(), 1);
    assert_eq!(scans[0].id, id);
    assert_eq!(scans[0].resources, 2);
}
