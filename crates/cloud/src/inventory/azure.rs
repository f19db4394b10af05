//! Live Azure inventory through Azure Resource Graph: one query per subscription
//! (`POST {endpoint}/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01`),
//! paged with `$skipToken`, with a token for the management scope from the Azure CLI
//! credential (the `az login` the user already has; azure_identity runs `az account
//! get-access-token`). ARM types map to `azurerm_*` types (ids as the provider keeps them);
//! types without a mapping are left out of the snapshot.
//!
//! `ORBIS_AZURE_ENDPOINT_URL` replaces `https://management.azure.com` (a sovereign cloud, a
//! proxy, or the tests' loopback server). A subscription the query fails for (denied,
//! throttled) lands in `scan_errors` and the other subscriptions go on; a token that cannot be
//! had stops the scan with the credential doctor's fix (`az login`).

use crate::error::{CloudError, ErrorCode};
use crate::rest::{self, Api};
use crate::Context;
use futures::stream::{self, StreamExt};
use orbis_drift::{Inventory, LiveResource, ScanError};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const ENDPOINT_VAR: &str = "ORBIS_AZURE_ENDPOINT_URL";
const API_VERSION: &str = "2022-10-01";
const API: Api<'static> = Api {
    name: "Azure Resource Graph",
    sign_in: "az login",
};

/// ARM resource type (lower case, as Resource Graph answers) → Terraform type. Virtual
/// machines are decided by their OS (`azurerm_linux_virtual_machine` / `_windows_`).
pub const AZURE_TYPES: &[(&str, &str)] = &[
    (
        "microsoft.network/networksecuritygroups",
        "azurerm_network_security_group",
    ),
    (
        "microsoft.network/privatednszones",
        "azurerm_private_dns_zone",
    ),
    ("microsoft.compute/sshpublickeys", "azurerm_ssh_public_key"),
    (
        "microsoft.network/virtualnetworks",
        "azurerm_virtual_network",
    ),
    ("microsoft.network/loadbalancers", "azurerm_lb"),
    ("microsoft.network/publicipaddresses", "azurerm_public_ip"),
    (
        "microsoft.network/networkinterfaces",
        "azurerm_network_interface",
    ),
    (
        "microsoft.storage/storageaccounts",
        "azurerm_storage_account",
    ),
    ("microsoft.compute/disks", "azurerm_managed_disk"),
    ("microsoft.keyvault/vaults", "azurerm_key_vault"),
    (
        "microsoft.compute/virtualmachines",
        "azurerm_linux_virtual_machine",
    ),
    (
        "microsoft.compute/virtualmachines",
        "azurerm_windows_virtual_machine",
    ),
];

#[derive(Debug, Clone)]
pub struct AzureScanOptions {
    /// Subscription ids; empty = the Azure CLI's default subscription.
    pub subscriptions: Vec<String>,
    /// Rows per page (Resource Graph allows up to 1000).
    pub page_size: u32,
    /// Subscriptions queried at once.
    pub concurrency: usize,
}

impl Default for AzureScanOptions {
    fn default() -> Self {
        Self {
            subscriptions: Vec::new(),
            page_size: 1000,
            concurrency: 4,
        }
    }
}

/// Scans the subscriptions. Errs only when nothing can be scanned (no subscription, no token).
pub async fn scan_azure(
    ctx: &Context,
    options: &AzureScanOptions,
) -> Result<Inventory, CloudError> {
    let mut subscriptions = options.subscriptions.clone();
    if subscriptions.is_empty() {
        let d = crate::discover::azure::discover(ctx);
        match d.default_subscription().or(d.subscriptions.first()) {
            Some(s) => subscriptions.push(s.id.clone()),
            None => {
                return Err(CloudError::new(
                    ErrorCode::CredentialsUnavailable,
                    "No Azure subscription is known: the Azure CLI is not signed in.",
                    "Sign in with `az login` (or name subscriptions to scan), then scan again.",
                ))
            }
        }
    }
    subscriptions.sort();
    subscriptions.dedup();
    let token = crate::tokens::azure_token(ctx).await?;
    let token = secrecy::ExposeSecret::expose_secret(&token).to_string();
    let base = ctx
        .var(ENDPOINT_VAR)
        .filter(|v| !v.is_empty())
        .unwrap_or("https://management.azure.com")
        .trim_end_matches('/')
        .to_string();
    let page = options.page_size.clamp(1, 1000);
    let results: Vec<(String, Result<Vec<LiveResource>, CloudError>)> =
        stream::iter(subscriptions.iter().cloned())
            .map(|sub| {
                let (base, token) = (&base, &token);
                async move {
                    let r = subscription(base, token, &sub, page).await;
                    (sub, r)
                }
            })
            .buffer_unordered(options.concurrency.max(1))
            .collect()
            .await;
    let types: BTreeSet<&str> = AZURE_TYPES.iter().map(|(_, t)| *t).collect();
    let mut resources = Vec::new();
    let mut scan_errors = Vec::new();
    for (sub, r) in results {
        match r {
            Ok(mut found) => resources.append(&mut found),
            // A token refused by every call is not a per-subscription problem.
            Err(e) if e.code == ErrorCode::Expired => return Err(e),
            Err(e) => scan_errors.extend(types.iter().map(|t| ScanError {
                resource_type: t.to_string(),
                region: Some(format!("subscription {sub}")),
                code: e.code.as_str().to_string(),
                message: e.message.clone(),
                hint: e.hint.clone(),
            })),
        }
    }
    Ok(super::assemble(
        format!("azure:{}", subscriptions.join(",")),
        types.iter().map(|t| t.to_string()).collect(),
        resources,
        scan_errors,
    ))
}

