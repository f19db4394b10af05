//! What the Runs view exchanges with Rust: the request to start a run, the live updates a run
//! streams (`run-event` in the desktop app), and history rows. Everything here has been through
//! the runner's redaction; none of it carries a plan's values.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to run. `apply` only ever applies the saved plan of an earlier `plan` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    Init,
    Plan,
    Apply,
    /// A destroy plan (`plan -destroy`): saved, reviewed and confirmed like any plan; applying
    /// it needs the environment's name (else the workspace folder's) typed.
    Destroy,
    /// A refresh-only plan (`plan -refresh-only`): what changed outside Terraform; applying it
    /// (reviewed and confirmed like any plan) only updates the state.
    RefreshOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartRunRequest {
    pub kind: RunKind,
    /// An environment from `run_environments` (None: the workspace without var files).
    pub environment: Option<String>,
    /// apply: the `plan` run whose saved plan to apply (it must have been approved).
    #[ts(type = "number | null")]
    pub plan_run_id: Option<i64>,
    /// The environment's name as typed, for production applies.
    pub typed_confirmation: String,
}

/// An environment of the workspace, from `.orbis.toml` (`[runs.environments.NAME]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunEnvironment {
    pub name: String,
    pub var_files: Vec<String>,
    /// Applying needs the environment's name typed.
    pub production: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct RunChanges {
    #[ts(type = "number")]
    pub add: u64,
    #[ts(type = "number")]
    pub change: u64,
    #[ts(type = "number")]
    pub remove: u64,
    #[ts(type = "number")]
    pub import: u64,
}

/// One run in the history (and the end of a live run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunSummary {
    #[ts(type = "number")]
    pub id: i64,
    /// `init`, `plan`, `apply`, … (the tool's subcommand).
    pub operation: String,
    /// The command line as run (backend-config values masked).
    pub command: String,
    pub tool: String,
    pub tool_version: String,
    pub environment: Option<String>,
    /// Who ran it, never a secret: `aws:PROFILE ARN (account N) (verified)` when a live check
    /// of that profile proved it this session, `aws:PROFILE (unverified)` otherwise, or
    /// `user:NAME` without any AWS setting.
    pub identity: Option<String>,
    pub plan_sha256: Option<String>,
    /// Unix seconds.
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number | null")]
    pub ended_at: Option<i64>,
    pub status: RunStatus,
    pub exit_code: Option<i32>,
    pub changes: Option<RunChanges>,
    /// A plan run whose saved plan file is still there (it can be reviewed and applied).
    pub plan_available: bool,
    /// This plan (this hash of it) was confirmed in Plan Review; the approval is kept in the
    /// store, so it outlives a restart (the gate is open).
    pub approved: bool,
    /// A destroy plan (`plan -destroy`): applying it destroys what it lists.
    pub destroy: bool,
    /// A refresh-only plan (`plan -refresh-only`): applying it only updates the state.
    pub refresh_only: bool,
}

/// Filters of the history list; empty = everything of the open workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunFilter {
    pub status: Option<RunStatus>,
    pub operation: Option<String>,
    pub environment: Option<String>,
    pub limit: Option<u32>,
}

/// A run's redacted log as kept in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunLog {
    #[ts(type = "number")]
    pub id: i64,
    pub log: String,
    /// Older lines were dropped (the log is bounded; the end is kept).
    pub truncated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResourcePhase {
    /// In a plan: this change is planned.
    Planned,
    Refreshing,
    Refreshed,
    Applying,
    Provisioning,
    Applied,
    Errored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LogLevel {
    Info,
    Warn,
    Error,
}

/// One update of a live run, in order. A run's last update is `finished`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunUpdate {
    /// A line for the live log (already redacted). ANSI colour codes (SGR) are kept for the view
    /// to style; every other escape sequence is removed.
    Log {
        line: String,
        level: LogLevel,
    },
    /// Progress of one resource.
    Resource {
        address: String,
        action: String,
        phase: ResourcePhase,
        #[ts(type = "number")]
        elapsed_seconds: u64,
    },
    Summary {
        changes: RunChanges,
    },
    /// The state is locked by someone else. The command is shown, never run by the app.
    StateLocked {
        lock_id: String,
        who: String,
        operation: String,
        created: String,
        force_unlock_command: String,
    },
    /// A cancel was forwarded: `hard` = the process was killed.
    Cancelling {
        hard: bool,
    },
    /// Terraform could not save the state and wrote it here: it must be pushed by hand.
    ErroredState {
        path: String,
    },
    Finished {
        run: RunSummary,
    },
}

/// What the desktop app emits as `run-event`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunEventMessage {
    #[ts(type = "number")]
    pub run_id: i64,
    /// 0, 1, 2… per run, so a listener can tell a gap or a duplicate.
    pub seq: u32,
    pub update: RunUpdate,
}

/// A run just started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunStarted {
    #[ts(type = "number")]
    pub id: i64,
    pub command: String,
}
