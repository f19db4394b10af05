//! What the Team server panel and the Approvals inbox show (compiled without the `team`
//! feature too: the TypeScript bindings are generated from a default build).

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Sign in to a team server with a local account. The password is used once, for the
/// sign-in; only the session token the server answers is kept, in the OS keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamConnectRequest {
    /// `http(s)://host:port` of the `orbis-server`.
    pub server_url: String,
    pub org: String,
    pub username: String,
    pub password: String,
    /// The server workspace to sync with (name or id); the first one the account may see
    /// when empty.
    pub workspace: Option<String>,
}

/// A record the server refused: it left the outbox with the server's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamRejectedRecord {
    pub id: String,
    /// `run`, `approval` or `comment`.
    pub kind: String,
    pub code: String,
    pub message: String,
}

/// The connection and sync state, for the status bar and the Team server panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamStatus {
    /// This build can connect to a team server (the `team` feature).
    pub available: bool,
    pub connected: bool,
    pub server_url: Option<String>,
    pub org: Option<String>,
    pub username: Option<String>,
    pub workspace_id: Option<String>,
    pub workspace_name: Option<String>,
    /// The account's role in that workspace (`viewer`, `operator`, `approver`, `admin`).
    pub role: Option<String>,
    /// Records waiting in the outbox.
    pub pending: u32,
    /// Records the server refused (see `rejected_records`).
    pub rejected: u32,
    pub rejected_records: Vec<TeamRejectedRecord>,
    /// Unix milliseconds of the last complete sync.
    #[ts(type = "number | null")]
    pub last_sync_at: Option<i64>,
    /// A sync is going on now.
    pub syncing: bool,
    /// Why the last sync failed, in plain words, with what to do.
    pub last_error: Option<AppError>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct TeamSyncReport {
    /// Records the server accepted (new or updated).
    pub pushed: u32,
    /// Records the server already had (a retry): nothing duplicated.
    pub unchanged: u32,
    pub rejected: u32,
    /// Changes pulled from the server.
    pub pulled: u32,
}

/// The plan summary of a run (resources to add, change, remove, import).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamPlanSummary {
    #[ts(type = "number")]
    pub add: u64,
    #[ts(type = "number")]
    pub change: u64,
    #[ts(type = "number")]
    pub remove: u64,
    #[ts(type = "number")]
    pub import: u64,
}

/// A plan run on the server that no one has approved or rejected yet (for its plan hash and
/// environment): an entry of the Approvals inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamApprovalRequest {
    /// The run's record id on the server.
    pub run_id: String,
    pub environment: String,
    pub plan_sha256: String,
    pub plan_summary: Option<TeamPlanSummary>,
    pub tool: Option<String>,
    /// Who ran the plan: an opaque label (cloud profile or OS user).
    pub identity: Option<String>,
    /// The server account that pushed it.
    pub author_id: String,
    /// Pushed by this account.
    pub mine: bool,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub started_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TeamDecision {
    Approved,
    Rejected,
}

/// Approve or reject a plan of the inbox. The record is bound to the run's plan hash and
/// environment: an apply of any other plan is refused by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamDecisionRequest {
    pub run_id: String,
    pub decision: TeamDecision,
    pub note: Option<String>,
}

/// A comment on a plan change (from the server, or queued here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamComment {
    pub id: String,
    pub run_id: Option<String>,
    /// The resource address it is about.
    pub address: Option<String>,
    pub text: String,
    /// The server account that wrote it (`null`: written here, not sent yet).
    pub author_id: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
}
