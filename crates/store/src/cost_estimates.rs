//! Cost estimate history (migration 4): the total of each estimate of a workspace folder, for
//! the Cost view's history chart. Totals and counts only.

use crate::{Store, StoreError};
use rusqlite::params;

/// Where an estimate's resources came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostSource {
    Configuration,
    Plan,
}

impl CostSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CostSource::Configuration => "configuration",
            CostSource::Plan => "plan",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCostEstimate {
    pub workspace: String,
    /// Workspace-relative folder estimated (`""` for the workspace root).
    pub folder: String,
    /// Unix seconds (UTC).
    pub estimated_at: i64,
    pub source: CostSource,
    pub currency: String,
    pub total: f64,
    pub resources: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostEstimateRecord {
    pub id: i64,
    pub estimate: NewCostEstimate,
}

impl Store {
    pub fn record_cost_estimate(&self, e: &NewCostEstimate) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO cost_estimates(workspace, folder, estimated_at, source, currency, total,
                                        resources)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                e.workspace,
                e.folder,
                e.estimated_at,
                e.source.as_str(),
                e.currency,
                // A non-finite total cannot be charted; SQLite would store NULL and fail NOT NULL.
                if e.total.is_finite() { e.total } else { 0.0 },
                e.resources as i64
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// A workspace folder's estimates, oldest first (the chart's order), the `limit` newest.
    pub fn cost_estimates(
        &self,
        workspace: &str,
        folder: &str,
        limit: usize,
    ) -> Result<Vec<CostEstimateRecord>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, workspace, folder, estimated_at, source, currency, total, resources
             FROM (SELECT * FROM cost_estimates WHERE workspace = ?1 AND folder = ?2
                   ORDER BY estimated_at DESC, id DESC LIMIT ?3)
             ORDER BY estimated_at, id",
        )?;
        let rows = stmt.query_map(params![workspace, folder, limit as i64], |r| {
            let source: String = r.get(4)?;
            Ok(CostEstimateRecord {
                id: r.get(0)?,
                estimate: NewCostEstimate {
                    workspace: r.get(1)?,
                    folder: r.get(2)?,
                    estimated_at: r.get(3)?,
                    source: if source == "plan" {
                        CostSource::Plan
                    } else {
                        CostSource::Configuration
                    },
                    currency: r.get(5)?,
                    total: r.get(6)?,
                    resources: r.get::<_, i64>(7)?.max(0) as u64,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
