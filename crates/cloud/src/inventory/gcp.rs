//! Live Google Cloud inventory through Cloud Asset Inventory: `searchAllResources` per project
//! (`GET {endpoint}/v1/projects/{project}:searchAllResources?assetTypes=…&pageSize=…`, paged
//! with `pageToken`), with an OAuth token from the Application Default Credentials through
//! gcp_auth, as the credential doctor gets it (a service-account key file, or the
//! `gcloud auth application-default login` sign-in; the metadata server is never probed).
//! Asset types map to `google_*` types; the id is what the provider keeps (the asset name
//! without its `//service/` prefix, a bucket's name).
//!
//! `ORBIS_GCP_ENDPOINT_URL` replaces `https://cloudasset.googleapis.com` (tests: a loopback
//! server). A project the search fails for (denied, API disabled, throttled) lands in
//! `scan_errors`; no token stops the scan with `gcloud auth application-default login`.

use crate::doctor::gcp::ADC_LOGIN;
use crate::error::{CloudError, ErrorCode};
use crate::rest::{self, Api};
use crate::Context;
use futures::stream::{self, StreamExt};
use orbis_drift::{Inventory, LiveResource, ScanError};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const ENDPOINT_VAR: &str = "ORBIS_GCP_ENDPOINT_URL";
const API: Api<'static> = Api {
    name: "Cloud Asset Inventory",
    sign_in: ADC_LOGIN,
};

/// Cloud Asset Inventory asset type → Terraform type.
pub const GCP_TYPES: &[(&str, &str)] = &[
    ("compute.googleapis.com/Firewall", "google_compute_firewall"),
    ("compute.googleapis.com/Network", "google_compute_network"),
    (
        "compute.googleapis.com/Subnetwork",
        "google_compute_subnetwork",
    ),
    ("compute.googleapis.com/Instance", "google_compute_instance"),
    ("compute.googleapis.com/Disk", "google_compute_disk"),
    (
        "compute.googleapis.com/InstanceGroup",
        "google_compute_instance_group",
    ),
    ("compute.googleapis.com/Router", "google_compute_router"),
    ("compute.googleapis.com/Address", "google_compute_address"),
    (
        "compute.googleapis.com/GlobalAddress",
        "google_compute_global_address",
    ),
    ("storage.googleapis.com/Bucket", "google_storage_bucket"),
    (
        "sqladmin.googleapis.com/Instance",
        "google_sql_database_instance",
    ),
    ("bigquery.googleapis.com/Dataset", "google_bigquery_dataset"),
];

#[derive(Debug, Clone)]
pub struct GcpScanOptions {
    /// Project ids; empty = the project Terraform would pick (GOOGLE_CLOUD_PROJECT, the
    /// credentials' project, gcloud's).
    pub projects: Vec<String>,
    /// Results per page (the API allows up to 500).
    pub page_size: u32,
    pub concurrency: usize,
}

impl Default for GcpScanOptions {
    fn default() -> Self {
        Self {
            projects: Vec::new(),
            page_size: 500,
            concurrency: 4,
        }
    }
}

/// Scans the projects. Errs only when nothing can be scanned (no project, no token).
pub async fn scan_gcp(ctx: &Context, options: &GcpScanOptions) -> Result<Inventory, CloudError> {
    let d = crate::discover::gcp::discover(ctx);
    let mut projects = options.projects.clone();
    if projects.is_empty() {
        match d.project() {
            Some(p) => projects.push(p.to_string()),
            None => {
                return Err(CloudError::new(
                    ErrorCode::CredentialsUnavailable,
                    "No Google Cloud project is set.",
                    "Name projects to scan, set GOOGLE_CLOUD_PROJECT, or run `gcloud config set project PROJECT_ID`.",
                ))
            }
        }
    }
    projects.sort();
    projects.dedup();
    let token = crate::tokens::gcp_token(d.adc.as_ref()).await?;
    let token = secrecy::ExposeSecret::expose_secret(&token).to_string();
    let base = ctx
        .var(ENDPOINT_VAR)
        .filter(|v| !v.is_empty())
        .unwrap_or("https://cloudasset.googleapis.com")
        .trim_end_matches('/')
        .to_string();
    let page = options.page_size.clamp(1, 500);
    let results: Vec<(String, Result<Vec<LiveResource>, CloudError>)> =
        stream::iter(projects.iter().cloned())
            .map(|p| {
                let (base, token) = (&base, &token);
                async move {
                    let r = project(base, token, &p, page).await;
                    (p, r)
                }
            })
            .buffer_unordered(options.concurrency.max(1))
            .collect()
            .await;
    let types: BTreeSet<&str> = GCP_TYPES.iter().map(|(_, t)| *t).collect();
    let mut resources = Vec::new();
    let mut scan_errors = Vec::new();
    for (p, r) in results {
        match r {
            Ok(mut found) => resources.append(&mut found),
            Err(e) if e.code == ErrorCode::Expired => return Err(e),
            Err(e) => scan_errors.extend(types.iter().map(|t| ScanError {
                resource_type: t.to_string(),
                region: Some(format!("project {p}")),
                code: e.code.as_str().to_string(),
                message: e.message.clone(),
                hint: e.hint.clone(),
            })),
        }
    }
    Ok(super::assemble(
        format!("gcp:{}", projects.join(",")),
        types.iter().map(|t| t.to_string()).collect(),
        resources,
        scan_errors,
    ))
}

