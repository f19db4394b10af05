//! orbis-store: the desktop app's local SQLite database.
//!
//! One file per user profile, opened in WAL mode so readers never block the writer and a crash
//! mid-write never corrupts what was committed. The schema is versioned by ordered migrations
//! (see `migrations.rs`); opening a database written by a newer app is refused instead of
//! guessed at. Secrets never go here (Architecture Invariant: secrets live in the keychain).

mod cluster_actions;
mod cost_estimates;
mod drift_scans;
mod error;
mod inventory_scans;
mod migrations;
mod run_approvals;
mod runs;
mod settings;
mod team;
mod workspaces;

pub use cluster_actions::{ActionOutcome, ClusterActionRecord, NewClusterAction};
pub use cost_estimates::{CostEstimateRecord, CostSource, NewCostEstimate};
pub use drift_scans::{DriftScanRecord, NewDriftScan};
pub use error::StoreError;
pub use inventory_scans::{InventoryScanRecord, KEPT_INVENTORY_SCANS};
pub use migrations::LATEST as SCHEMA_VERSION;
pub use run_approvals::RunApproval;
pub use runs::{NewRun, RunChanges, RunEnd, RunRecord, RunStatus, MAX_RUN_LOG};
pub use team::{OutboxItem, OutboxRow, TeamRecord};
pub use workspaces::RecentWorkspace;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An open local store. Cheap to keep open for the life of the app; not `Sync` — wrap it in a
/// mutex where several threads need it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
        let store = Self::init(conn, Some(path.to_path_buf()))?;
        Ok(store)
    }

    /// An in-memory store (tests, and the CLI when no profile directory is wanted).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn =
            Connection::open_in_memory().map_err(|e| StoreError::open(Path::new(":memory:"), e))?;
        Self::init(conn, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<Self, StoreError> {
        let at = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| StoreError::open(&at, e))?;
        // A file that is not a SQLite database fails here, before anything is written to it.
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| StoreError::open(&at, e))?;
        if path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt {
                path: at,
                detail: format!("journal mode is {mode}, expected wal"),
            });
        }
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")
            .map_err(|e| StoreError::open(&at, e))?;
        let mut store = Self { conn, path };
        migrations::run(&mut store.conn, &at)?;
        Ok(store)
    }

    /// Where the database lives, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version after migrations (for diagnostics and tests).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
