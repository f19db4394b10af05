//! Run history (issue 9): one row per init/plan/apply/destroy run. A run is written as
//! `running` when it starts and completed when it ends, so a run the app died during is still
//! there; `mark_interrupted_runs` (called at app start) turns those leftovers into
//! `interrupted`. Only what the runner already redacted is stored; the log is bounded.

use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The log kept per run; older text is dropped first (errors are at the end).
pub const MAX_RUN_LOG: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "running" => RunStatus::Running,
            "succeeded" => RunStatus::Succeeded,
            "failed" => RunStatus::Failed,
            "cancelled" => RunStatus::Cancelled,
            "interrupted" => RunStatus::Interrupted,
            _ => return None,
        })
    }
}

/// What is known when a run starts. `identity` is an opaque label from the caller (profile
/// name, account alias) — never a secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRun {
    pub command: String,
    pub tool: String,
    pub tool_version: String,
    pub workspace: String,
    pub environment: Option<String>,
    pub identity: Option<String>,
    pub plan_sha256: Option<String>,
    /// Unix seconds.
    pub started_at: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunChanges {
    pub add: u64,
    pub change: u64,
    pub remove: u64,
    pub import: u64,
}

/// What is known when a run ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunEnd {
    pub status: RunStatus,
    pub exit_code: Option<i32>,
    pub changes: Option<RunChanges>,
    /// For a plan: the hash of the plan file it wrote (known only at the end).
    pub plan_sha256: Option<String>,
    pub ended_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub command: String,
    pub tool: String,
    pub tool_version: String,
    pub workspace: String,
    pub environment: Option<String>,
    pub identity: Option<String>,
    pub plan_sha256: Option<String>,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub status: RunStatus,
    pub exit_code: Option<i32>,
    pub changes: Option<RunChanges>,
    pub log: String,
    pub log_truncated: bool,
}

const COLUMNS: &str = "id, command, tool, tool_version, workspace, environment, identity,
    plan_sha256, started_at, ended_at, status, exit_code, changes_add, changes_change,
    changes_remove, changes_import, log, log_truncated";

fn record(r: &Row<'_>) -> rusqlite::Result<RunRecord> {
    let status: String = r.get(10)?;
    let add: Option<i64> = r.get(12)?;
    let changes = match add {
        Some(add) => Some(RunChanges {
            add: add.max(0) as u64,
            change: r.get::<_, Option<i64>>(13)?.unwrap_or(0).max(0) as u64,
            remove: r.get::<_, Option<i64>>(14)?.unwrap_or(0).max(0) as u64,
            import: r.get::<_, Option<i64>>(15)?.unwrap_or(0).max(0) as u64,
        }),
        None => None,
    };
    Ok(RunRecord {
        id: r.get(0)?,
        command: r.get(1)?,
        tool: r.get(2)?,
        tool_version: r.get(3)?,
        workspace: r.get(4)?,
        environment: r.get(5)?,
        identity: r.get(6)?,
        plan_sha256: r.get(7)?,
        started_at: r.get(8)?,
        ended_at: r.get(9)?,
        // The CHECK constraint keeps other values out; a hand-edited row reads as failed.
        status: RunStatus::parse(&status).unwrap_or(RunStatus::Failed),
        exit_code: r.get(11)?,
        changes,
        log: r.get(16)?,
        log_truncated: r.get::<_, i64>(17)? != 0,
    })
}

/// Keeps the last `MAX_RUN_LOG` bytes, cut at a line start when one is near.
fn bound_log(mut log: String) -> (String, bool) {
    if log.len() <= MAX_RUN_LOG {
        return (log, false);
    }
    let mut cut = log.len() - MAX_RUN_LOG;
    while !log.is_char_boundary(cut) {
        cut += 1;
    }
    if let Some(nl) = log[cut..].find('\n').filter(|n| *n < 4096) {
        cut += nl + 1;
    }
    log.drain(..cut);
    (log, true)
}

