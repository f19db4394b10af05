//! AKS clusters of the Azure subscriptions the Azure CLI is signed in to, so the Clusters view
//! and `orbis clusters discover --azure` can offer the kubeconfig context `az aks
//! get-credentials` would write. Listing is read-only (`managedClusters` per subscription,
//! following `nextLink`); the credentials come from `listClusterUserCredential` (the user
//! credential, never the admin one) and only when the user asked to add that cluster.
//!
//! The Resource Manager endpoint can be pointed elsewhere with `ORBIS_AZURE_ENDPOINT_URL` (as for
//! the inventory)
//! (tests use a loopback server; sovereign clouds their own endpoint).

use crate::eks::RegionError;
use crate::error::{CloudError, ErrorCode};
use crate::rest::{call, Api};
use crate::tokens::{azure_sign_in, AZ_LOGIN};
use crate::Context;
use base64::Engine;
use secrecy::ExposeSecret;
use serde::Serialize;
use serde_json::Value;

const ENDPOINT: &str = "https://management.azure.com";
const ENDPOINT_OVERRIDE: &str = crate::inventory::azure::ENDPOINT_VAR;
const API_VERSION: &str = "2024-05-01";
/// Pages of one subscription's list followed at most (1,000 clusters each is far beyond use).
const MAX_PAGES: usize = 20;

const API: Api<'static> = Api {
    name: "Azure Resource Manager",
    sign_in: AZ_LOGIN,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AksCluster {
    pub name: String,
    /// The ARM id (`/subscriptions/…/resourceGroups/…/providers/Microsoft.ContainerService/managedClusters/NAME`).
    pub id: String,
    pub subscription_id: String,
    pub resource_group: String,
    pub location: String,
    pub version: String,
    /// `Succeeded` / `Creating` / `Failed`…, and `Stopped` when the cluster is stopped.
    pub status: String,
    /// The API server's host name (public or private).
    pub fqdn: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AksDiscovery {
    /// The subscriptions looked in (names as the Azure CLI shows them).
    pub subscriptions: Vec<String>,
    pub clusters: Vec<AksCluster>,
    /// Subscriptions that could not be listed (the others still were).
    pub errors: Vec<RegionError>,
}

fn base(ctx: &Context) -> String {
    ctx.var(ENDPOINT_OVERRIDE)
        .unwrap_or(ENDPOINT)
        .trim_end_matches('/')
        .to_string()
}

/// Lists the AKS clusters of `subscription` (an id or name), else of every enabled
/// subscription of the Azure CLI profile.
pub async fn discover_aks(
    ctx: &Context,
    subscription: Option<&str>,
) -> Result<AksDiscovery, CloudError> {
    let sign_in = azure_sign_in(ctx).await?;
    let wanted = subscription.map(str::trim).filter(|s| !s.is_empty());
    let subs: Vec<_> = sign_in
        .subscriptions
        .iter()
        .filter(|s| match wanted {
            Some(w) => s.id.eq_ignore_ascii_case(w) || s.name == w,
            None => s.state.as_deref().is_none_or(|st| st == "Enabled"),
        })
        .collect();
    if subs.is_empty() {
        return Err(CloudError::new(
            ErrorCode::ConfigUnreadable,
            match wanted {
                Some(w) => format!("The Azure CLI profile has no subscription {w}."),
                None => "The Azure CLI profile has no enabled subscription.".to_string(),
            },
            "List them with `az account list -o table`, then name one.",
        ));
    }
    let base = base(ctx);
    let mut out = AksDiscovery {
        subscriptions: subs.iter().map(|s| s.name.clone()).collect(),
        clusters: Vec::new(),
        errors: Vec::new(),
    };
    for sub in subs {
        let mut url = Some(format!(
            "{base}/subscriptions/{}/providers/Microsoft.ContainerService/managedClusters?api-version={API_VERSION}",
            sub.id
        ));
        let mut pages = 0;
        while let Some(next) = url.take() {
            pages += 1;
            match call(
                &API,
                hyper::Method::GET,
                &next,
                sign_in.token.expose_secret(),
                None,
            )
            .await
            {
                Ok(page) => {
                    out.clusters.extend(
                        page.get("value")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .map(|c| cluster_of(&sub.id, c)),
                    );
                    url = page
                        .get("nextLink")
                        .and_then(Value::as_str)
                        .filter(|_| pages < MAX_PAGES)
                        .map(|l| same_host(&base, l));
                }
                // An expired sign-in is the same for every subscription: stop here.
                Err(e) if e.code == ErrorCode::Expired => return Err(e),
                Err(e) => out.errors.push(RegionError {
                    region: sub.name.clone(),
                    code: e.code.as_str().to_string(),
                    message: e.message,
                    hint: e.hint,
                }),
            }
        }
    }
    Ok(out)
}

/// `nextLink` is absolute; behind an endpoint override it keeps pointing at that endpoint.
fn same_host(base: &str, link: &str) -> String {
    match link.find("/subscriptions/") {
        Some(i) if !link.starts_with(base) => format!("{base}{}", &link[i..]),
        _ => link.to_string(),
    }
}

fn cluster_of(subscription_id: &str, c: &Value) -> AksCluster {
    let s = |p: &str| {
        c.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let id = s("/id");
    let resource_group = id
        .split('/')
        .skip_while(|p| !p.eq_ignore_ascii_case("resourceGroups"))
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let mut status = s("/properties/provisioningState");
    if s("/properties/powerState/code") == "Stopped" {
        status = "Stopped".into();
    }
    let version = Some(s("/properties/currentKubernetesVersion"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| s("/properties/kubernetesVersion"));
    let fqdn = Some(s("/properties/fqdn"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| s("/properties/privateFQDN"));
    AksCluster {
        name: s("/name"),
        id,
        subscription_id: subscription_id.to_string(),
        resource_group,
        location: s("/location"),
        version,
        status,
        fqdn,
    }
}

/// The user kubeconfig of cluster `id` (what `az aks get-credentials` merges), as YAML text.
pub async fn aks_user_kubeconfig(ctx: &Context, id: &str) -> Result<String, CloudError> {
    if !id.starts_with("/subscriptions/") || id.contains("..") || id.contains('?') {
        return Err(CloudError::new(
            ErrorCode::Service,
            format!("{id} is not the id of an AKS cluster."),
            "Look for clusters again, then choose one from the list.",
        ));
    }
    let sign_in = azure_sign_in(ctx).await?;
    let url = format!(
        "{}{id}/listClusterUserCredential?api-version={API_VERSION}",
        base(ctx)
    );
    let answer = call(
        &API,
        hyper::Method::POST,
        &url,
        sign_in.token.expose_secret(),
        None,
    )
    .await?;
    let encoded = answer
        .pointer("/kubeconfigs/0/value")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            CloudError::new(
                ErrorCode::Service,
                "Azure answered without a kubeconfig for this cluster.",
                "Try `az aks get-credentials` to see what Azure says.",
            )
        })?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Service,
                "Azure's kubeconfig for this cluster is not valid base64.",
                "Try `az aks get-credentials` to see what Azure says.",
            )
        })?;
    String::from_utf8(bytes).map_err(|_| {
        CloudError::new(
            ErrorCode::Service,
            "Azure's kubeconfig for this cluster is not text.",
            "Try `az aks get-credentials` to see what Azure says.",
        )
    })
}
