//! Ordered schema migrations. Each entry moves the schema from version N to N+1 and runs in one
//! transaction with the `user_version` bump, so a crash leaves either the old or the new schema.
//! Never edit a shipped migration; append a new one.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    // 1: recent workspaces and settings.
    "CREATE TABLE workspaces (
        path        TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        last_opened INTEGER NOT NULL
     );
     CREATE INDEX workspaces_by_recency ON workspaces(last_opened DESC);
     CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
     );",
    // 2: run history (issue 9). `status` is 'running' until the run ends; rows still
    // 'running' at app start belong to a run the app died during (see runs.rs).
    "CREATE TABLE runs (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        command         TEXT NOT NULL,
        tool            TEXT NOT NULL,
        tool_version    TEXT NOT NULL,
        workspace       TEXT NOT NULL,
        environment     TEXT,
        identity        TEXT,
        plan_sha256     TEXT,
        started_at      INTEGER NOT NULL,
        ended_at        INTEGER,
        status          TEXT NOT NULL CHECK (status IN
                            ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        exit_code       INTEGER,
        changes_add     INTEGER,
        changes_change  INTEGER,
        changes_remove  INTEGER,
        changes_import  INTEGER,
        log             TEXT NOT NULL DEFAULT '',
        log_truncated   INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX runs_by_workspace ON runs(workspace, started_at DESC);
     CREATE INDEX runs_running ON runs(status) WHERE status = 'running';",
    // 3: drift scans (issue 12): one row per scan of a workspace, counts only — the report
    // itself (attribute values) is never stored.
    "CREATE TABLE drift_scans (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace   TEXT NOT NULL,
        scanned_at  INTEGER NOT NULL,
        sources     TEXT NOT NULL,
        managed     INTEGER NOT NULL CHECK (managed >= 0),
        unmanaged   INTEGER NOT NULL CHECK (unmanaged >= 0),
        missing     INTEGER NOT NULL CHECK (missing >= 0),
        changed     INTEGER NOT NULL CHECK (changed >= 0),
        ignored     INTEGER NOT NULL DEFAULT 0,
        coverage    REAL NOT NULL
     );
     CREATE INDEX drift_scans_by_workspace ON drift_scans(workspace, scanned_at);",
    // 4: cost estimates (issue 8): the total of each estimate of a workspace folder, for the
    // history chart. Totals only, no resource data.
    "CREATE TABLE cost_estimates (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace     TEXT NOT NULL,
        folder        TEXT NOT NULL DEFAULT '',
        estimated_at  INTEGER NOT NULL,
        source        TEXT NOT NULL CHECK (source IN ('configuration', 'plan')),
        currency      TEXT NOT NULL,
        total         REAL NOT NULL,
        resources     INTEGER NOT NULL CHECK (resources >= 0)
     );
     CREATE INDEX cost_estimates_by_workspace ON cost_estimates(workspace, folder, estimated_at);",
    // 5: the audit log of cluster actions (issue 11): one row per attempted action, whatever
    // its outcome. Append-only: the triggers refuse any UPDATE or DELETE.
    "CREATE TABLE cluster_actions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        context     TEXT NOT NULL,
        server      TEXT,
        namespace   TEXT,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        action      TEXT NOT NULL,
        summary     TEXT NOT NULL,
        identity    TEXT,
        outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'refused')),
        message     TEXT NOT NULL,
        error_code  TEXT
     );
     CREATE INDEX cluster_actions_by_time ON cluster_actions(at DESC);
     CREATE TRIGGER cluster_actions_no_update BEFORE UPDATE ON cluster_actions
     BEGIN SELECT RAISE(ABORT, 'the cluster action audit log is append-only'); END;
     CREATE TRIGGER cluster_actions_no_delete BEFORE DELETE ON cluster_actions
     BEGIN SELECT RAISE(ABORT, 'the cluster action audit log is append-only'); END;",
];

/// The schema version this build knows.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub(crate) fn run(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known: LATEST,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
