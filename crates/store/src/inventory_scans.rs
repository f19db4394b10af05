//! Cached live inventory scans (migration 5): each scan's snapshot JSON with its source
//! (`aws:<profile>:<account>:<regions>`) and time, so a comparison can be made again without
//! scanning and the view can say how stale it is. Only the newest few per source are kept.

use crate::{Store, StoreError};
use rusqlite::params;

/// Scans kept per source; older ones are deleted when a new one is recorded.
pub const KEPT_INVENTORY_SCANS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct InventoryScanRecord {
    pub id: i64,
    pub source: String,
    /// Unix seconds (UTC).
    pub scanned_at: i64,
    pub resources: u64,
}

impl Store {
    /// Records a scan's snapshot and drops the source's scans beyond the newest
    /// [`KEPT_INVENTORY_SCANS`] in the same transaction.
    pub fn record_inventory_scan(
        &self,
        source: &str,
        scanned_at: i64,
        resources: u64,
        snapshot: &str,
    ) -> Result<i64, StoreError> {
        let conn = self.conn();
        let tx = conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO inventory_scans(source, scanned_at, resources, snapshot)
             VALUES (?1, ?2, ?3, ?4)",
            params![source, scanned_at, resources as i64, snapshot],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "DELETE FROM inventory_scans WHERE source = ?1 AND id NOT IN
               (SELECT id FROM inventory_scans WHERE source = ?1
                ORDER BY scanned_at DESC, id DESC LIMIT ?2)",
            params![source, KEPT_INVENTORY_SCANS as i64],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The newest scans of every source, newest first (without their snapshots).
    pub fn inventory_scans(&self, limit: usize) -> Result<Vec<InventoryScanRecord>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, source, scanned_at, resources FROM inventory_scans
             ORDER BY scanned_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(InventoryScanRecord {
                id: r.get(0)?,
                source: r.get(1)?,
                scanned_at: r.get(2)?,
                resources: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One scan's snapshot JSON, or None when it was dropped meanwhile.
    pub fn inventory_snapshot(
        &self,
        id: i64,
    ) -> Result<Option<(InventoryScanRecord, String)>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, source, scanned_at, resources, snapshot FROM inventory_scans WHERE id = ?1",
        )?;
        let mut rows = stmt.query(params![id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        Ok(Some((
            InventoryScanRecord {
                id: r.get(0)?,
                source: r.get(1)?,
                scanned_at: r.get(2)?,
                resources: r.get::<_, i64>(3)? as u64,
            },
            r.get(4)?,
        )))
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn scans_are_kept_per_source_newest_first_and_bounded() {
        let store = Store::open_in_memory().unwrap();
        for i in 0..7 {
            store
                .record_inventory_scan("aws:dev", 100 + i, i as u64, &format!("{{\"n\":{i}}}"))
                .unwrap();
        }
        let other = store
            .record_inventory_scan("aws:prod", 50, 3, "{}")
            .unwrap();
        let scans = store.inventory_scans(100).unwrap();
        let dev: Vec<i64> = scans
            .iter()
            .filter(|s| s.source == "aws:dev")
            .map(|s| s.scanned_at)
            .collect();
        assert_eq!(dev, [106, 105, 104, 103, 102]);
        assert_eq!(scans.last().unwrap().id, other);
        let (rec, json) = store.inventory_snapshot(scans[0].id).unwrap().unwrap();
        assert_eq!((rec.resources, json.as_str()), (6, "{\"n\":6}"));
        assert!(store.inventory_snapshot(9_999).unwrap().is_none());
    }
}
