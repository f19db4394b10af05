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
    // 5: plan approvals (issue 9): a plan run's saved plan confirmed in Plan Review, so the
    // confirmation survives an app restart. The hash is checked again against the file on
    // apply; the environment is the one the plan was made for. (`IF NOT EXISTS`: tests rewind
    // `user_version` to replay older migrations on a database that already has this table.)
    "CREATE TABLE IF NOT EXISTS run_approvals (
        run_id       INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        workspace    TEXT NOT NULL,
        environment  TEXT,
        plan_sha256  TEXT NOT NULL,
        approved_at  INTEGER NOT NULL
     );
     CREATE INDEX IF NOT EXISTS run_approvals_by_workspace ON run_approvals(workspace);",
    // 6: live inventory scans (issue 12), cached so Inventory & Drift can compare again without
    // scanning and say how old the inventory is. `snapshot` is orbis-drift's inventory JSON
    // (ids, regions, tags and the attributes the scan returns; never credentials).
    "CREATE TABLE IF NOT EXISTS inventory_scans (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        source      TEXT NOT NULL,
        scanned_at  INTEGER NOT NULL,
        resources   INTEGER NOT NULL CHECK (resources >= 0),
        snapshot    TEXT NOT NULL
     );
     CREATE INDEX IF NOT EXISTS inventory_scans_by_source ON inventory_scans(source, scanned_at);",
    // 7: team server sync (issue 13). `team_outbox`: records waiting to be pushed, in order,
    // under their client-generated ids; a record the server refused stays with its code
    // (`rejected`) and is no longer sent. `team_queued_runs`: the local runs already put in
    // the outbox (a run is queued once, when it has ended). `team_records`: the workspace's
    // records pulled from the server; `team_cursors`: how far the pull got.
    "CREATE TABLE IF NOT EXISTS team_outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace_id    TEXT NOT NULL,
        id              TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('run', 'approval', 'comment')),
        body            TEXT NOT NULL,
        queued_at       INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'rejected')),
        reject_code     TEXT,
        reject_message  TEXT,
        UNIQUE (workspace_id, id)
     );
     CREATE INDEX IF NOT EXISTS team_outbox_queued ON team_outbox(state, seq);
     CREATE TABLE IF NOT EXISTS team_queued_runs (
        run_id  INTEGER PRIMARY KEY
     );
     CREATE TABLE IF NOT EXISTS team_records (
        workspace_id  TEXT NOT NULL,
        id            TEXT NOT NULL,
        kind          TEXT NOT NULL,
        author_id     TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        seq           INTEGER NOT NULL,
        body          TEXT NOT NULL,
        PRIMARY KEY (workspace_id, id)
     );
     CREATE INDEX IF NOT EXISTS team_records_by_kind ON team_records(workspace_id, kind, seq);
     CREATE TABLE IF NOT EXISTS team_cursors (
        workspace_id  TEXT PRIMARY KEY,
        cursor        INTEGER NOT NULL
     );",
    // 8: the audit log of cluster actions (issue 11): one row per attempted action, whatever
    // its outcome. Append-only: the triggers refuse any UPDATE or DELETE.
    "CREATE TABLE IF NOT EXISTS cluster_actions (
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
     CREATE INDEX IF NOT EXISTS cluster_actions_by_time ON cluster_actions(at DESC);
     CREATE TRIGGER IF NOT EXISTS cluster_actions_no_update BEFORE UPDATE ON cluster_actions
     BEGIN SELECT RAISE(ABORT, 'the cluster action audit log is append-only'); END;
     CREATE TRIGGER IF NOT EXISTS cluster_actions_no_delete BEFORE DELETE ON cluster_actions
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
