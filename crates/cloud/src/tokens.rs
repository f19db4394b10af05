//! Access tokens for the cloud APIs called over plain HTTPS (`rest.rs`: the inventory's Azure
//! Resource Graph and Cloud Asset Inventory scans, AKS and GKE discovery), from the sign-in the
//! user already has — the same sources the credential doctor checks. Azure: the Azure CLI
//! credential of azure_identity (it runs `az account get-access-token` with the context's
//! environment). Google: the Application Default Credentials (a service-account key file, or
//! the user credentials of `gcloud auth application-default login`) through gcp_auth. Tokens
//! stay in `SecretString`s until they go into an Authorization header.

use crate::discover::{gcp, AdcFile, AdcKind};
use crate::doctor::azure::{classify, error_text, ContextExecutor, MANAGEMENT_SCOPE};
use crate::doctor::gcp::{is_refusal, CLOUD_PLATFORM_SCOPE};
use crate::doctor::Status;
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use azure_core::credentials::TokenCredential;
use azure_identity::{AzureCliCredential, AzureCliCredentialOptions};
use gcp_auth::TokenProvider;
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;

pub(crate) use crate::doctor::gcp::ADC_LOGIN;
pub const AZ_LOGIN: &str = "az login";
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

fn azure_refused(status: Status, message: String) -> CloudError {
    CloudError::new(
        match status {
            Status::Denied => ErrorCode::Denied,
            Status::Expired => ErrorCode::Expired,
            _ => ErrorCode::CredentialsUnavailable,
        },
        message,
        format!("Sign in with `{AZ_LOGIN}` (the credential doctor, `orbis doctor`, checks it), then try again."),
    )
}

/// A Resource Manager token from the Azure CLI, or the error with `az login` as its fix.
pub(crate) async fn azure_token(ctx: &Context) -> Result<SecretString, CloudError> {
    azure_token_for(ctx, MANAGEMENT_SCOPE).await
}

/// An Azure CLI token for `scope` (Resource Manager, or `https://storage.azure.com/.default`
/// for blob reads).
pub(crate) async fn azure_token_for(
    ctx: &Context,
    scope: &str,
) -> Result<SecretString, CloudError> {
    let options = AzureCliCredentialOptions {
        executor: Some(Arc::new(ContextExecutor::of(ctx))),
        ..Default::default()
    };
    let credential = AzureCliCredential::new(Some(options)).map_err(|e| {
        azure_refused(
            Status::Error,
            format!("The Azure CLI credential cannot be used: {e}"),
        )
    })?;
    match tokio::time::timeout(TOKEN_TIMEOUT, credential.get_token(&[scope], None)).await {
        Ok(Ok(t)) => Ok(SecretString::from(t.token.secret().to_string())),
        Ok(Err(e)) => {
            let text = error_text(&e);
            let (status, _fix) = classify(&text);
            Err(azure_refused(status, text))
        }
        Err(_) => Err(CloudError::new(
            ErrorCode::Timeout,
            "The Azure CLI did not hand out a token within 30 s.",
            "Run `az account get-access-token` in a terminal to see what it waits for; `az login` if it asks.",
        )),
    }
}

fn google_refused(code: ErrorCode, message: String) -> CloudError {
    CloudError::new(
        code,
        message,
        format!("Sign in with `{ADC_LOGIN}` (the credential doctor, `orbis doctor`, checks it), then try again."),
    )
}

/// A cloud-platform token from the Application Default Credentials.
pub(crate) async fn gcp_token(adc: Option<&AdcFile>) -> Result<SecretString, CloudError> {
    let Some(adc) = adc else {
        return Err(google_refused(
            ErrorCode::CredentialsUnavailable,
            "Application Default Credentials (what Terraform uses) are not set up.".into(),
        ));
    };
    let plain = |e: &gcp_auth::Error| crate::aws::plain_chain(e);
    let got = match adc.kind {
        AdcKind::ServiceAccount => {
            let sa = gcp_auth::CustomServiceAccount::from_file(&adc.path).map_err(|e| {
                google_refused(
                    ErrorCode::CredentialsUnavailable,
                    format!(
                        "The service-account key file {} cannot be used: {}.",
                        adc.path.display(),
                        plain(&e)
                    ),
                )
            })?;
            sa.token(&[CLOUD_PLATFORM_SCOPE]).await
        }
        // gcp_auth reads user credentials only from ~/.config/gcloud of the process's home.
        AdcKind::AuthorizedUser => match gcp_auth::ConfigDefaultCredentials::new().await {
            Ok(c) => c.token(&[CLOUD_PLATFORM_SCOPE]).await,
            Err(e) => Err(e),
        },
        _ => {
            return Err(google_refused(
                ErrorCode::CredentialsUnavailable,
                format!(
                    "The credentials in {} (workload identity federation or impersonation) cannot be used by TerraOrbis yet.",
                    adc.path.display()
                ),
            ))
        }
    };
    match got {
        Ok(t) => Ok(SecretString::from(t.as_str().to_string())),
        Err(e) if is_refusal(&e) => Err(google_refused(
            ErrorCode::Expired,
            "Google refused a token for the Application Default Credentials: expired, revoked or a deleted key.".into(),
        )),
        Err(e) => Err(google_refused(
            ErrorCode::CredentialsUnavailable,
            format!("Could not get a Google token: {}.", plain(&e)),
        )),
    }
}

/// A Google token with what the sign-in says about itself.
pub struct GcpSignIn {
    pub token: SecretString,
    /// The project Terraform and the client libraries would pick (env, key file, gcloud).
    pub project: Option<String>,
    /// The service account's e-mail, or the gcloud account.
    pub identity: String,
}

/// The Application Default Credentials' token, project and identity.
pub async fn gcp_sign_in(ctx: &Context) -> Result<GcpSignIn, CloudError> {
    let g = gcp::discover(ctx);
    let token = gcp_token(g.adc.as_ref()).await?;
    let identity = match g.adc.as_ref().map(|a| a.kind) {
        Some(AdcKind::ServiceAccount) => g.adc.as_ref().and_then(|a| a.client_email.clone()),
        _ => g.active().and_then(|c| c.account.clone()),
    }
    .unwrap_or_else(|| "your Google account".into());
    Ok(GcpSignIn {
        token,
        project: g.project().map(str::to_string),
        identity,
    })
}

/// A Resource Manager token with the subscriptions the Azure CLI profile lists.
pub struct AzureSignIn {
    pub token: SecretString,
    pub subscriptions: Vec<crate::discover::AzureSubscription>,
}

/// The Azure CLI's token and subscriptions; no `az` or no sign-in says how to get one.
pub async fn azure_sign_in(ctx: &Context) -> Result<AzureSignIn, CloudError> {
    let az = crate::discover::azure::discover(ctx);
    if az.cli.is_none() {
        return Err(CloudError::new(
            ErrorCode::CredentialsUnavailable,
            "The Azure CLI (az) is not on PATH, so there is no Azure sign-in to use.",
            "Install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli), then `az login`",
        ));
    }
    if az.subscriptions.is_empty() {
        return Err(CloudError::new(
            ErrorCode::CredentialsUnavailable,
            "The Azure CLI is not signed in (its profile lists no subscription).",
            format!("Sign in: `{AZ_LOGIN}`"),
        ));
    }
    Ok(AzureSignIn {
        token: azure_token(ctx).await?,
        subscriptions: az.subscriptions,
    })
}
