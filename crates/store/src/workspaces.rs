use crate::{Store, StoreError};
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// A folder the user opened, most recent first in listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentWorkspace {
    pub path: String,
    pub name: String,
    /// Unix seconds.
    pub last_opened: i64,
}

impl Store {
    /// Records that `path` was opened at `now` (unix seconds); re-opening moves it to the top.
    pub fn touch_workspace(&self, path: &str, name: &str, now: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO workspaces(path, name, last_opened) VALUES (?1, ?2, ?3)
             ON CONFLICT(path) DO UPDATE SET name = excluded.name, last_opened = excluded.last_opened",
            params![path, name, now],
        )?;
        Ok(())
    }

    /// The `limit` most recently opened workspaces.
    pub fn recent_workspaces(&self, limit: usize) -> Result<Vec<RecentWorkspace>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT path, name, last_opened FROM workspaces ORDER BY last_opened DESC, path LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(RecentWorkspace {
                path: r.get(0)?,
                name: r.get(1)?,
                last_opened: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets a workspace (e.g. its folder was deleted).
    pub fn forget_workspace(&self, path: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM workspaces WHERE path = ?1", params![path])?
            > 0)
    }
}