async fn project(
    base: &str,
    token: &str,
    project: &str,
    page: u32,
) -> Result<Vec<LiveResource>, CloudError> {
    let types: String = GCP_TYPES
        .iter()
        .map(|(a, _)| format!("&assetTypes={a}"))
        .collect();
    let mut out = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..10_000 {
        let mut url =
            format!("{base}/v1/projects/{project}:searchAllResources?pageSize={page}{types}");
        if let Some(t) = &next {
            url.push_str(&format!("&pageToken={}", query_escape(t)));
        }
        let doc = rest::call(&API, hyper::Method::GET, &url, token, None).await?;
        out.extend(
            doc["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| resource(r, project)),
        );
        match doc["nextPageToken"].as_str().filter(|s| !s.is_empty()) {
            Some(t) if next.as_deref() != Some(t) => next = Some(t.to_string()),
            _ => break,
        }
    }
    Ok(out)
}

/// Page tokens are opaque: everything but unreserved characters is percent-encoded.
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One search result → a live resource (None for asset types without a mapping).
pub(crate) fn resource(r: &Value, scanned_project: &str) -> Option<LiveResource> {
    let asset_type = r["assetType"].as_str()?;
    let rtype = GCP_TYPES.iter().find(|(a, _)| *a == asset_type)?.1;
    // "//compute.googleapis.com/projects/p/global/firewalls/f" → "projects/p/global/firewalls/f"
    let path = r["name"].as_str()?.strip_prefix("//")?.split_once('/')?.1;
    let id = match rtype {
        "google_storage_bucket" | "google_sql_database_instance" => path.rsplit('/').next()?,
        _ => path,
    }
    .to_string();
    let name = r["displayName"]
        .as_str()
        .or_else(|| path.rsplit('/').next())?;
    let location = r["location"].as_str().filter(|l| !l.is_empty());
    let project = path
        .strip_prefix("projects/")
        .and_then(|p| p.split('/').next())
        .unwrap_or(scanned_project);
    let labels: BTreeMap<String, String> = r["labels"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    let mut attributes = Map::new();
    attributes.insert("name".into(), json!(name));
    attributes.insert("project".into(), json!(project));
    match rtype {
        "google_compute_subnetwork" | "google_compute_router" | "google_compute_address" => {
            attributes.insert("region".into(), json!(location));
        }
        "google_compute_instance" | "google_compute_disk" | "google_compute_instance_group" => {
            attributes.insert("zone".into(), json!(location));
        }
        // The provider keeps bucket locations in upper case (`EU`); the search answers `eu`.
        "google_storage_bucket" => {
            attributes.insert(
                "location".into(),
                json!(location.map(str::to_ascii_uppercase)),
            );
        }
        _ => {}
    }
    // Networks, firewalls, subnetworks, groups and routers have no labels in Terraform.
    if !matches!(
        rtype,
        "google_compute_network"
            | "google_compute_firewall"
            | "google_compute_subnetwork"
            | "google_compute_instance_group"
            | "google_compute_router"
    ) {
        attributes.insert("labels".into(), json!(labels));
    }
    attributes.retain(|_, v| !v.is_null());
    Some(LiveResource {
        resource_type: rtype.to_string(),
        id,
        region: location.map(str::to_string),
        account: Some(project.to_string()),
        attributes,
        tags: labels,
    })
}
