//! The Credentials view's operations (issue 9): the credential report of every configured cloud
//! context, an explicit live check of an AWS context, and the open workspace's run secrets in
//! the OS keychain, handed to terraform's environment when a run starts.
//!
//! The report is read from files only (AWS config and credentials files, the SSO token cache,
//! the Azure CLI profile, gcloud's configuration, kubeconfigs): no network, no credential
//! program, so it is cheap enough for the status bar at start. Only "Check live" calls AWS
//! (STS GetCallerIdentity), when the person asks, bounded by a timeout.
//!
//! Everything cloud-specific comes from `orbis-cloud`, present only with this crate's `cloud`
//! feature (the desktop enables it). Without it these operations answer `cloud_unavailable`
//! and runs get no secrets, so the rest of the app and its tests build without cloud SDKs.

pub mod dto;

#[cfg(feature = "cloud")]
mod imp;

use crate::error::AppError;
#[cfg(not(feature = "cloud"))]
use crate::error::ErrorCode;
use crate::session::Session;
use dto::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, RwLock};

/// The keychain service prefix of run secrets; a workspace's service is `PREFIX:<its path>`,
/// so keychain managers show which folder a secret belongs to.
pub const SECRET_SERVICE_PREFIX: &str = "terraorbis";

/// A home folder and the environment variables to read instead of the process's.
type ContextOverride = (PathBuf, Vec<(String, String)>);

/// A cloud context of the report: the key of live verdicts.
type ContextKey = (CredentialCloud, Option<String>);

/// What the Credentials view keeps for the session.
#[derive(Default)]
pub struct Credentials {
    /// Home folder and environment read instead of the process's (tests; `None`: the process).
    context: RwLock<Option<ContextOverride>>,
    /// Live verdicts of this session, with the offline status they were made over: a live
    /// verdict is shown until the files say something else (a new sign-in, an expiry).
    live: Mutex<HashMap<ContextKey, (CredentialStatus, CredentialEntry)>>,
    /// The keychain service prefix (tests use their own).
    service: RwLock<Option<String>>,
    /// The runtime live checks run on, started at the first one.
    #[cfg_attr(not(feature = "cloud"), allow(dead_code))]
    rt: OnceLock<Result<tokio::runtime::Runtime, String>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(not(feature = "cloud"))]
fn unavailable() -> AppError {
    AppError::new(
        ErrorCode::CloudUnavailable,
        "This build of TerraOrbis has no cloud support",
        "Use a release build of TerraOrbis (or build it with the `cloud` feature).",
    )
}

impl Credentials {
    #[cfg_attr(not(feature = "cloud"), allow(dead_code))]
    pub(crate) fn service_prefix(&self) -> String {
        self.service
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .unwrap_or_else(|| SECRET_SERVICE_PREFIX.to_string())
    }
}

impl Session {
    /// Reads cloud configuration from this home folder and these variables instead of the
    /// process's (tests, or checking another environment). Drops live verdicts.
    pub fn set_credentials_context(&self, home: PathBuf, env: Vec<(String, String)>) {
        let c = self.credentials();
        *c.context.write().unwrap_or_else(|p| p.into_inner()) = Some((home, env));
        lock(&c.live).clear();
    }

    /// The keychain service prefix of run secrets (tests use their own, so they never touch
    /// the user's items).
    pub fn set_secret_service(&self, prefix: &str) {
        *self
            .credentials()
            .service
            .write()
            .unwrap_or_else(|p| p.into_inner()) = Some(prefix.to_string());
    }

    /// Every configured cloud context, from files only, with this session's live verdicts
    /// where they still apply.
    pub fn credential_report(&self) -> Result<CredentialReport, AppError> {
        #[cfg(feature = "cloud")]
        return Ok(imp::report(self.credentials()));
        #[cfg(not(feature = "cloud"))]
        Err(unavailable())
    }

    /// Looks at one context's files again (after `aws sso login`, say): its live verdict is
    /// dropped. Returns the whole report.
    pub fn recheck_credential(
        &self,
        cloud: CredentialCloud,
        context: Option<String>,
    ) -> Result<CredentialReport, AppError> {
        lock(&self.credentials().live).remove(&(cloud, context));
        self.credential_report()
    }

    /// "Check live", bounded by a timeout, only ever on request: STS GetCallerIdentity with an
    /// AWS profile's credentials (or those in the environment, context `(environment)`); a
    /// token for the management scope through the Azure CLI; a Google token and project from
    /// the application-default credentials. `context` as the report names it (None: the
    /// cloud's only row). Kubernetes contexts are not checked live here.
    pub fn check_credential_live(
        &self,
        cloud: CredentialCloud,
        context: Option<&str>,
    ) -> Result<CredentialEntry, AppError> {
        #[cfg(feature = "cloud")]
        return imp::check_live(self.credentials(), cloud, context);
        #[cfg(not(feature = "cloud"))]
        {
            let _ = (cloud, context);
            Err(unavailable())
        }
    }

    /// The identity (ARN, account) a live check of this session proved for the AWS context
    /// `context`, while it still applies; None when not checked or not working. Offline.
    pub(crate) fn live_aws_identity(&self, context: &str) -> Option<String> {
        let live = lock(&self.credentials().live);
        live.get(&(CredentialCloud::Aws, Some(context.to_string())))
            .filter(|(_, v)| v.verified && v.status == CredentialStatus::Ok)
            .and_then(|(_, v)| v.identity.clone())
    }

    /// The names of the open workspace's run secrets (never their values), or why the
    /// keychain cannot be used.
    pub fn run_secrets(&self) -> Result<RunSecrets, AppError> {
        let ws = self.current()?;
        #[cfg(feature = "cloud")]
        return imp::list_secrets(&self.credentials().service_prefix(), ws.root());
        #[cfg(not(feature = "cloud"))]
        {
            let _ = ws;
            Err(unavailable())
        }
    }

    /// Stores (or replaces) a run secret of the open workspace in the OS keychain. Refused,
    /// never written anywhere else, when there is no usable keychain.
    pub fn set_run_secret(&self, name: &str, value: String) -> Result<RunSecrets, AppError> {
        let ws = self.current()?;
        #[cfg(feature = "cloud")]
        return imp::set_secret(&self.credentials().service_prefix(), ws.root(), name, value);
        #[cfg(not(feature = "cloud"))]
        {
            let _ = (ws, name, value);
            Err(unavailable())
        }
    }

    /// Removes a run secret of the open workspace from the keychain.
    pub fn delete_run_secret(&self, name: &str) -> Result<RunSecrets, AppError> {
        let ws = self.current()?;
        #[cfg(feature = "cloud")]
        return imp::delete_secret(&self.credentials().service_prefix(), ws.root(), name);
        #[cfg(not(feature = "cloud"))]
        {
            let _ = (ws, name);
            Err(unavailable())
        }
    }

    /// The workspace's run secrets as environment variables for a run's child process. No
    /// keychain at all means no secrets could have been stored: none. A keychain that is
    /// locked or fails is an error (the run would otherwise miss its variables).
    pub(crate) fn run_secret_env(
        &self,
        root: &std::path::Path,
    ) -> Result<Vec<(String, String)>, AppError> {
        #[cfg(feature = "cloud")]
        return imp::secret_env(&self.credentials().service_prefix(), root);
        #[cfg(not(feature = "cloud"))]
        {
            let _ = root;
            Ok(Vec::new())
        }
    }
}
