//! Azure CLI: the accounts of `azureProfile.json` in `$AZURE_CONFIG_DIR` (else `~/.azure`),
//! the default subscription, and whether `az` is on PATH. The token cache (`msal_token_cache`)
//! is never opened.

use super::read_config;
use crate::Context;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct AzureDiscovery {
    pub config_dir: Option<PathBuf>,
    /// Subscriptions the Azure CLI is signed in to (`az account list`).
    pub subscriptions: Vec<AzureSubscription>,
    /// The `az` program, when on PATH.
    pub cli: Option<PathBuf>,
    /// Names of the service-principal variables set for Terraform/the Azure SDKs
    /// (`ARM_CLIENT_ID`, `AZURE_CLIENT_ID`…); values are never read.
    pub environment_variables: Vec<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureSubscription {
    pub id: String,
    pub name: String,
    pub state: Option<String>,
    pub tenant_id: Option<String>,
    /// The signed-in user or service principal.
    pub user: Option<String>,
    /// `user` or `servicePrincipal`.
    pub user_type: Option<String>,
    pub environment: Option<String>,
    pub is_default: bool,
}

impl AzureDiscovery {
    pub fn default_subscription(&self) -> Option<&AzureSubscription> {
        self.subscriptions.iter().find(|s| s.is_default)
    }
}

const ENV_NAMES: [&str; 10] = [
    "ARM_CLIENT_ID",
    "ARM_CLIENT_SECRET",
    "ARM_TENANT_ID",
    "ARM_SUBSCRIPTION_ID",
    "ARM_USE_MSI",
    "ARM_USE_OIDC",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_TENANT_ID",
    "AZURE_SUBSCRIPTION_ID",
];

pub fn discover(ctx: &Context) -> AzureDiscovery {
    let config_dir = ctx.path_or_home("AZURE_CONFIG_DIR", ".azure");
    let mut out = AzureDiscovery {
        config_dir: config_dir.clone(),
        cli: ctx.which("az"),
        environment_variables: ENV_NAMES
            .iter()
            .filter(|n| ctx.var(n).is_some())
            .map(|n| n.to_string())
            .collect(),
        ..Default::default()
    };
    let Some(dir) = config_dir else { return out };
    let path = dir.join("azureProfile.json");
    match read_config(&path) {
        Ok(Some(text)) => match parse_profile(&text) {
            Some(subs) => out.subscriptions = subs,
            None => out.notes.push(format!(
                "{} is not a valid Azure CLI profile (run `az login` to recreate it)",
                path.display()
            )),
        },
        Ok(None) => {}
        Err(note) => out.notes.push(note),
    }
    out
}

/// `azureProfile.json` as the Azure CLI writes it (UTF-8 with a byte-order mark).
pub(crate) fn parse_profile(text: &str) -> Option<Vec<AzureSubscription>> {
    let text = text.trim_start_matches('\u{feff}');
    let doc: serde_json::Value = serde_json::from_str(text).ok()?;
    let subs = doc.get("subscriptions")?.as_array()?;
    let s = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Some(
        subs.iter()
            .filter_map(|sub| {
                Some(AzureSubscription {
                    id: s(sub, "id")?,
                    name: s(sub, "name").unwrap_or_default(),
                    state: s(sub, "state"),
                    tenant_id: s(sub, "tenantId"),
                    user: sub.get("user").and_then(|u| s(u, "name")),
                    user_type: sub.get("user").and_then(|u| s(u, "type")),
                    environment: s(sub, "environmentName"),
                    is_default: sub
                        .get("isDefault")
                        .and_then(|d| d.as_bool())
                        .unwrap_or(false),
                })
            })
            .collect(),
    )
}
