//! Read-only remote state backends: the state object's bytes and who holds its lock, with the
//! user's own credentials. Nothing here ever writes a state or a lock: S3 is read with
//! GetObject, DynamoDB with GetItem, the HTTP backend with GET (never LOCK), azurerm with Get
//! Blob (never a lease), gcs with media downloads, HCP Terraform with GETs of its API. Where the state
//! is (keys per workspace, lock ids) is computed by `orbis_state::backend`; parsing the bytes
//! is left to `orbis_state` too.

pub mod azure;
pub mod gcs;
mod get;
mod http;
mod s3;
pub mod tfe;

pub use azure::fetch_azurerm;
pub use gcs::fetch_gcs;
pub use http::{fetch_http, fetch_http_env};
pub use s3::fetch_s3;
pub use tfe::{fetch_tfe, fetch_tfe_env, tfe_token};

use orbis_state::LockInfo;
use serde::Serialize;

/// What a backend holds for one workspace.
#[derive(Debug, Clone)]
pub struct RemoteFetch {
    /// `s3://bucket/key` or the HTTP address.
    pub source: String,
    /// The state object's bytes (to be parsed by `orbis_state::read_bytes`).
    pub bytes: Vec<u8>,
    /// Current lock holders (a DynamoDB item and an S3 lockfile may both exist).
    pub locks: Vec<RemoteLock>,
    /// What could not be checked (a lock table that could not be read…): shown, not fatal.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoteLock {
    /// `dynamodb` (the lock table's item), `s3_lockfile` (`<key>.tflock`), `azure_lease` (a
    /// lease on the state blob), `gcs_lockfile` (`<workspace>.tflock`) or `tfe_workspace` (an
    /// HCP Terraform workspace lock).
    pub kind: &'static str,
    pub info: LockInfo,
}

/// States larger than this are refused before download (as `orbis_state` refuses files).
const MAX_BYTES: u64 = orbis_state::MAX_STATE_BYTES;

/// No state object at `url` for `workspace`; `setting` is the backend block's attribute that
/// names it (`key`, `prefix`).
pub(crate) fn no_state(url: &str, workspace: &str, setting: &str) -> crate::error::CloudError {
    crate::error::CloudError::new(
        crate::error::ErrorCode::StateNotFound,
        format!(
            "There is no state at {url} (workspace \"{workspace}\"): nothing was applied yet, or the {setting} or workspace differs."
        ),
        format!(
            "Check `{setting}` and the selected workspace (`terraform workspace show`); `terraform apply` creates the state."
        ),
    )
}

/// A lock that is held but whose record cannot be read: held, by someone unknown.
pub(crate) fn unknown_holder(why: &str) -> LockInfo {
    LockInfo {
        id: String::new(),
        operation: String::new(),
        info: String::new(),
        who: format!("(unknown: {why})"),
        version: String::new(),
        created: String::new(),
        path: String::new(),
    }
}
