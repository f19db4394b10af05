//! GKE clusters of a Google Cloud project, so the Clusters view and `orbis clusters discover
//! --gcp` can offer the kubeconfig context `gcloud container clusters get-credentials` would
//! write. Read-only: one `projects.locations.clusters.list` over every location (`-`), with the
//! Application Default Credentials. Locations Google could not answer for (`missingZones`) are
//! reported, and the clusters of the others are still listed.
//!
//! The endpoint honours gcloud's own override, `CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER`
//! (tests point it at a loopback server).

use crate::eks::RegionError;
use crate::error::{CloudError, ErrorCode};
use crate::rest::{call, Api};
use crate::tokens::{gcp_sign_in, ADC_LOGIN};
use crate::Context;
use secrecy::ExposeSecret;
use serde::Serialize;
use serde_json::Value;

const ENDPOINT: &str = "https://container.googleapis.com/";
const ENDPOINT_OVERRIDE: &str = "CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER";

/// One GKE cluster, with what a kubeconfig entry needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GkeCluster {
    pub name: String,
    pub project: String,
    /// A region (regional cluster) or a zone (zonal cluster).
    pub location: String,
    /// The API server address (an IP or host name, without scheme), empty while provisioning.
    pub endpoint: String,
    /// The cluster CA, base64 PEM (`certificate-authority-data`).
    pub certificate_authority: String,
    pub version: String,
    /// `RUNNING`, `PROVISIONING`, `RECONCILING`, `STOPPING`, `ERROR`, `DEGRADED`.
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GkeDiscovery {
    pub project: String,
    /// Who signed in (service account e-mail or gcloud account).
    pub identity: String,
    pub clusters: Vec<GkeCluster>,
    /// Zones Google could not list (their clusters are missing from `clusters`).
    pub errors: Vec<RegionError>,
}

/// Lists the GKE clusters of `project` (else the project the sign-in points at).
pub async fn discover_gke(
    ctx: &Context,
    project: Option<&str>,
) -> Result<GkeDiscovery, CloudError> {
    let sign_in = gcp_sign_in(ctx).await?;
    let project = project
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .or(sign_in.project.clone())
        .ok_or_else(|| {
            CloudError::new(
                ErrorCode::ConfigUnreadable,
                "No Google Cloud project is set, so there is nowhere to look for clusters.",
                "Name the project (--project), or set one: `gcloud config set project PROJECT_ID`",
            )
        })?;
    if !project
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '.')
    {
        return Err(CloudError::new(
            ErrorCode::ConfigUnreadable,
            format!("{project:?} is not a Google Cloud project id."),
            "Use the project id (lower-case letters, digits and hyphens), not its display name.",
        ));
    }
    let base = ctx.var(ENDPOINT_OVERRIDE).unwrap_or(ENDPOINT);
    let url = format!(
        "{}/v1/projects/{project}/locations/-/clusters",
        base.trim_end_matches('/')
    );
    let api = Api {
        name: "the GKE API",
        sign_in: ADC_LOGIN,
    };
    let answer = call(
        &api,
        hyper::Method::GET,
        &url,
        sign_in.token.expose_secret(),
        None,
    )
    .await?;
    Ok(GkeDiscovery {
        clusters: answer
            .get("clusters")
            .and_then(Value::as_array)
            .map(|list| list.iter().map(|c| cluster_of(&project, c)).collect())
            .unwrap_or_default(),
        errors: answer
            .get("missingZones")
            .and_then(Value::as_array)
            .map(|zones| {
                zones
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|zone| RegionError {
                        region: zone.to_string(),
                        code: ErrorCode::Unreachable.as_str().to_string(),
                        message: "Google could not list the clusters of this zone (it may be down or the project has no access to it).".into(),
                        hint: "Look again later; the other zones' clusters are listed.".into(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        project,
        identity: sign_in.identity,
    })
}

fn cluster_of(project: &str, c: &Value) -> GkeCluster {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    GkeCluster {
        name: s(c.get("name")),
        project: project.to_string(),
        location: s(c.get("location").or_else(|| c.get("zone"))),
        endpoint: s(c.get("endpoint")),
        certificate_authority: s(c.pointer("/masterAuth/clusterCaCertificate")),
        version: s(c.get("currentMasterVersion")),
        status: s(c.get("status")),
    }
}
