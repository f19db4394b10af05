//! Azure check: the Azure CLI credential of azure_identity (it runs `az account
//! get-access-token`) for the management scope, with this context's environment (PATH,
//! AZURE_CONFIG_DIR). No `az` on PATH → not configured, with where to install it.

use super::{Check, Cloud, Pending, Status};
use crate::discover::{AzureSubscription, Discovery};
use crate::Context;
use azure_core::credentials::TokenCredential;
use azure_identity::{AzureCliCredential, AzureCliCredentialOptions, Executor};
use std::ffi::OsStr;
use std::process::{Output, Stdio};
use std::sync::Arc;

pub const MANAGEMENT_SCOPE: &str = "https://management.azure.com/.default";
const INSTALL: &str = "https://learn.microsoft.com/cli/azure/install-azure-cli";

pub(super) fn checks(ctx: &Context, d: &Arc<Discovery>) -> Vec<Pending> {
    match signed_in(d) {
        Err(check) => vec![Pending::ready(*check)],
        Ok(sub) => {
            let ctx = ctx.clone();
            let profile = sub.name.clone();
            vec![Pending::new(Cloud::Azure, Some(&profile), async move {
                check_cli(ctx, sub).await
            })]
        }
    }
}

/// Offline (no `az` call): the subscription the Azure CLI profile says is signed in, not
/// checked with Entra ID.
pub(super) fn offline(d: &Discovery) -> Vec<Check> {
    match signed_in(d) {
        Err(check) => vec![*check],
        Ok(sub) => {
            let tenant = sub
                .tenant_id
                .as_deref()
                .map(|t| format!(", tenant {t}"))
                .unwrap_or_default();
            vec![Check::new(
                Cloud::Azure,
                Some(&sub.name),
                Status::Ok,
                format!(
                    "The Azure CLI profile is signed in; default subscription {} ({}{tenant}). Not checked with Entra ID.",
                    sub.name, sub.id
                ),
            )
            .identity(identity_of(&sub))]
        }
    }
}

fn identity_of(sub: &AzureSubscription) -> String {
    match (&sub.user, &sub.user_type) {
        (Some(user), Some(kind)) if kind == "servicePrincipal" => {
            format!("service principal {user}")
        }
        (Some(user), _) => user.clone(),
        _ => "the signed-in account".to_string(),
    }
}

/// The subscription to check, or the verdict when there is nothing to check (decided from
/// files and PATH only).
fn signed_in(d: &Discovery) -> Result<AzureSubscription, Box<Check>> {
    let az = &d.azure;
    let Some(sub) = az
        .default_subscription()
        .or_else(|| az.subscriptions.first())
        .cloned()
    else {
        let (message, fix) = match &az.cli {
            None => (
                format!("The Azure CLI (az) is not installed and no Azure sign-in was found. Install it from {INSTALL}, then sign in."),
                "az login",
            ),
            Some(_) => (
                "The Azure CLI is not signed in.".to_string(),
                "az login",
            ),
        };
        let mut check = Check::new(Cloud::Azure, None, Status::NotConfigured, message).fix(fix);
        if let Some(note) = az.notes.first() {
            check.message = format!("{} ({note})", check.message);
        }
        return Err(Box::new(check));
    };
    let profile = sub.name.clone();
    if az.cli.is_none() {
        return Err(Box::new(
            Check::new(
                Cloud::Azure,
                Some(&profile),
                Status::NotConfigured,
                format!(
                    "The Azure CLI profile lists {} subscription(s), but the Azure CLI (az) is not on PATH, so the sign-in cannot be used or checked. Install it from {INSTALL}.",
                    az.subscriptions.len()
                ),
            )
            .fix("az login"),
        ));
    }
    Ok(sub)
}

