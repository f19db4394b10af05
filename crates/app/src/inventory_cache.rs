//! Live inventory scans cached in the store (`inventory_scans`, migration 5): every live scan
//! of Inventory & Drift is recorded, so the comparison can be made again without scanning
//! ("Compare with: cached scan") and the view says how old the inventory is. Nothing here
//! talks to a cloud.

use crate::error::{AppError, ErrorCode};
use orbis_drift::Inventory;
use orbis_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// How many cached scans the view offers.
const OFFERED: usize = 10;

/// A cached scan as the view lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CachedInventoryScan {
    pub id: u32,
    /// `aws:<profile>:<account> (<regions>)`, as the live scan named itself.
    pub source: String,
    /// Unix seconds (UTC) of the scan.
    pub scanned_at: f64,
    /// Minutes between the scan and now (the staleness shown).
    pub age_minutes: u32,
    pub resources: u32,
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn row(r: &orbis_store::InventoryScanRecord, now: i64) -> CachedInventoryScan {
    CachedInventoryScan {
        id: r.id.clamp(0, u32::MAX as i64) as u32,
        source: r.source.clone(),
        scanned_at: r.scanned_at as f64,
        age_minutes: ((now - r.scanned_at).max(0) / 60).min(u32::MAX as i64) as u32,
        resources: r.resources.min(u32::MAX as u64) as u32,
    }
}

/// Records a live scan (a failure to cache is logged, never fatal: the scan itself worked).
pub(crate) fn record(store: &Store, inv: &Inventory, source: &str) {
    let json = match serde_json::to_string(inv) {
        Ok(j) => j,
        Err(e) => return log::warn!("inventory not cached: {e}"),
    };
    if let Err(e) = store.record_inventory_scan(source, now(), inv.resources.len() as u64, &json) {
        log::warn!("inventory not cached: {e}");
    }
}

/// The cached scans, newest first.
pub(crate) fn list(store: &Store) -> Vec<CachedInventoryScan> {
    let now = now();
    store
        .inventory_scans(OFFERED)
        .map(|rows| rows.iter().map(|r| row(r, now)).collect())
        .unwrap_or_default()
}

/// One cached scan's inventory and its listing row.
pub(crate) fn load(store: &Store, id: u32) -> Result<(Inventory, CachedInventoryScan), AppError> {
    let gone = || {
        AppError::new(
            ErrorCode::NotFound,
            "That cached scan is no longer kept (only the newest five per account are).",
            "Scan live again, or pick another cached scan.",
        )
    };
    let (rec, json) = store.inventory_snapshot(id as i64)?.ok_or_else(gone)?;
    let inv: Inventory = serde_json::from_str(&json).map_err(|e| {
        AppError::new(
            ErrorCode::DriftInvalid,
            format!("The cached scan could not be read: {e}"),
            "Scan live again.",
        )
    })?;
    Ok((inv, row(&rec, now())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_scan_is_listed_with_its_age_and_loads_back() {
        let store = Store::open_in_memory().unwrap();
        let inv: Inventory = serde_json::from_value(serde_json::json!({
            "inventory_version": 1, "source": "aws:dev:1 (eu-west-1)",
            "scanned_types": ["aws_vpc"],
            "resources": [{"type": "aws_vpc", "id": "vpc-1", "attributes": {"cidr_block": "10.0.0.0/16"}}]
        }))
        .unwrap();
        store
            .record_inventory_scan(
                "aws:dev",
                now() - 7_200,
                1,
                &serde_json::to_string(&inv).unwrap(),
            )
            .unwrap();
        record(&store, &inv, "aws:dev");
        let rows = list(&store);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].age_minutes, 0);
        assert_eq!(rows[1].age_minutes, 120);
        let (back, r) = load(&store, rows[1].id).unwrap();
        assert_eq!(back, inv);
        assert_eq!(r.resources, 1);
        assert_eq!(load(&store, 999).unwrap_err().code, ErrorCode::NotFound);
    }
}
