//! Plan approvals (issue 9): which saved plan (by sha256) of which plan run was confirmed in
//! Plan Review, for which workspace and environment. Kept so that a confirmation survives an
//! app restart; the app checks the plan file's hash against it again before applying. No plan
//! content is stored, only the hash.

use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunApproval {
    pub run_id: i64,
    pub workspace: String,
    pub environment: Option<String>,
    pub plan_sha256: String,
    /// Unix seconds.
    pub approved_at: i64,
}

impl Store {
    /// Records (or replaces) the approval of a plan run's saved plan.
    pub fn approve_run_plan(&self, a: &RunApproval) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO run_approvals(run_id, workspace, environment, plan_sha256, approved_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.run_id, a.workspace, a.environment, a.plan_sha256, a.approved_at],
        )?;
        Ok(())
    }

    pub fn run_approval(&self, run_id: i64) -> Result<Option<RunApproval>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT run_id, workspace, environment, plan_sha256, approved_at
                 FROM run_approvals WHERE run_id = ?1",
                params![run_id],
                |r| {
                    Ok(RunApproval {
                        run_id: r.get(0)?,
                        workspace: r.get(1)?,
                        environment: r.get(2)?,
                        plan_sha256: r.get(3)?,
                        approved_at: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// run id → approved sha256, for every approval of `workspace`.
    pub fn run_approvals(&self, workspace: &str) -> Result<HashMap<i64, String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT run_id, plan_sha256 FROM run_approvals WHERE workspace = ?1")?;
        let rows = stmt.query_map(params![workspace], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets an approval (its plan file was removed).
    pub fn revoke_run_approval(&self, run_id: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM run_approvals WHERE run_id = ?1",
            params![run_id],
        )?;
        Ok(())
    }
}
