//! Records the desktop apps push: runs, approvals and comments, each with a client-generated
//! id (its idempotency key). Pushing the same record again changes nothing.
//!
//! Conflict rule (the only mutable record is a run): a run's server copy may move from
//! `running` to a final status once — the first final status that arrives wins, and a later
//! push with a different final status is rejected (`run.conflict`), as is any change of what
//! a run was (command, workspace data, plan hash). Approvals and comments are append-only:
//! a different body under an existing id is rejected (`record.immutable`).
//! An `apply` run is accepted only if the workspace holds an approval of the same plan hash
//! for the same environment (`approval.plan_mismatch` otherwise).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use orbis_sync::{RecordKind, MAX_LOG_BYTES};
pub const MAX_TEXT: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
pub struct PlanSummary {
    pub add: u64,
    pub change: u64,
    pub remove: u64,
    pub import: u64,
}

/// A run as the desktop recorded it. `identity` is a label (profile, account alias), never a
/// credential; `log` is the runner's already-redacted log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunBody {
    pub command: String,
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub identity: Option<String>,
    #[serde(default)]
    pub environment: Option<String>,
    pub status: RunStatus,
    #[serde(default)]
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub plan_sha256: Option<String>,
    #[serde(default)]
    pub plan_summary: Option<PlanSummary>,
    #[serde(default)]
    pub log: String,
    /// Unix milliseconds.
    pub started_at: i64,
    #[serde(default)]
    pub ended_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Rejected,
}

/// An approval (or rejection) of one plan, bound to its sha256 and an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalBody {
    #[serde(default)]
    pub run_id: Option<String>,
    pub plan_sha256: String,
    pub environment: String,
    pub decision: Decision,
    #[serde(default)]
    pub note: Option<String>,
}

/// A comment on a plan change (`address`: the resource address it is about, if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    #[serde(default)]
    pub run_id: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    pub text: String,
}

/// A validated body, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Run(RunBody),
    Approval(ApprovalBody),
    Comment(CommentBody),
}

impl Body {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Body::Run(b) => serde_json::to_value(b),
            Body::Approval(b) => serde_json::to_value(b),
            Body::Comment(b) => serde_json::to_value(b),
        }
        .unwrap_or(serde_json::Value::Null)
    }
}

pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

fn valid_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Parses and checks a pushed body; the error is a message for the item's result.
pub fn validate(kind: RecordKind, body: &serde_json::Value) -> Result<Body, String> {
    let parsed = match kind {
        RecordKind::Run => {
            Body::Run(serde_json::from_value(body.clone()).map_err(|e| e.to_string())?)
        }
        RecordKind::Approval => {
            Body::Approval(serde_json::from_value(body.clone()).map_err(|e| e.to_string())?)
        }
        RecordKind::Comment => {
            Body::Comment(serde_json::from_value(body.clone()).map_err(|e| e.to_string())?)
        }
        RecordKind::Request => {
            return Err(
                "requests are made and moved through /v1/workspaces/{id}/requests, not pushed"
                    .into(),
            )
        }
    };
    let check_id = |id: &Option<String>| match id {
        Some(id) if !valid_id(id) => Err("run_id is not a valid id".to_string()),
        _ => Ok(()),
    };
    match &parsed {
        Body::Run(r) => {
            if ![
                "init", "plan", "apply", "destroy", "validate", "refresh", "import",
            ]
            .contains(&r.command.as_str())
            {
                return Err(format!("unknown command `{}`", r.command));
            }
            if r.log.len() > MAX_LOG_BYTES {
                return Err(format!("log is over {MAX_LOG_BYTES} bytes; keep its tail"));
            }
            if let Some(h) = &r.plan_sha256 {
                if !valid_sha256(h) {
                    return Err("plan_sha256 must be 64 lowercase hex digits".into());
                }
            }
            if r.command == "apply" && (r.plan_sha256.is_none() || r.environment.is_none()) {
                return Err("an apply run needs plan_sha256 and environment".into());
            }
        }
        Body::Approval(a) => {
            check_id(&a.run_id)?;
            if !valid_sha256(&a.plan_sha256) {
                return Err("plan_sha256 must be 64 lowercase hex digits".into());
            }
            if a.environment.is_empty() || a.environment.len() > 128 {
                return Err("environment must be 1–128 characters".into());
            }
            if a.note.as_deref().unwrap_or("").len() > MAX_TEXT {
                return Err("note is too long".into());
            }
        }
        Body::Comment(c) => {
            check_id(&c.run_id)?;
            if c.text.is_empty() || c.text.len() > MAX_TEXT {
                return Err(format!("text must be 1–{MAX_TEXT} bytes"));
            }
        }
    }
    Ok(parsed)
}

/// The fields of a run that never change once pushed.
pub fn same_run_identity(a: &RunBody, b: &RunBody) -> bool {
    a.command == b.command
        && a.tool == b.tool
        && a.identity == b.identity
        && a.environment == b.environment
        && a.started_at == b.started_at
        && (a.plan_sha256 == b.plan_sha256 || a.plan_sha256.is_none())
}
