//! orbis-policy: Rego policies over the redacted plan document, run by the embedded
//! `regorus` engine (no OPA binary, no network).
//!
//! Conventions are conftest's: `input` is the plan document (`terraform show -json`, already
//! redacted by orbis-plan), a policy reports through `deny` and `warn` rules whose values
//! are messages (strings, or objects with `msg` and optionally `address`). Both Rego v1
//! (`deny contains msg if { … }`) and v0 (`deny[msg] { … }`) are accepted: each file is
//! parsed as v1 first and as v0 when that fails. See README.md.

mod bundled;
mod engine;
mod messages;

pub use bundled::{bundled, BUNDLED};
pub use engine::{evaluate, evaluate_plan, parse_error, PolicyConfig};
pub use orbis_plan::{PolicyFinding, PolicyResult};

use std::path::{Path, PathBuf};

/// One policy file.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Shown in findings: the file stem (`no_public_buckets`).
    pub name: String,
    pub source: String,
    /// Where it came from: `bundled` or the file path.
    pub origin: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("[policy.io] cannot read policy folder {path}: {message}\nhint: check that --policy-dir names a folder of .rego files")]
    Io { path: PathBuf, message: String },
}

/// Reads every `*.rego` file of a folder (not recursive, sorted by name). Test files
/// (`*_test.rego`) are skipped as conftest does.
pub fn load_dir(dir: &Path) -> Result<Vec<Policy>, PolicyError> {
    let io = |e: std::io::Error| PolicyError::Io {
        path: dir.to_owned(),
        message: e.to_string(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rego"))
        .filter(|p| {
            !p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.ends_with("_test"))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let source = std::fs::read_to_string(&p).map_err(io)?;
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("policy")
                .to_owned();
            Ok(Policy {
                name,
                source,
                origin: p.display().to_string(),
            })
        })
        .collect()
}
