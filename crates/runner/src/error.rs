//! Errors that stop a run before or around the process. Each has a hint of what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the workspace folder {dir} does not exist or is not a folder")]
    WorkingDir { dir: PathBuf },
    #[error("cannot start {binary}: {source}")]
    Spawn {
        binary: PathBuf,
        source: std::io::Error,
    },
    #[error("{binary} did not report a version: {detail}")]
    Version { binary: PathBuf, detail: String },
    #[error("the plan {plan} is not the approved plan (its sha256 is {actual}, the approved one is {approved:?})")]
    NotApproved {
        plan: PathBuf,
        actual: String,
        approved: String,
    },
    #[error("the typed name does not match the production environment {environment:?}")]
    ConfirmationMismatch { environment: String },
    #[error("{0}")]
    Usage(String),
}

impl RunError {
    pub fn code(&self) -> &'static str {
        match self {
            RunError::Io { .. } => "runner.io",
            RunError::WorkingDir { .. } => "runner.working_dir",
            RunError::Spawn { .. } => "runner.spawn",
            RunError::Version { .. } => "runner.version",
            RunError::NotApproved { .. } => "runner.not_approved",
            RunError::ConfirmationMismatch { .. } => "runner.confirmation",
            RunError::Usage(_) => "runner.usage",
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            RunError::Io { .. } => "Check that the file exists and is readable.",
            RunError::WorkingDir { .. } => {
                "Pass the folder that holds your Terraform files (e.g. `orbis run plan ./infra`)."
            }
            RunError::Spawn { .. } | RunError::Version { .. } => {
                "Install terraform or tofu, or set the workspace's binary to its full path."
            }
            RunError::NotApproved { .. } => {
                "Review and approve this plan (its hash changes whenever the plan is re-created), or create a new plan and approve that one."
            }
            RunError::ConfirmationMismatch { .. } => {
                "Type the environment's name exactly as shown to confirm a production run."
            }
            RunError::Usage(_) => "See `orbis run --help`.",
        }
    }
}

/// A failed spawn, told apart: the OS says "not found" both when the binary is missing and when
/// the working directory is, and only the second is the user's folder.
pub(crate) fn spawn_error(
    binary: &std::path::Path,
    dir: &std::path::Path,
    source: std::io::Error,
) -> RunError {
    if !dir.is_dir() {
        return RunError::WorkingDir {
            dir: dir.to_path_buf(),
        };
    }
    RunError::Spawn {
        binary: binary.to_path_buf(),
        source,
    }
}
