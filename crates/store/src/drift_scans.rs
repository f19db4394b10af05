//! Drift scan history (migration 3): the counts of each scan of a workspace, for the drift
//! timeline. Only counts and source names: no resource ids or attribute values are kept.

use crate::{Store, StoreError};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq)]
pub struct NewDriftScan {
    pub workspace: String,
    /// Unix seconds (UTC).
    pub scanned_at: i64,
    /// What the scan compared against, e.g. `inventory,refresh_only_plan`.
    pub sources: String,
    pub managed: u64,
    pub unmanaged: u64,
    pub missing: u64,
    pub changed: u64,
    pub ignored: u64,
    /// Managed share of all resources seen, in percent (driftctl's coverage).
    pub coverage: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DriftScanRecord {
    pub id: i64,
    pub scan: NewDriftScan,
}

impl Store {
    pub fn record_drift_scan(&self, s: &NewDriftScan) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO drift_scans(workspace, scanned_at, sources, managed, unmanaged, missing,
                                     changed, ignored, coverage)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                s.workspace,
                s.scanned_at,
                s.sources,
                s.managed as i64,
                s.unmanaged as i64,
                s.missing as i64,
                s.changed as i64,
                s.ignored as i64,
                s.coverage
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// A workspace's scans, oldest first (the timeline's order), at most `limit` newest ones.
    pub fn drift_scans(
        &self,
        workspace: &str,
        limit: usize,
    ) -> Result<Vec<DriftScanRecord>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, workspace, scanned_at, sources, managed, unmanaged, missing, changed,
                    ignored, coverage
             FROM (SELECT * FROM drift_scans WHERE workspace = ?1
                   ORDER BY scanned_at DESC, id DESC LIMIT ?2)
             ORDER BY scanned_at, id",
        )?;
        let rows = stmt.query_map(params![workspace, limit as i64], |r| {
            Ok(DriftScanRecord {
                id: r.get(0)?,
                scan: NewDriftScan {
                    workspace: r.get(1)?,
                    scanned_at: r.get(2)?,
                    sources: r.get(3)?,
                    managed: r.get::<_, i64>(4)? as u64,
                    unmanaged: r.get::<_, i64>(5)? as u64,
                    missing: r.get::<_, i64>(6)? as u64,
                    changed: r.get::<_, i64>(7)? as u64,
                    ignored: r.get::<_, i64>(8)? as u64,
                    coverage: r.get(9)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