async fn check_cli(ctx: Context, sub: AzureSubscription) -> Check {
    let profile = sub.name.clone();
    let base = |status, message: String| Check::new(Cloud::Azure, Some(&profile), status, message);
    let options = AzureCliCredentialOptions {
        executor: Some(Arc::new(ContextExecutor::of(&ctx))),
        ..Default::default()
    };
    let credential = match AzureCliCredential::new(Some(options)) {
        Ok(c) => c,
        Err(e) => return base(Status::Error, first_line(&e.to_string())),
    };
    let identity = identity_of(&sub);
    let tenant = sub
        .tenant_id
        .as_deref()
        .map(|t| format!(", tenant {t}"))
        .unwrap_or_default();
    match credential.get_token(&[MANAGEMENT_SCOPE], None).await {
        Ok(token) => base(
            Status::Ok,
            format!(
                "Signed in to the Azure CLI; default subscription {} ({}{tenant}).",
                sub.name, sub.id
            ),
        )
        .identity(identity)
        .expires(Some(token.expires_on)),
        Err(e) => {
            let text = error_text(&e);
            let (status, fix) = classify(&text);
            base(status, text).maybe_fix(fix.map(str::to_string))
        }
    }
}

/// The Azure CLI's own error line (`ERROR: …`), else the first line of the error.
pub(crate) fn error_text(e: &azure_core::Error) -> String {
    let full = e.to_string();
    let line = full
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("ERROR:"))
        .map(|l| l.trim_start_matches("ERROR:").trim().to_string())
        .unwrap_or_else(|| first_line(&full));
    format!("The Azure CLI could not get a token for Azure Resource Manager: {line}")
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("unknown error")
        .to_string()
}

/// Status and fix from what the Azure CLI / Entra ID said.
pub(crate) fn classify(text: &str) -> (Status, Option<&'static str>) {
    let lower = text.to_ascii_lowercase();
    const EXPIRED: [&str; 12] = [
        "az login",
        "aadsts700082", // refresh token expired
        "aadsts70043",  // refresh token expired (conditional access sign-in frequency)
        "aadsts50173",  // grant revoked (password change)
        "aadsts50078",  // MFA expired
        "aadsts50076",  // MFA required
        "aadsts50079",  // MFA registration required
        "aadsts700084", // refresh token of a SPA expired
        "interaction_required",
        "invalid_grant",
        "token has expired",
        "no subscription found",
    ];
    const DENIED: [&str; 5] = [
        "aadsts50105", // user not assigned to the application
        "aadsts53003", // blocked by conditional access
        "aadsts50020", // user from another tenant
        "aadsts7000215",
        "authorizationfailed",
    ];
    if lower.contains("not found on path") || lower.contains("wasn't found on path") {
        (Status::NotConfigured, Some("az login"))
    } else if DENIED.iter().any(|d| lower.contains(d)) {
        (Status::Denied, None)
    } else if EXPIRED.iter().any(|d| lower.contains(d)) {
        (Status::Expired, Some("az login"))
    } else {
        (Status::Error, None)
    }
}

/// Runs the Azure CLI with this context's environment only, killed if the check times out.
#[derive(Debug)]
pub(crate) struct ContextExecutor {
    pub(crate) env: Vec<(String, String)>,
}

impl ContextExecutor {
    pub(crate) fn of(ctx: &Context) -> Self {
        Self {
            env: ctx
                .vars()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

#[async_trait::async_trait]
impl Executor for ContextExecutor {
    async fn run(&self, program: &OsStr, args: &[&OsStr]) -> std::io::Result<Output> {
        tokio::process::Command::new(program)
            .args(args)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_cli_errors() {
        assert_eq!(
            classify("ERROR: AADSTS700082: The refresh token has expired due to inactivity."),
            (Status::Expired, Some("az login"))
        );
        assert_eq!(
            classify("Please run 'az login' to setup account."),
            (Status::Expired, Some("az login"))
        );
        assert_eq!(
            classify("AADSTS53003: Access has been blocked by Conditional Access policies."),
            (Status::Denied, None)
        );
        assert_eq!(classify("something odd"), (Status::Error, None));
    }
}
