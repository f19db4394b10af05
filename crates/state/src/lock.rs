//! Who holds the state lock. The local backend writes `.terraform.tfstate.lock.info` next to
//! the state while an operation runs (`{"ID","Operation","Info","Who","Version","Created",
//! "Path"}`); remote backends keep the same record elsewhere and will hand the bytes to
//! [`parse_lock_info`]. Reading a lock never takes or breaks it.

use crate::StateError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    #[serde(rename = "ID", default)]
    pub id: String,
    #[serde(rename = "Operation", default)]
    pub operation: String,
    #[serde(rename = "Info", default)]
    pub info: String,
    #[serde(rename = "Who", default)]
    pub who: String,
    #[serde(rename = "Version", default)]
    pub version: String,
    #[serde(rename = "Created", default)]
    pub created: String,
    #[serde(rename = "Path", default)]
    pub path: String,
}

/// The lock file of a local state: `DIR/.terraform.tfstate.lock.info` for `DIR/NAME`.
pub fn lock_file_for(state: &Path) -> PathBuf {
    let dir = state.parent().unwrap_or(Path::new("."));
    let name = state
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("terraform.tfstate");
    dir.join(format!(".{name}.lock.info"))
}

/// The current holder of a local state's lock, or None when it is not locked.
pub fn local_lock(state: &Path) -> Result<Option<LockInfo>, StateError> {
    let file = lock_file_for(state);
    match std::fs::read(&file) {
        Ok(bytes) => parse_lock_info(&bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StateError::new(
            "state.lock_io",
            format!("cannot read {}: {e}", file.display()),
            "check the permissions of the state folder",
        )),
    }
}

pub fn parse_lock_info(bytes: &[u8]) -> Result<LockInfo, StateError> {
    serde_json::from_slice(bytes).map_err(|e| {
        StateError::new(
            "state.lock_invalid",
            format!("the lock record is not valid lock JSON: {e}"),
            "a half-written lock file; if no terraform/tofu process runs, `terraform force-unlock ID`",
        )
    })
}
