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
