//! Access tokens for the cloud APIs called over plain HTTPS (`rest.rs`), from the sign-in the
//! user already has — the same sources the credential doctor checks. Google: the Application
//! Default Credentials (a service-account key file, or the user credentials of `gcloud auth
//! application-default login`) through gcp_auth. Tokens stay in `SecretString`s.

use crate::discover::{gcp, AdcKind};
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use gcp_auth::TokenProvider;
use secrecy::SecretString;

pub const GCP_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";
pub const ADC_LOGIN: &str = "gcloud auth application-default login";

/// A Google token with what the sign-in says about itself.
pub struct GcpSignIn {
    pub token: SecretString,
    /// The project Terraform and the client libraries would pick (env, key file, gcloud).
    pub project: Option<String>,
    /// The service account's e-mail, or the gcloud account.
    pub identity: String,
}

/// A token for the cloud-platform scope from the Application Default Credentials.
pub async fn gcp_sign_in(ctx: &Context) -> Result<GcpSignIn, CloudError> {
    let g = gcp::discover(ctx);
    let project = g.project().map(str::to_string);
    let login = || format!("Sign in: `{ADC_LOGIN}`");
    let Some(adc) = g.adc.clone() else {
        return Err(CloudError::new(
            ErrorCode::CredentialsUnavailable,
            "No Google Cloud sign-in was found (no Application Default Credentials).",
            login(),
        ));
    };
    let refused = |who: &str, e: gcp_auth::Error| {
        let text = crate::aws::plain_chain(&e);
        let expired = text.contains("token request failed") || text.contains("invalid_grant");
        CloudError::new(
            if expired {
                ErrorCode::Expired
            } else {
                ErrorCode::CredentialsUnavailable
            },
            format!("Google did not give a token for {who}: {text}"),
            login(),
        )
    };
    match adc.kind {
        AdcKind::ServiceAccount => {
            let who = adc
                .client_email
                .clone()
                .unwrap_or_else(|| "the service account".into());
            let sa = gcp_auth::CustomServiceAccount::from_file(&adc.path).map_err(|e| {
                CloudError::new(
                    ErrorCode::ConfigUnreadable,
                    format!(
                        "The service-account key file {} cannot be used: {}",
                        adc.path.display(),
                        crate::aws::plain_chain(&e)
                    ),
                    login(),
                )
            })?;
            let token = sa
                .token(&[GCP_SCOPE])
                .await
                .map_err(|e| refused(&who, e))?;
            Ok(GcpSignIn {
                token: SecretString::from(token.as_str().to_string()),
                project,
                identity: who,
            })
        }
        AdcKind::AuthorizedUser => {
            // gcp_auth reads user credentials only from ~/.config/gcloud of the process's home.
            let who = g
                .active()
                .and_then(|c| c.account.clone())
                .unwrap_or_else(|| "your Google account".into());
            let creds = gcp_auth::ConfigDefaultCredentials::new()
                .await
                .map_err(|e| refused(&who, e))?;
            let token = creds
                .token(&[GCP_SCOPE])
                .await
                .map_err(|e| refused(&who, e))?;
            Ok(GcpSignIn {
                token: SecretString::from(token.as_str().to_string()),
                project,
                identity: who,
            })
        }
        _ => Err(CloudError::new(
            ErrorCode::CredentialsUnavailable,
            format!(
                "The Google credentials in {} (workload identity federation or impersonation) cannot be used by TerraOrbis yet.",
                adc.path.display()
            ),
            login(),
        )),
    }
}

pub const AZ_LOGIN: &str = "az login";
pub const ARM_SCOPE: &str = "https://management.azure.com/.default";

/// An Azure Resource Manager token with the subscriptions the Azure CLI profile lists.
pub struct AzureSignIn {
    pub token: SecretString,
    pub subscriptions: Vec<crate::discover::AzureSubscription>,
}

/// A token for Azure Resource Manager from the Azure CLI sign-in (azure_identity runs `az
/// account get-access-token` with this context's environment).
pub async fn azure_sign_in(ctx: &Context) -> Result<AzureSignIn, CloudError> {
    use azure_core::credentials::TokenCredential;
    use azure_identity::{AzureCliCredential, AzureCliCredentialOptions};
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
    let options = AzureCliCredentialOptions {
        executor: Some(std::sync::Arc::new(
            crate::doctor::azure::ContextExecutor::of(ctx),
        )),
        ..Default::default()
    };
    let credential = AzureCliCredential::new(Some(options)).map_err(|e| {
        CloudError::new(
            ErrorCode::CredentialsUnavailable,
            format!(
                "The Azure CLI credential cannot be used: {}",
                crate::aws::plain_chain(&e)
            ),
            format!("Sign in: `{AZ_LOGIN}`"),
        )
    })?;
    let token = credential
        .get_token(&[ARM_SCOPE], None)
        .await
        .map_err(|e| {
            let text = crate::doctor::azure::error_text(&e);
            let (status, _) = crate::doctor::azure::classify(&text);
            CloudError::new(
                match status {
                    crate::Status::Denied => ErrorCode::Denied,
                    crate::Status::Expired => ErrorCode::Expired,
                    _ => ErrorCode::CredentialsUnavailable,
                },
                text,
                format!("Sign in again: `{AZ_LOGIN}`"),
            )
        })?;
    Ok(AzureSignIn {
        token: SecretString::from(token.token.secret().to_string()),
        subscriptions: az.subscriptions,
    })
}