/// Every page of one subscription's query.
async fn subscription(
    base: &str,
    token: &str,
    sub: &str,
    page: u32,
) -> Result<Vec<LiveResource>, CloudError> {
    let url =
        format!("{base}/providers/Microsoft.ResourceGraph/resources?api-version={API_VERSION}");
    let arm_types: BTreeSet<&str> = AZURE_TYPES.iter().map(|(a, _)| *a).collect();
    let wanted: Vec<String> = arm_types.iter().map(|t| format!("'{t}'")).collect();
    let query = format!(
        "Resources | where type in~ ({}) | project id, name, type, location, resourceGroup, subscriptionId, tags, properties | order by id asc",
        wanted.join(", ")
    );
    let mut out = Vec::new();
    let mut skip: Option<String> = None;
    // Bounded: a server that keeps answering the same token would otherwise loop forever.
    for _ in 0..10_000 {
        let mut opts = json!({"$top": page, "resultFormat": "objectArray"});
        if let Some(s) = &skip {
            opts["$skipToken"] = json!(s);
        }
        let body = json!({"subscriptions": [sub], "query": query, "options": opts});
        let doc = rest::call(&API, hyper::Method::POST, &url, token, Some(&body)).await?;
        out.extend(
            doc["data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(resource),
        );
        match doc["$skipToken"].as_str().filter(|s| !s.is_empty()) {
            Some(next) if skip.as_deref() != Some(next) => skip = Some(next.to_string()),
            _ => break,
        }
    }
    Ok(out)
}

/// Terraform's ids spell the resource group segment `resourceGroups`; some resource
/// providers hand it out in lower case.
fn terraform_id(arm_id: &str) -> String {
    match arm_id.to_ascii_lowercase().find("/resourcegroups/") {
        Some(i) => format!("{}/resourceGroups/{}", &arm_id[..i], &arm_id[i + 16..]),
        None => arm_id.to_string(),
    }
}

/// One Resource Graph row → a live resource (None for types without a Terraform mapping).
pub(crate) fn resource(row: &Value) -> Option<LiveResource> {
    let arm_type = row["type"].as_str()?.to_ascii_lowercase();
    let props = &row["properties"];
    let rtype = if arm_type == "microsoft.compute/virtualmachines" {
        match props["storageProfile"]["osDisk"]["osType"].as_str() {
            Some(os) if os.eq_ignore_ascii_case("windows") => "azurerm_windows_virtual_machine",
            _ => "azurerm_linux_virtual_machine",
        }
    } else {
        AZURE_TYPES.iter().find(|(a, _)| *a == arm_type)?.1
    };
    let id = terraform_id(row["id"].as_str()?);
    let tags: BTreeMap<String, String> = row["tags"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    let location = row["location"].as_str().filter(|l| !l.is_empty());
    let mut attributes = Map::new();
    attributes.insert("name".into(), row["name"].clone());
    attributes.insert("resource_group_name".into(), row["resourceGroup"].clone());
    // Private DNS zones are global: the provider has no `location` for them.
    if rtype != "azurerm_private_dns_zone" {
        if let Some(l) = location {
            attributes.insert("location".into(), json!(l));
        }
    }
    attributes.insert("tags".into(), json!(tags));
    match rtype {
        "azurerm_ssh_public_key" => {
            attributes.insert("public_key".into(), props["publicKey"].clone());
        }
        "azurerm_virtual_network" => {
            attributes.insert(
                "address_space".into(),
                props["addressSpace"]["addressPrefixes"].clone(),
            );
        }
        "azurerm_linux_virtual_machine" | "azurerm_windows_virtual_machine" => {
            attributes.insert("size".into(), props["hardwareProfile"]["vmSize"].clone());
        }
        _ => {}
    }
    attributes.retain(|_, v| !v.is_null());
    Some(LiveResource {
        resource_type: rtype.to_string(),
        id,
        region: location.map(str::to_string),
        account: row["subscriptionId"].as_str().map(str::to_string),
        attributes,
        tags,
    })
}
