//! The credential doctor: for every configured cloud profile, which identity would be used,
//! whether it works, when it expires, and the exact command that fixes it when it does not.
//! Checks run concurrently, each bounded by a timeout; a check never fails as a whole — its
//! failure is its `status` and `message` (plain words, never a token or a stack trace).

mod aws;
pub(crate) use aws::shell_word;
pub(crate) mod azure;
pub(crate) mod gcp;
mod kube;

use crate::discover::{self, Discovery};
use crate::Context;
use futures::stream::{self, StreamExt};
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    Aws,
    Azure,
    Gcp,
    Kubernetes,
}

impl Cloud {
    pub const ALL: [Cloud; 4] = [Cloud::Aws, Cloud::Azure, Cloud::Gcp, Cloud::Kubernetes];

    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Aws => "aws",
            Cloud::Azure => "azure",
            Cloud::Gcp => "gcp",
            Cloud::Kubernetes => "kubernetes",
        }
    }
}

impl FromStr for Cloud {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "aws" => Ok(Cloud::Aws),
            "azure" => Ok(Cloud::Azure),
            "gcp" | "google" => Ok(Cloud::Gcp),
            "kubernetes" | "k8s" | "kube" => Ok(Cloud::Kubernetes),
            other => Err(format!(
                "unknown cloud \"{other}\" (expected aws, azure, gcp or kubernetes)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The credentials work.
    Ok,
    /// Nothing usable is configured (or the tool to check it is not installed).
    NotConfigured,
    /// The sign-in or the credentials have expired.
    Expired,
    /// The cloud refused the credentials or the request.
    Denied,
    /// Anything else: unreachable endpoint, broken configuration, timeout.
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NotConfigured => "not_configured",
            Status::Expired => "expired",
            Status::Denied => "denied",
            Status::Error => "error",
        }
    }

    /// Whether this status makes `orbis doctor` fail: a configured profile that does not work.
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Expired | Status::Denied | Status::Error)
    }
}

/// One profile's verdict. Serialized exactly as `orbis doctor --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub cloud: Cloud,
    /// AWS profile, Azure subscription, gcloud ADC source, kube context; `null` when nothing
    /// is configured for the cloud.
    pub profile: Option<String>,
    pub status: Status,
    /// Who the credentials belong to (ARN, user, service account…), when known.
    pub identity: Option<String>,
    /// RFC 3339, UTC.
    pub expires_at: Option<String>,
    pub message: String,
    /// The exact command to run when the status is not ok (and one exists).
    pub fix: Option<String>,
}

impl Check {
    pub(crate) fn new(
        cloud: Cloud,
        profile: Option<&str>,
        status: Status,
        message: impl Into<String>,
    ) -> Self {
        Self {
            cloud,
            profile: profile.map(str::to_string),
            status,
            identity: None,
            expires_at: None,
            message: message.into(),
            fix: None,
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub(crate) fn maybe_fix(mut self, fix: Option<String>) -> Self {
        self.fix = fix;
        self
    }

    pub(crate) fn identity(mut self, identity: impl Into<String>) -> Self {
        self.identity = Some(identity.into());
        self
    }

    pub(crate) fn expires(mut self, at: Option<time::OffsetDateTime>) -> Self {
        self.expires_at = at.map(crate::timefmt::rfc3339);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoctorReport {
    pub checks: Vec<Check>,
}

impl DoctorReport {
    /// True when no configured profile fails (`orbis doctor` exits 0).
    pub fn all_ok(&self) -> bool {
        !self.checks.iter().any(|c| c.status.is_failure())
    }
}

#[derive(Debug, Clone)]
pub struct DoctorOptions {
    /// Only these clouds (empty: all).
    pub clouds: Vec<Cloud>,
    /// Only these profiles / subscriptions / contexts (empty: all).
    pub profiles: Vec<String>,
    /// Bound of each check.
    pub timeout: Duration,
    /// Checks running at the same time.
    pub concurrency: usize,
}

impl Default for DoctorOptions {
    fn default() -> Self {
        Self {
            clouds: Vec::new(),
            profiles: Vec::new(),
            timeout: Duration::from_secs(20),
            concurrency: 8,
        }
    }
}

type CheckFuture = Pin<Box<dyn Future<Output = Check> + Send>>;

/// A check still to run: what it is about (for the timeout message) and its future.
pub(crate) struct Pending {
    cloud: Cloud,
    profile: Option<String>,
    future: CheckFuture,
}

impl Pending {
    pub(crate) fn new(
        cloud: Cloud,
        profile: Option<&str>,
        future: impl Future<Output = Check> + Send + 'static,
    ) -> Self {
        Self {
            cloud,
            profile: profile.map(str::to_string),
            future: Box::pin(future),
        }
    }

    pub(crate) fn ready(check: Check) -> Self {
        Self {
            cloud: check.cloud,
            profile: check.profile.clone(),
            future: Box::pin(async move { check }),
        }
    }
}

/// Runs the doctor: discovery, then every check concurrently (bounded), in a stable order:
/// AWS (environment, then profiles as in the files), Azure, GCP, Kubernetes.
pub async fn doctor(ctx: &Context, options: &DoctorOptions) -> DoctorReport {
    // Discovery reads a few small files: milliseconds, fine on an async worker.
    let discovery = discover::discover(ctx);
    doctor_with(ctx, Arc::new(discovery), options).await
}

/// The offline report: every configured profile and context with what the files, caches
/// and environment say, without any network call or credential program (fast; for showing at
/// start). An `ok` status here means "configured and not known to be expired", not "works";
/// [`doctor`] checks for real.
pub fn offline_report(ctx: &Context) -> DoctorReport {
    let d = discover::discover(ctx);
    let mut checks = aws::offline(ctx, &d);
    checks.extend(azure::offline(&d));
    checks.extend(gcp::offline(&d));
    checks.extend(kube::offline(ctx, &d));
    DoctorReport { checks }
}

pub(crate) async fn doctor_with(
    ctx: &Context,
    discovery: Arc<Discovery>,
    options: &DoctorOptions,
) -> DoctorReport {
    let wanted = |cloud: Cloud| options.clouds.is_empty() || options.clouds.contains(&cloud);
    let mut pending: Vec<Pending> = Vec::new();
    if wanted(Cloud::Aws) {
        pending.extend(aws::checks(ctx, &discovery));
    }
    if wanted(Cloud::Azure) {
        pending.extend(azure::checks(ctx, &discovery));
    }
    if wanted(Cloud::Gcp) {
        pending.extend(gcp::checks(ctx, &discovery));
    }
    if wanted(Cloud::Kubernetes) {
        pending.extend(kube::checks(ctx, &discovery));
    }
    if !options.profiles.is_empty() {
        pending.retain(|p| {
            p.profile
                .as_ref()
                .is_some_and(|name| options.profiles.contains(name))
        });
    }
    let timeout = options.timeout;
    let checks = stream::iter(pending.into_iter().map(|p| async move {
        match tokio::time::timeout(timeout, p.future).await {
            Ok(check) => check,
            Err(_) => Check::new(
                p.cloud,
                p.profile.as_deref(),
                Status::Error,
                format!(
                    "The check did not finish within {} s (network down, or a sign-in prompt waiting?).",
                    timeout.as_secs()
                ),
            ),
        }
    }))
    .buffered(options.concurrency.max(1))
    .collect::<Vec<Check>>()
    .await;
    DoctorReport { checks }
}
