//! The sync client (no engine logic, only HTTP): sign in, push records, pull the feed by
//! cursor. `Outbox`/`Replica` keep their state in memory (the server's tests use them); the
//! desktop keeps the same state in its SQLite store (orbis-app's `team` module).
//!
//! Outbox semantics: records are queued locally with their client-generated ids and stay
//! queued until the server has answered for them. A flush that fails in transit (server
//! down, connection cut, 5xx, 429) keeps every record, and the next flush sends the same ids
//! again — the server answers `unchanged` for those that had landed, so nothing is lost and
//! nothing is duplicated. A record the server refuses (`rejected`) leaves the outbox for
//! `rejected` with its code, so one bad record never blocks the queue.

use crate::wire::{
    AuditEntries, ChangesPage, ErrorBody, LoginRequest, MeResponse, Outcome, PushItem, PushRequest,
    PushResponse, PushResult, RecordView, TokenResponse, WorkspaceList, WorkspaceView,
};
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

/// A transport failure in words a person can act on: reqwest's own message ("error sending
/// request") plus its innermost cause ("Connection refused (os error 111)", "operation timed
/// out"). URLs are left out (they may carry query strings).
pub(crate) fn transport(e: reqwest::Error) -> ClientError {
    let timed_out = e.is_timeout();
    let e = e.without_url();
    let mut cause: &dyn std::error::Error = &e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let outer = e.to_string();
    let inner = cause.to_string();
    ClientError::Transport(if timed_out {
        "no answer in time".to_string()
    } else if inner.contains("certificate") {
        format!(
            "the server's certificate is not trusted ({inner}); install the team's CA certificate \
             in the system's trust store (or point SSL_CERT_FILE at it) and try again"
        )
    } else if inner == outer {
        outer
    } else {
        format!("{outer}: {inner}")
    })
}

/// Makes ring the process's default rustls crypto provider (once; a provider installed before
/// stays). reqwest is built without a provider of its own (its default would compile aws-lc
/// from C), and any reqwest client made without [`SyncClient`]'s TLS configuration — a
/// plain `reqwest::Client::new()` elsewhere in the process — needs one, or it panics.
pub fn use_ring_for_tls() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// TLS for `https://` servers: rustls with ring, certificates checked against the operating
/// system's trust store (on Linux the system bundle, or the file `SSL_CERT_FILE` names).
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_platform_verifier()?
        .with_no_client_auth())
}

/// An HTTP client with this crate's TLS settings (rustls + ring, the system's trust store)
/// whose every request is given up after `timeout` (connecting: at most 5 s).
pub fn http_client(timeout: Duration) -> reqwest::Client {
    use_ring_for_tls();
    let builder = || {
        reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
    };
    // Without a usable trust store the client still speaks plain HTTP; an https:// server
    // then fails with reqwest's "no TLS" error, which `transport` words for the user.
    match tls_config() {
        Ok(tls) => builder().tls_backend_preconfigured(tls).build(),
        Err(_) => builder().build(),
    }
    .or_else(|_| builder().build())
    .unwrap_or_default()
}

/// The client of the event stream: no overall timeout (the stream stays open), a read
/// timeout instead, so a silent dead connection is noticed.
fn stream_client(timeout: Duration) -> reqwest::Client {
    use_ring_for_tls();
    let builder = || {
        reqwest::Client::builder()
            .read_timeout(crate::events::SILENCE)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
    };
    match tls_config() {
        Ok(tls) => builder().tls_backend_preconfigured(tls).build(),
        Err(_) => builder().build(),
    }
    .or_else(|_| builder().build())
    .unwrap_or_default()
}

#[derive(Clone)]
pub struct SyncClient {
    pub(crate) http: reqwest::Client,
    /// For the event stream: no overall timeout (it stays open), but a read timeout.
    pub(crate) stream_http: reqwest::Client,
    pub(crate) base: String,
    token: String,
}

impl SyncClient {
    /// `base`: e.g. `http://127.0.0.1:8080`. The token is kept in memory only.
    pub fn new(base: &str, token: &str) -> Self {
        Self::with_timeout(base, token, Duration::from_secs(30))
    }

