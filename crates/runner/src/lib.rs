//! orbis-runner: runs terraform / tofu / terragrunt for a workspace with the user's own
//! environment (credentials come from their own chain; extra secrets only reach the child),
//! turns the `-json` machine-readable output into typed events, forwards cancel requests as
//! interrupt-then-kill, recognises state locks and credential errors, and gates applies on
//! the approved plan hash. It has no UI and no store: the caller (app, CLI) records history.
//!
//! Modules, one job each: `event` (types), `parse` (a -json line → events), `lock`,
//! `classify` (error classes + hints), `redact`, `settings` (workspace settings → arguments),
//! `gate` (approval), `discover` (binaries + versions), `process` (process group, signals,
//! bounded lines), `run` (drive one run), `transcript` (bounded log for history).

mod classify;
mod discover;
mod error;
mod event;
mod gate;
mod lock;
mod parse;
mod process;
mod redact;
mod run;
mod settings;
mod transcript;

pub use discover::{detect, discover, parse_version_json, which, ToolInfo, TOOLS};
pub use error::RunError;
pub use event::*;
pub use gate::{check_approved_plan, confirm_environment, sha256_file};
pub use lock::{force_unlock_command, parse_lock_info};
pub use parse::{parse_line, validate_document};
pub use redact::{Redactor, MASK};
pub use run::{show_json, start, CancelHandle, RunHandle, RunReport, RunRequest};
pub use settings::{arguments, display_command, Environment, Operation, WorkspaceSettings};
pub use transcript::{render, Transcript, MAX_TRANSCRIPT};