impl Store {
    /// Records a run as `running`; returns its id.
    pub fn start_run(&self, run: &NewRun) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO runs(command, tool, tool_version, workspace, environment, identity,
                              plan_sha256, started_at, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'running')",
            params![
                run.command,
                run.tool,
                run.tool_version,
                run.workspace,
                run.environment,
                run.identity,
                run.plan_sha256,
                run.started_at
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Replaces the recorded command line (known only once the run's files are named, after
    /// `start_run` gave the id they are named by).
    pub fn set_run_command(&self, id: i64, command: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE runs SET command = ?2 WHERE id = ?1",
            params![id, command],
        )?;
        Ok(())
    }

    /// Appends (already redacted) text to a run's log, keeping it bounded. Called as the run
    /// goes, so a run the app dies during keeps what it had logged.
    pub fn append_run_log(&self, id: i64, text: &str) -> Result<(), StoreError> {
        let current: Option<(String, i64)> = self
            .conn()
            .query_row(
                "SELECT log, log_truncated FROM runs WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((mut log, was_truncated)) = current else {
            return Ok(());
        };
        log.push_str(text);
        let (log, truncated) = bound_log(log);
        self.conn().execute(
            "UPDATE runs SET log = ?2, log_truncated = ?3 WHERE id = ?1",
            params![id, log, (was_truncated != 0 || truncated) as i64],
        )?;
        Ok(())
    }

    /// Completes a run. Returns false when no such run is still `running` (already ended or
    /// marked interrupted): the first ending wins.
    pub fn finish_run(&self, id: i64, end: &RunEnd) -> Result<bool, StoreError> {
        let c = end.changes;
        let n = |f: fn(&RunChanges) -> u64| c.as_ref().map(|c| f(c).min(i64::MAX as u64) as i64);
        let status = if end.status == RunStatus::Running {
            RunStatus::Failed
        } else {
            end.status
        };
        let changed = self.conn().execute(
            "UPDATE runs SET status = ?2, exit_code = ?3, ended_at = ?4,
                changes_add = ?5, changes_change = ?6, changes_remove = ?7, changes_import = ?8,
                plan_sha256 = COALESCE(?9, plan_sha256)
             WHERE id = ?1 AND status = 'running'",
            params![
                id,
                status.as_str(),
                end.exit_code,
                end.ended_at,
                n(|c| c.add),
                n(|c| c.change),
                n(|c| c.remove),
                n(|c| c.import),
                end.plan_sha256
            ],
        )?;
        Ok(changed > 0)
    }

    /// At app start: every run still `running` was cut short by the app dying. Returns how
    /// many were marked `interrupted` (their end time is `now`, unix seconds).
    pub fn mark_interrupted_runs(&self, now: i64) -> Result<usize, StoreError> {
        Ok(self.conn().execute(
            "UPDATE runs SET status = 'interrupted', ended_at = ?1 WHERE status = 'running'",
            params![now],
        )?)
    }

    pub fn run(&self, id: i64) -> Result<Option<RunRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM runs WHERE id = ?1");
        Ok(self
            .conn()
            .query_row(&sql, params![id], record)
            .optional()?)
    }

    /// Most recent first; only `workspace`'s runs when given.
    /// Like `recent_runs` but without the logs (`log` is empty): a history list of hundreds
    /// of runs must not read up to 256 KiB of log per row.
    pub fn recent_runs_without_logs(
        &self,
        workspace: Option<&str>,
        limit: usize,
    ) -> Result<Vec<RunRecord>, StoreError> {
        let columns = COLUMNS.replace("log, log_truncated", "'' AS log, log_truncated");
        let sql = format!(
            "SELECT {columns} FROM runs WHERE (?1 IS NULL OR workspace = ?1)
             ORDER BY started_at DESC, id DESC LIMIT ?2"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![workspace, limit as i64], record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn recent_runs(
        &self,
        workspace: Option<&str>,
        limit: usize,
    ) -> Result<Vec<RunRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM runs WHERE (?1 IS NULL OR workspace = ?1)
             ORDER BY started_at DESC, id DESC LIMIT ?2"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![workspace, limit as i64], record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_log_keeps_the_tail_at_a_line_start() {
        let line = "0123456789abcdef\n";
        let log = line.repeat(MAX_RUN_LOG / line.len() + 100) + "the error\n";
        let (kept, truncated) = bound_log(log);
        assert!(truncated);
        assert!(kept.len() <= MAX_RUN_LOG);
        assert!(kept.starts_with("0123"), "cut at a line start");
        assert!(kept.ends_with("the error\n"));
        assert_eq!(bound_log("short".into()), ("short".into(), false));
    }

    #[test]
    fn multibyte_logs_are_cut_on_a_char_boundary() {
        let (kept, truncated) = bound_log("é".repeat(MAX_RUN_LOG));
        assert!(truncated && kept.len() <= MAX_RUN_LOG && kept.chars().all(|c| c == 'é'));
    }
}
