//! What the Credentials view exchanges with Rust: the credential report (one entry per cloud
//! profile / subscription / context) and the names of a workspace's run secrets. These types
//! compile without the `cloud` feature (the TypeScript bindings are generated without it).
//! Nothing here ever holds a secret: identities are ARNs, account ids, user names or masked
//! access key ids; secret values never leave the keychain except into a run's child process.

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CredentialCloud {
    Aws,
    Azure,
    Gcp,
    Kubernetes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CredentialStatus {
    /// Configured and not known to be expired (offline), or proven to work (live).
    Ok,
    /// The sign-in or the credentials have expired.
    Expired,
    /// Nothing usable is configured for this cloud or profile.
    Missing,
    /// The cloud refused the credentials (live checks only).
    Denied,
    /// Broken configuration, unreachable endpoint, timeout…
    Error,
}

/// One profile's (subscription's, context's) verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CredentialEntry {
    pub cloud: CredentialCloud,
    /// AWS profile or `(environment)`, Azure subscription, `application-default`, kube
    /// context; null when nothing is configured for the cloud.
    pub context: Option<String>,
    pub status: CredentialStatus,
    /// Who: an ARN and account, an SSO role and account, a user, a masked access key id.
    pub identity: Option<String>,
    /// RFC 3339, UTC.
    pub expires_at: Option<String>,
    /// What was found, in plain words.
    pub message: String,
    /// The exact command that fixes it (`aws sso login --profile dev`), when there is one.
    pub fix: Option<String>,
    /// True when this verdict comes from a live check (STS GetCallerIdentity) of this
    /// session; false when it comes from the files only.
    pub verified: bool,
    /// When the live check was made (Unix seconds).
    #[ts(type = "number | null")]
    pub checked_at: Option<i64>,
    /// "Check live" is offered (AWS contexts).
    pub can_check_live: bool,
    /// The AWS context terraform uses without other settings (credentials in the
    /// environment first, else `AWS_PROFILE`, else `default`).
    pub active: bool,
}

/// Every configured cloud context, AWS first (environment credentials, then profiles in file
/// order), then Azure, Google Cloud, Kubernetes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CredentialReport {
    pub entries: Vec<CredentialEntry>,
    /// The AWS context runs use (see `CredentialEntry::active`); null when none is configured.
    pub active_aws: Option<String>,
}

/// The run secrets of the open workspace: names only, never values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunSecrets {
    /// False when there is no usable OS keychain: secrets are then refused.
    pub available: bool,
    /// Why the keychain cannot be used, and what to do.
    pub problem: Option<AppError>,
    /// Sorted environment variable names.
    pub names: Vec<String>,
}
