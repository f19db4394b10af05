//! The typed events a run streams to its caller (UI, CLI, history). Serialized with a `type`
//! tag so the CLI's `--format json` prints one self-describing object per line. Every string
//! in here has already been through secret redaction (`redact.rs`).

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A resource as the `-json` UI names it (`hook.resource` / `change.resource`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ResourceAddr {
    pub addr: String,
    pub module: String,
    pub resource_type: String,
    pub resource_name: String,
    /// `count`/`for_each` key rendered as JSON text (`0`, `"a"`), when there is one.
    pub resource_key: Option<String>,
}

/// Counts of a `change_summary` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct ChangeSummary {
    pub add: u64,
    pub change: u64,
    pub import: u64,
    pub remove: u64,
    /// `plan`, `apply` or `destroy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<ChangeOperation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOperation {
    Plan,
    Apply,
    Destroy,
}

/// One position in a source file (1-based line and column, 0-based byte offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct SourcePos {
    pub line: u64,
    pub column: u64,
    pub byte: u64,
}

/// Where a diagnostic points, so the editor can link it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRange {
    pub filename: String,
    pub start: SourcePos,
    pub end: SourcePos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A recognised kind of error with a hint of what to do (see `classify.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    StateLocked,
    AwsNoCredentials,
    AwsSsoTokenExpired,
    AzureCliLoginRequired,
    GcpAdcMissing,
    InitRequired,
    ConfigSyntax,
    MissingVariable,
    Interrupted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub summary: String,
    pub detail: String,
    /// The resource the diagnostic is about, when the tool says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<SourceRange>,
    /// The highlighted source line(s), as the tool printed them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<ErrorClass>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// Who holds a state lock (the `Lock Info:` block of "Error acquiring the state lock").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct LockInfo {
    pub id: String,
    pub path: String,
    pub operation: String,
    pub who: String,
    pub version: String,
    pub created: String,
}

/// An output as announced by the `outputs` message; sensitive values are never carried.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputInfo {
    pub sensitive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Succeeded,
    Failed,
    /// Stopped on request before it changed anything (or the command changes nothing).
    Cancelled,
    /// Stopped mid-change (interrupt during apply/destroy, or killed): state may be partial.
    Interrupted,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Interrupted => "interrupted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RunEvent {
    /// The process started: the command line (no environment) and where.
    Started {
        command: Vec<String>,
        working_dir: PathBuf,
    },
    Version {
        tool: String,
        version: String,
        ui: String,
    },
    /// A human-readable line: a `log`/`init_output` message, stderr, or a line that is not
    /// valid `-json` output (`raw: true`), kept instead of failing.
    Log {
        level: String,
        message: String,
        stream: Stream,
        raw: bool,
    },
    PlannedChange {
        resource: ResourceAddr,
        action: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        previous_resource: Option<ResourceAddr>,
    },
    ResourceDrift {
        resource: ResourceAddr,
        action: String,
    },
    ChangeSummary(ChangeSummary),
    Outputs {
        outputs: BTreeMap<String, OutputInfo>,
    },
    ApplyStart {
        resource: ResourceAddr,
        action: String,
    },
    ApplyProgress {
        resource: ResourceAddr,
        action: String,
        elapsed_seconds: u64,
    },
    ApplyComplete {
        resource: ResourceAddr,
        action: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        id_value: Option<String>,
        elapsed_seconds: u64,
    },
    ApplyErrored {
        resource: ResourceAddr,
        action: String,
        elapsed_seconds: u64,
    },
    ProvisionStart {
        resource: ResourceAddr,
        provisioner: String,
    },
    ProvisionProgress {
        resource: ResourceAddr,
        provisioner: String,
        output: String,
    },
    ProvisionComplete {
        resource: ResourceAddr,
        provisioner: String,
    },
    ProvisionErrored {
        resource: ResourceAddr,
        provisioner: String,
    },
    RefreshStart {
        resource: ResourceAddr,
    },
    RefreshComplete {
        resource: ResourceAddr,
    },
    Diagnostic(Diagnostic),
    /// The state is locked by someone else. `force_unlock_command` is shown, never run.
    StateLocked {
        lock: LockInfo,
        force_unlock_command: String,
    },
    /// A message type this build does not model (newer tool, test_* messages, …).
    Other {
        message_type: String,
        message: String,
    },
    /// A cancel request was forwarded: `hard: false` = SIGINT (graceful), `true` = killed.
    Cancelling {
        hard: bool,
    },
    /// Terraform wrote the state it could not persist here; it must be pushed back by hand.
    ErroredState {
        path: PathBuf,
    },
    /// Always the last event. `plan_sha256`: of the plan a successful `plan` wrote, or of the
    /// plan an apply ran — the value to approve.
    RunFinished {
        outcome: Outcome,
        exit_code: Option<i32>,
        change_summary: Option<ChangeSummary>,
        #[serde(skip_serializing_if = "Option::is_none")]
        plan_sha256: Option<String>,
    },
}
