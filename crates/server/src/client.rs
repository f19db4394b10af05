//! The sync client the desktop app will use (no engine logic, only HTTP): push an outbox of
//! records, pull the feed by cursor.
//!
//! Outbox semantics: records are queued locally with their client-generated ids and stay
//! queued until the server has answered for them. A flush that fails in transit (server
//! down, connection cut, 5xx, 429) keeps every record, and the next flush sends the same ids
//! again — the server answers `unchanged` for those that had landed, so nothing is lost and
//! nothing is duplicated. A record the server refuses (`rejected`) leaves the outbox for
//! `rejected` with its code, so one bad record never blocks the queue.

use crate::api::sync::{ChangesPage, Outcome, PushItem, PushRequest, PushResponse, PushResult};
use crate::error::ErrorBody;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server could not be reached or the exchange broke off: retry later.
    #[error("server unreachable: {0}")]
    Transport(String),
    /// The server answered with an error body.
    #[error("{status}: {} ({})", .body.message, .body.code)]
    Api { status: u16, body: ErrorBody },
}

impl ClientError {
    /// Worth retrying later (as opposed to a request the server will always refuse).
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Transport(_) => true,
            ClientError::Api { status, .. } => *status == 429 || *status >= 500,
        }
    }
}

#[derive(Clone)]
pub struct SyncClient {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl SyncClient {
    /// `base`: e.g. `http://127.0.0.1:8080`. The token is kept in memory only.
    pub fn new(base: &str, token: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Self {
            http,
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    async fn send<T: for<'de> Deserialize<'de>>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.without_url().to_string()))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ClientError::Transport(e.without_url().to_string()))?;
        if (200..300).contains(&status) {
            serde_json::from_slice(&bytes)
                .map_err(|e| ClientError::Transport(format!("unexpected answer: {e}")))
        } else {
            let body = serde_json::from_slice(&bytes).unwrap_or(ErrorBody {
                code: "http.error".into(),
                message: format!("HTTP {status}"),
                hint: "check the server's log".into(),
            });
            Err(ClientError::Api { status, body })
        }
    }

    pub async fn push(
        &self,
        workspace_id: &str,
        items: Vec<PushItem>,
    ) -> Result<Vec<PushResult>, ClientError> {
        let url = format!("{}/v1/workspaces/{workspace_id}/records", self.base);
        let response: PushResponse = self
            .send(self.http.post(url).json(&PushRequest { items }))
            .await?;
        Ok(response.results)
    }

    pub async fn pull(
        &self,
        workspace_id: &str,
        after: i64,
        limit: u32,
    ) -> Result<ChangesPage, ClientError> {
        let url = format!(
            "{}/v1/workspaces/{workspace_id}/changes?after={after}&limit={limit}",
            self.base
        );
        self.send(self.http.get(url)).await
    }
}

/// A queued record: which workspace it goes to, and the item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub workspace_id: String,
    pub item: PushItem,
}

/// The local outbox. Serializable, so the app can keep it in its own store between starts.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Outbox {
    pub queued: Vec<Queued>,
    /// Records the server refused, with its result (code and message).
    pub rejected: Vec<(Queued, PushResult)>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FlushReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

impl Outbox {
    pub fn enqueue(&mut self, workspace_id: &str, item: PushItem) {
        self.queued.push(Queued {
            workspace_id: workspace_id.to_string(),
            item,
        });
    }

    /// Pushes everything queued, in order, in batches of `batch` per workspace. Stops at the
    /// first transport or server error, keeping what was not answered for.
    pub async fn flush(
        &mut self,
        client: &SyncClient,
        batch: usize,
    ) -> Result<FlushReport, ClientError> {
        let mut report = FlushReport::default();
        while let Some(first) = self.queued.first() {
            let workspace = first.workspace_id.clone();
            let n = self
                .queued
                .iter()
                .take(batch.max(1))
                .take_while(|q| q.workspace_id == workspace)
                .count();
            let items: Vec<PushItem> = self.queued[..n].iter().map(|q| q.item.clone()).collect();
            let results = client.push(&workspace, items).await?;
            let sent: Vec<Queued> = self.queued.drain(..n).collect();
            for (queued, result) in sent.into_iter().zip(results) {
                match result.outcome {
                    Outcome::Created => report.created += 1,
                    Outcome::Updated => report.updated += 1,
                    Outcome::Unchanged => report.unchanged += 1,
                    Outcome::Rejected => {
                        report.rejected += 1;
                        self.rejected.push((queued, result));
                    }
                }
            }
        }
        Ok(report)
    }
}

