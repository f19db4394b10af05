//! What the Requests view shows and sends (self-service requests of catalog modules;
//! compiled without the `team` feature too, for the TypeScript bindings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One step of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamRequestStep {
    /// `requested`, `approved`, `rejected`, `planned`, `applied` or `failed`.
    pub status: String,
    /// The account that made the step.
    pub actor: String,
    #[ts(type = "number")]
    pub at: i64,
    pub comment: Option<String>,
}

/// A request as the server last told this desktop (from the synced feed).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamRequest {
    pub id: String,
    /// Catalog id, `<cloud>/<name>`.
    pub module: String,
    pub module_version: String,
    pub environment: String,
    /// The module's input values (JSON values by input name).
    #[ts(type = "Record<string, unknown>")]
    pub variables: serde_json::Value,
    pub reason: String,
    /// `requested`, `approved`, `rejected`, `planned`, `applied` or `failed`.
    pub status: String,
    pub requester: String,
    /// Made by this account.
    pub mine: bool,
    pub decided_by: Option<String>,
    pub decision_comment: Option<String>,
    pub plan_sha256: Option<String>,
    pub history: Vec<TeamRequestStep>,
    /// This account may approve or reject it now (approver, not the requester, still open).
    pub can_decide: bool,
    /// This account may create its workspace folder and run it (operator or above, approved
    /// or planned).
    pub can_run: bool,
    /// The workspace folder this desktop created for it, if any.
    pub folder: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// A new request from the form generated from the module's variables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamNewRequest {
    /// Catalog id, `<cloud>/<name>`.
    pub module: String,
    pub environment: String,
    /// Input values by name (only inputs the module declares; sensitive ones are refused:
    /// a request is readable by everyone on the workspace).
    #[ts(type = "Record<string, unknown>")]
    pub variables: serde_json::Value,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamRequestDecision {
    pub request_id: String,
    pub approve: bool,
    pub comment: Option<String>,
}

/// The workspace folder made for an approved request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamRequestWorkspace {
    pub request_id: String,
    pub folder: String,
    /// Files written, relative to the folder.
    pub files: Vec<String>,
    /// The run environment to plan and apply in (the request's).
    pub environment: String,
}
