//! The team server's side of the store (issue 13): the outbox of records waiting to be
//! pushed, and the records pulled from the server with the pull's cursor. Every change that
//! must stay consistent (queue + "this run is queued", accepted + rejected results, pulled
//! records + cursor) is one transaction, so a crash never loses or doubles a record.
//! Tokens are never stored here (they live in the OS keychain).

use crate::{RunRecord, Store, StoreError};
use rusqlite::{params, OptionalExtension};

/// A record to queue: its workspace on the server, its kind (`run`, `approval`, `comment`),
/// its client-generated id and its JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub workspace_id: String,
    pub kind: String,
    pub id: String,
    pub body: String,
}

/// A queued (or rejected) record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub seq: i64,
    pub item: OutboxItem,
    pub queued_at: i64,
    /// For a record the server refused: its code and message.
    pub rejected: Option<(String, String)>,
}

/// A record pulled from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub workspace_id: String,
    pub id: String,
    pub kind: String,
    pub author_id: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Its position in the server's feed.
    pub seq: i64,
    pub body: String,
}

fn outbox_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    let code: Option<String> = r.get(7)?;
    Ok(OutboxRow {
        seq: r.get(0)?,
        item: OutboxItem {
            workspace_id: r.get(1)?,
            id: r.get(2)?,
            kind: r.get(3)?,
            body: r.get(4)?,
        },
        queued_at: r.get(5)?,
        rejected: match (r.get::<_, String>(6)?.as_str(), code) {
            ("rejected", code) => Some((code.unwrap_or_default(), r.get(8)?)),
            _ => None,
        },
    })
}

const OUTBOX_COLUMNS: &str = "seq, workspace_id, id, kind, body, queued_at, state, reject_code,
    COALESCE(reject_message, '')";

impl Store {
    /// Queues records. A record already queued under the same id gets the new body and keeps
    /// its place (a run re-queued after it changed); one that was rejected is queued again.
    /// `runs`: the local run ids these records come from, marked queued in the same
    /// transaction.
    pub fn team_enqueue(
        &self,
        items: &[OutboxItem],
        runs: &[i64],
        now: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction()?;
        for item in items {
            tx.execute(
                "INSERT INTO team_outbox(workspace_id, id, kind, body, queued_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(workspace_id, id) DO UPDATE SET body = excluded.body,
                    kind = excluded.kind, state = 'queued', reject_code = NULL,
                    reject_message = NULL",
                params![item.workspace_id, item.id, item.kind, item.body, now],
            )?;
        }
        for run in runs {
            tx.execute(
                "INSERT OR IGNORE INTO team_queued_runs(run_id) VALUES (?1)",
                params![run],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Runs that have ended, with an id above `after`, not queued yet, oldest first.
    pub fn team_runs_to_queue(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<RunRecord>, StoreError> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn().prepare(
                "SELECT id FROM runs WHERE id > ?1 AND status != 'running'
                   AND id NOT IN (SELECT run_id FROM team_queued_runs)
                 ORDER BY id LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![after, limit as i64], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut runs = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(run) = self.run(id)? {
                runs.push(run);
            }
        }
        Ok(runs)
    }

    /// The highest local run id so far (0 when none): runs up to it are not shared when a
    /// connection is made.
    pub fn team_last_run_id(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT COALESCE(MAX(id), 0) FROM runs", [], |r| r.get(0))?)
    }

    /// The first `limit` queued records, in queue order.
    pub fn team_queued(&self, limit: usize) -> Result<Vec<OutboxRow>, StoreError> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM team_outbox WHERE state = 'queued' ORDER BY seq LIMIT ?1"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![limit as i64], outbox_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records the server refused, newest first.
    pub fn team_rejected(&self, limit: usize) -> Result<Vec<OutboxRow>, StoreError> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM team_outbox WHERE state = 'rejected'
             ORDER BY seq DESC LIMIT ?1"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![limit as i64], outbox_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// (queued, rejected) counts.
    pub fn team_outbox_counts(&self) -> Result<(usize, usize), StoreError> {
        Ok(self.conn().query_row(
            "SELECT COALESCE(SUM(state = 'queued'), 0), COALESCE(SUM(state = 'rejected'), 0)
             FROM team_outbox",
            [],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }

    /// Applies a push's answers in one transaction: `accepted` rows leave the outbox,
    /// `rejected` rows stay with the server's code and message and are not sent again.
    pub fn team_resolve(
        &self,
        accepted: &[i64],
        rejected: &[(i64, String, String)],
    ) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction()?;
        for seq in accepted {
            tx.execute("DELETE FROM team_outbox WHERE seq = ?1", params![seq])?;
        }
        for (seq, code, message) in rejected {
            tx.execute(
                "UPDATE team_outbox SET state = 'rejected', reject_code = ?2, reject_message = ?3
                 WHERE seq = ?1",
                params![seq, code, message],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes the rejected records (the person has seen them).
    pub fn team_clear_rejected(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM team_outbox WHERE state = 'rejected'", [])?)
    }

    /// How far the pull of `workspace_id` got (0: nothing pulled yet).
    pub fn team_cursor(&self, workspace_id: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT cursor FROM team_cursors WHERE workspace_id = ?1",
                params![workspace_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Stores a page of pulled records (a record seen again is replaced: a run's status
    /// moves on) and the cursor after it, in one transaction.
    pub fn team_store_pulled(
        &self,
        workspace_id: &str,
        records: &[TeamRecord],
        cursor: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction()?;
        for r in records {
            tx.execute(
                "INSERT INTO team_records(workspace_id, id, kind, author_id, created_at,
                                          updated_at, seq, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(workspace_id, id) DO UPDATE SET kind = excluded.kind,
                    author_id = excluded.author_id, updated_at = excluded.updated_at,
                    seq = excluded.seq, body = excluded.body",
                params![
                    r.workspace_id,
                    r.id,
                    r.kind,
                    r.author_id,
                    r.created_at,
                    r.updated_at,
                    r.seq,
                    r.body
                ],
            )?;
        }
        tx.execute(
            "INSERT INTO team_cursors(workspace_id, cursor) VALUES (?1, ?2)
             ON CONFLICT(workspace_id) DO UPDATE SET cursor = excluded.cursor",
            params![workspace_id, cursor],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The pulled records of `workspace_id` (of `kind` when given), in feed order.
    pub fn team_records(
        &self,
        workspace_id: &str,
        kind: Option<&str>,
    ) -> Result<Vec<TeamRecord>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT workspace_id, id, kind, author_id, created_at, updated_at, seq, body
             FROM team_records WHERE workspace_id = ?1 AND (?2 IS NULL OR kind = ?2)
             ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![workspace_id, kind], |r| {
            Ok(TeamRecord {
                workspace_id: r.get(0)?,
                id: r.get(1)?,
                kind: r.get(2)?,
                author_id: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                seq: r.get(6)?,
                body: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