/// A client's copy of a workspace's records, kept current by pulling from a cursor.
#[derive(Debug, Default, Clone)]
pub struct Replica {
    pub cursor: i64,
    pub records: std::collections::BTreeMap<String, crate::api::sync::RecordView>,
}

impl Replica {
    /// Pulls until the feed is exhausted; returns how many changes were applied.
    pub async fn catch_up(
        &mut self,
        client: &SyncClient,
        workspace_id: &str,
    ) -> Result<usize, ClientError> {
        let mut applied = 0;
        loop {
            let page = client.pull(workspace_id, self.cursor, 500).await?;
            for change in page.changes {
                self.records.insert(change.record.id.clone(), change.record);
                applied += 1;
            }
            self.cursor = page.cursor;
            if !page.more {
                return Ok(applied);
            }
        }
    }
}

/// The push item for a run of the desktop's local history (`orbis-store`). Local run ids are
/// only unique on one machine, so the record id is `<device_id>-run-<local id>`: the same run
/// pushed twice (or after its status changed) keeps its id. `device_id` is a random id the
/// app generates once and keeps in its settings.
pub fn run_item(device_id: &str, run: &orbis_store::RunRecord) -> PushItem {
    let status = match run.status {
        orbis_store::RunStatus::Running => "running",
        orbis_store::RunStatus::Succeeded => "succeeded",
        orbis_store::RunStatus::Failed => "failed",
        orbis_store::RunStatus::Cancelled => "cancelled",
        orbis_store::RunStatus::Interrupted => "interrupted",
    };
    let mut log = run.log.as_str();
    while log.len() > crate::records::MAX_LOG_BYTES {
        // Keep the tail (errors are at the end), on a character boundary.
        let cut = log.len() - crate::records::MAX_LOG_BYTES;
        let cut = (cut..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        log = &log[cut..];
    }
    PushItem {
        kind: crate::records::RecordKind::Run,
        id: format!("{device_id}-run-{}", run.id),
        body: serde_json::json!({
            "command": run.command,
            "tool": format!("{} {}", run.tool, run.tool_version),
            "identity": run.identity,
            "environment": run.environment,
            "status": status,
            "exit_code": run.exit_code,
            "plan_sha256": run.plan_sha256,
            "plan_summary": run.changes.map(|c| serde_json::json!({
                "add": c.add, "change": c.change, "remove": c.remove, "import": c.import})),
            "log": log,
            "started_at": run.started_at.saturating_mul(1000),
            "ended_at": run.ended_at.map(|t| t.saturating_mul(1000)),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orbis_store::{NewRun, RunChanges, RunEnd, RunStatus, Store};

    /// A run recorded by the desktop's store becomes a record the server accepts, with the
    /// same id before and after it ends.
    #[test]
    fn store_runs_become_valid_push_items() {
        let store = Store::open_in_memory().unwrap();
        let id = store
            .start_run(&NewRun {
                command: "plan".into(),
                tool: "terraform".into(),
                tool_version: "1.11.4".into(),
                workspace: "/w".into(),
                environment: Some("prod".into()),
                identity: Some("aws:prod".into()),
                plan_sha256: None,
                started_at: 1_700_000_000,
            })
            .unwrap();
        let running = store.run(id).unwrap().unwrap();
        let first = run_item("dev1", &running);
        assert!(crate::records::validate(first.kind, &first.body).is_ok());
        store
            .finish_run(
                id,
                &RunEnd {
                    status: RunStatus::Succeeded,
                    exit_code: Some(0),
                    changes: Some(RunChanges {
                        add: 1,
                        change: 0,
                        remove: 0,
                        import: 0,
                    }),
                    plan_sha256: Some("ab".repeat(32)),
                    ended_at: 1_700_000_060,
                },
            )
            .unwrap();
        let done = run_item("dev1", &store.run(id).unwrap().unwrap());
        assert_eq!(done.id, first.id);
        let body = crate::records::validate(done.kind, &done.body).unwrap();
        let crate::records::Body::Run(run) = body else {
            panic!()
        };
        assert_eq!(run.status, crate::records::RunStatus::Succeeded);
        assert_eq!(run.started_at, 1_700_000_000_000);
    }
}