    /// As `new`, with every request given up after `timeout` (connecting: at most 5 s), so
    /// a caller never waits on a server that stopped answering.
    pub fn with_timeout(base: &str, token: &str, timeout: Duration) -> Self {
        Self {
            http: http_client(timeout),
            stream_http: stream_client(timeout),
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    pub(crate) async fn send<T: for<'de> Deserialize<'de>>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(transport)?;
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

    /// Signs in with a local account: a session token (the client keeps using its own).
    pub async fn login(
        &self,
        org: &str,
        username: &str,
        password: &str,
    ) -> Result<TokenResponse, ClientError> {
        let url = format!("{}/v1/sessions", self.base);
        let request = self.http.post(url).json(&LoginRequest {
            org: org.to_string(),
            username: username.to_string(),
            password: password.to_string(),
        });
        self.send(request).await
    }

    /// The OpenID Connect provider the server accepts (`Ok(None)`: the server offers no
    /// single sign-on; an older server without the endpoint counts as such).
    pub async fn oidc_config(
        &self,
    ) -> Result<Option<crate::oidc::OidcConfigResponse>, ClientError> {
        let url = format!("{}/v1/auth/oidc", self.base);
        match self.send(self.http.get(url)).await {
            Ok(config) => Ok(Some(config)),
            Err(ClientError::Api { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Signs in with an ID token from the server's OIDC provider: a session token.
    pub async fn login_oidc(
        &self,
        request: &crate::oidc::OidcLoginRequest,
    ) -> Result<crate::oidc::OidcSessionResponse, ClientError> {
        let url = format!("{}/v1/sessions/oidc", self.base);
        self.send(self.http.post(url).json(request)).await
    }

    /// Ends the session of this client's token on the server.
    pub async fn logout(&self) -> Result<(), ClientError> {
        let url = format!("{}/v1/sessions/current", self.base);
        let response = self
            .http
            .delete(url)
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) || status == 401 {
            Ok(())
        } else {
            Err(ClientError::Api {
                status,
                body: ErrorBody {
                    code: "http.error".into(),
                    message: format!("HTTP {status}"),
                    hint: "check the server's log".into(),
                },
            })
        }
    }

    pub async fn me(&self) -> Result<MeResponse, ClientError> {
        self.send(self.http.get(format!("{}/v1/me", self.base)))
            .await
    }

    /// One page of the organization's audit log after `after` (oldest first; org admins only).
    pub async fn audit_page(&self, after: i64, limit: u32) -> Result<AuditEntries, ClientError> {
        self.send(self.http.get(format!(
            "{}/v1/audit?after={after}&limit={limit}",
            self.base
        )))
        .await
    }

    /// The workspaces the account may see, with its role in each.
    pub async fn workspaces(&self) -> Result<Vec<WorkspaceView>, ClientError> {
        let list: WorkspaceList = self
            .send(self.http.get(format!("{}/v1/workspaces", self.base)))
            .await?;
        Ok(list.workspaces)
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
    pub records: std::collections::BTreeMap<String, RecordView>,
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
///
/// The server knows commands by their verb: the app records the command line
/// (`/usr/bin/terraform plan -json -destroy …`), which is sent as its first known verb
/// (`plan`; a destroy plan is a `plan` run). A run without an environment is recorded for
/// `default` (terraform's name for the default workspace), so its plan can be approved and
/// applied like any other.
/// The terraform/tofu subcommand of a recorded command line.
fn verb(command: &str) -> &str {
    const VERBS: [&str; 7] = [
        "init", "plan", "apply", "destroy", "validate", "refresh", "import",
    ];
    command
        .split_whitespace()
        .find(|w| VERBS.contains(w))
        .or_else(|| command.split_whitespace().next())
        .unwrap_or("")
}

pub fn run_item(device_id: &str, run: &orbis_store::RunRecord) -> PushItem {
    let status = match run.status {
        orbis_store::RunStatus::Running => "running",
        orbis_store::RunStatus::Succeeded => "succeeded",
        orbis_store::RunStatus::Failed => "failed",
        orbis_store::RunStatus::Cancelled => "cancelled",
        orbis_store::RunStatus::Interrupted => "interrupted",
    };
    let mut log = run.log.as_str();
    while log.len() > crate::MAX_LOG_BYTES {
        // Keep the tail (errors are at the end), on a character boundary.
        let cut = log.len() - crate::MAX_LOG_BYTES;
        let cut = (cut..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        log = &log[cut..];
    }
    PushItem {
        kind: crate::wire::RecordKind::Run,
        id: format!("{device_id}-run-{}", run.id),
        body: serde_json::json!({
            "command": verb(&run.command),
            "tool": format!("{} {}", run.tool, run.tool_version),
            "identity": run.identity,
            "environment": run.environment.as_deref().unwrap_or("default"),
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
