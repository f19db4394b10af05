//! Google Cloud check: Application Default Credentials (what Terraform's Google provider uses)
//! through gcp_auth — a service-account key file, or the user credentials of `gcloud auth
//! application-default login` — get a token for the cloud-platform scope; plus the project.
//! The metadata server is never probed (a laptop has none; a probe would leave the machine).

use super::{Check, Cloud, Pending, Status};
use crate::discover::{AdcFile, AdcKind, Discovery};
use crate::Context;
use gcp_auth::TokenProvider;
use std::sync::Arc;

pub const CLOUD_PLATFORM_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";
pub(crate) const ADC_LOGIN: &str = "gcloud auth application-default login";
const PROFILE: &str = "application-default";

pub(super) fn checks(_ctx: &Context, d: &Arc<Discovery>) -> Vec<Pending> {
    match adc_of(d) {
        Err(check) => vec![Pending::ready(*check)],
        Ok(adc) => {
            let g = &d.gcp;
            let project = g.project().map(str::to_string);
            let account = g.active().and_then(|c| c.account.clone());
            vec![Pending::new(Cloud::Gcp, Some(PROFILE), async move {
                check_adc(adc, project, account).await
            })]
        }
    }
}

/// Offline (no token request): which Application Default Credentials Terraform would use.
pub(super) fn offline(d: &Discovery) -> Vec<Check> {
    let adc = match adc_of(d) {
        Err(check) => return vec![*check],
        Ok(adc) => adc,
    };
    let g = &d.gcp;
    let project_note = match g.project() {
        Some(p) => format!("project {p}"),
        None => "no project is set".to_string(),
    };
    let (identity, what) = match adc.kind {
        AdcKind::ServiceAccount => (adc.client_email.clone(), "A service-account key is set up"),
        AdcKind::AuthorizedUser => (
            g.active()
                .and_then(|c| c.account.clone())
                .map(|a| format!("{a} (user credentials)")),
            "The application-default sign-in is set up",
        ),
        _ => (None, "Application Default Credentials are set up"),
    };
    let mut check = Check::new(
        Cloud::Gcp,
        Some(PROFILE),
        Status::Ok,
        format!(
            "{what} ({}); {project_note}. Not checked with Google.",
            adc.path.display()
        ),
    );
    check.identity = identity;
    vec![check]
}

fn adc_of(d: &Discovery) -> Result<AdcFile, Box<Check>> {
    let g = &d.gcp;
    let Some(adc) = g.adc.clone() else {
        let message = match g.active().and_then(|c| c.account.as_deref()) {
            Some(account) => format!(
                "gcloud is signed in as {account}, but Application Default Credentials (what Terraform uses) are not set up."
            ),
            None if g.cli.is_none() => "No Google Cloud credentials were found, and the gcloud CLI is not installed (https://cloud.google.com/sdk/docs/install).".to_string(),
            None => "No Google Cloud credentials were found.".to_string(),
        };
        let mut check = Check::new(Cloud::Gcp, None, Status::NotConfigured, message).fix(ADC_LOGIN);
        if let Some(note) = g.notes.first() {
            check.message = format!("{} ({note})", check.message);
        }
        return Err(Box::new(check));
    };
    Ok(adc)
}

async fn check_adc(adc: AdcFile, project: Option<String>, account: Option<String>) -> Check {
    let base = |status, message: String| Check::new(Cloud::Gcp, Some(PROFILE), status, message);
    let source = if adc.from_env {
        format!("GOOGLE_APPLICATION_CREDENTIALS ({})", adc.path.display())
    } else {
        adc.path.display().to_string()
    };
    let project_note = match &project {
        Some(p) => format!("project {p}"),
        None => "no project is set (set GOOGLE_CLOUD_PROJECT or run `gcloud config set project PROJECT_ID`)".to_string(),
    };
    match adc.kind {
        AdcKind::ServiceAccount => {
            let email = adc
                .client_email
                .clone()
                .unwrap_or_else(|| "the service account".to_string());
            let sa = match gcp_auth::CustomServiceAccount::from_file(&adc.path) {
                Ok(sa) => sa,
                Err(e) => {
                    return base(
                        Status::Error,
                        format!(
                            "The service-account key file {source} cannot be used: {}.",
                            plain(&e)
                        ),
                    )
                    .fix(ADC_LOGIN)
                }
            };
            match sa.token(&[CLOUD_PLATFORM_SCOPE]).await {
                Ok(token) => base(
                    Status::Ok,
                    format!("The service-account key in {source} works; {project_note}."),
                )
                .identity(email)
                .expires(to_time(token.expires_at())),
                Err(e) if is_refusal(&e) => base(
                    Status::Denied,
                    format!(
                        "Google refused a token for {email}: the key may have been disabled or deleted. Create a new key, or use your own sign-in."
                    ),
                )
                .identity(email)
                .fix(ADC_LOGIN),
                Err(e) => base(
                    Status::Error,
                    format!("Could not get a token for {email}: {}.", plain(&e)),
                )
                .identity(email),
            }
        }
        AdcKind::AuthorizedUser => {
            // gcp_auth reads user credentials only from ~/.config/gcloud of the process's home.
            let standard = std::env::home_dir()
                .map(|h| h.join(".config/gcloud/application_default_credentials.json"));
            if standard.as_deref() != Some(adc.path.as_path()) {
                return base(
                    Status::NotConfigured,
                    format!(
                        "User credentials at {source} cannot be checked by TerraOrbis yet (only ~/.config/gcloud/application_default_credentials.json); Terraform can still use them."
                    ),
                );
            }
            let identity = account
                .clone()
                .map(|a| format!("{a} (user credentials)"))
                .unwrap_or_else(|| "user credentials".to_string());
            let creds = match gcp_auth::ConfigDefaultCredentials::new().await {
                Ok(c) => c,
                Err(e) if is_refusal(&e) => {
                    return base(
                        Status::Expired,
                        "Google refused to refresh the application-default sign-in: it has expired or was revoked.".to_string(),
                    )
                    .identity(identity)
                    .fix(ADC_LOGIN)
                }
                Err(e) => {
                    return base(
                        Status::Error,
                        format!("Could not use the application-default sign-in: {}.", plain(&e)),
                    )
                    .identity(identity)
                }
            };
            match creds.token(&[CLOUD_PLATFORM_SCOPE]).await {
                Ok(token) => base(
                    Status::Ok,
                    format!("The application-default sign-in works; {project_note}."),
                )
                .identity(identity)
                .expires(to_time(token.expires_at())),
                Err(e) => base(
                    Status::Expired,
                    format!("The application-default sign-in no longer works: {}.", plain(&e)),
                )
                .identity(identity)
                .fix(ADC_LOGIN),
            }
        }
        AdcKind::ExternalAccount | AdcKind::ImpersonatedServiceAccount | AdcKind::Unknown => base(
            Status::NotConfigured,
            format!(
                "The credentials in {source} ({}) cannot be checked by TerraOrbis yet; Terraform can still use them.",
                match adc.kind {
                    AdcKind::ExternalAccount => "workload identity federation",
                    AdcKind::ImpersonatedServiceAccount => "service-account impersonation",
                    _ => "unknown type",
                }
            ),
        ),
    }
}

/// The token endpoint answered with an error status (as opposed to not answering).
pub(crate) fn is_refusal(e: &gcp_auth::Error) -> bool {
    e.to_string().contains("token request failed")
}

fn plain(e: &gcp_auth::Error) -> String {
    crate::aws::plain_chain(e)
}

fn to_time(t: chrono::DateTime<chrono::Utc>) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp()).ok()
}
