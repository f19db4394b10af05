//! Helm releases read the way Helm 3 stores them (issue 11): one Secret per revision, named
//! `sh.helm.release.v1.<release>.v<revision>`, type `helm.sh/release.v1`, labels `owner=helm`,
//! `name`, `status`, `version`; its `release` key holds base64(gzip(release JSON)) — and the
//! API serves Secret data base64-encoded once more. This module decodes them and groups the
//! revisions per release: chart, version, app version, status, history, and the diff of the
//! user-supplied values between two revisions. Nothing here talks to Helm or runs templates.

use crate::apply::field_changes;
use crate::error::{ClusterError, ErrorCode};
use base64::Engine;
use k8s_openapi::api::core::v1::Secret;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

/// The Secret type Helm 3 writes for a release revision.
pub const RELEASE_TYPE: &str = "helm.sh/release.v1";

/// A decoded release JSON larger than this is refused (a release holds its rendered
/// manifest; 64 MiB is far beyond Helm's own 1 MiB Secret limit once uncompressed).
const MAX_RELEASE: u64 = 64 * 1024 * 1024;

/// One revision of a release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub name: String,
    pub namespace: String,
    pub revision: i64,
    /// deployed, superseded, failed, pending-upgrade, uninstalling…
    pub status: String,
    pub chart: String,
    pub chart_version: String,
    pub app_version: Option<String>,
    pub updated: Option<String>,
    pub description: Option<String>,
    /// The user-supplied values (`helm get values`), not the chart's defaults.
    #[serde(skip)]
    pub values: Value,
}

/// A release with its revisions, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Release {
    pub name: String,
    pub namespace: String,
    /// The newest revision.
    pub current: Revision,
    pub history: Vec<Revision>,
}

fn invalid(what: &str, why: String) -> ClusterError {
    ClusterError::new(
        ErrorCode::Api,
        format!("The Helm release secret {what} cannot be read: {why}."),
        "It may have been written by another Helm version or changed by hand; `helm history` shows what Helm itself reads.",
    )
}

/// Decodes Helm's stored value (the Secret's `release` key, already base64-decoded once by
/// the API client): base64 → gzip (when compressed, as Helm 3 writes it) → JSON.
pub fn decode_release(what: &str, stored: &[u8]) -> Result<Value, ClusterError> {
    let text: Vec<u8> = stored
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(&text)
        .map_err(|e| invalid(what, format!("not base64 ({e})")))?;
    let json = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .take(MAX_RELEASE + 1)
            .read_to_end(&mut out)
            .map_err(|e| invalid(what, format!("not gzip ({e})")))?;
        if out.len() as u64 > MAX_RELEASE {
            return Err(invalid(what, "larger than 64 MiB uncompressed".into()));
        }
        out
    } else {
        raw
    };
    serde_json::from_slice(&json).map_err(|e| invalid(what, format!("not JSON ({e})")))
}

fn revision_of(release: &Value, fallback_ns: &str) -> Revision {
    let s = |v: &Value| v.as_str().map(str::to_string);
    let meta = &release["chart"]["metadata"];
    Revision {
        name: s(&release["name"]).unwrap_or_default(),
        namespace: s(&release["namespace"]).unwrap_or_else(|| fallback_ns.to_string()),
        revision: release["version"].as_i64().unwrap_or(0),
        status: s(&release["info"]["status"]).unwrap_or_else(|| "unknown".into()),
        chart: s(&meta["name"]).unwrap_or_default(),
        chart_version: s(&meta["version"]).unwrap_or_default(),
        app_version: s(&meta["appVersion"]),
        updated: s(&release["info"]["last_deployed"]),
        description: s(&release["info"]["description"]),
        values: match &release["config"] {
            Value::Null => Value::Object(Default::default()),
            v => v.clone(),
        },
    }
}

/// Every Helm release among `secrets` (others are ignored), newest revision first, sorted by
/// namespace and name. A release secret that cannot be decoded is returned as an error beside
/// the releases that could.
pub fn releases(secrets: &[Secret]) -> (Vec<Release>, Vec<ClusterError>) {
    let mut by_release: BTreeMap<(String, String), Vec<Revision>> = BTreeMap::new();
    let mut errors = Vec::new();
    for secret in secrets {
        if secret.type_.as_deref() != Some(RELEASE_TYPE) {
            continue;
        }
        let name = secret.metadata.name.clone().unwrap_or_default();
        let ns = secret.metadata.namespace.clone().unwrap_or_default();
        let what = format!("{ns}/{name}");
        let Some(stored) = secret.data.as_ref().and_then(|d| d.get("release")) else {
            errors.push(invalid(&what, "it has no `release` key".into()));
            continue;
        };
        match decode_release(&what, &stored.0) {
            Ok(json) => {
                let r = revision_of(&json, &ns);
                by_release
                    .entry((r.namespace.clone(), r.name.clone()))
                    .or_default()
                    .push(r);
            }
            Err(e) => errors.push(e),
        }
    }
    let releases = by_release
        .into_iter()
        .map(|((namespace, name), mut history)| {
            history.sort_by_key(|r| std::cmp::Reverse(r.revision));
            Release {
                name,
                namespace,
                current: history[0].clone(),
                history,
            }
        })
        .collect();
    (releases, errors)
}

/// What changed in the user-supplied values from revision `from` to revision `to`.
pub fn values_diff(from: &Revision, to: &Revision) -> Vec<String> {
    field_changes(&from.values, &to.values)
}

/// What [`fetch`] found: the releases, the release secrets it could not read, and whether
/// RBAC forbids listing secrets at all (`None` releases).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub releases: Option<Vec<Release>>,
    pub errors: Vec<ClusterError>,
}

/// Lists the release Secrets (label `owner=helm`, every namespace) and decodes them. The
/// values are read only here, on request; the watchers never hold Secret values.
pub async fn fetch(conn: &crate::connect::Connection) -> Result<Found, ClusterError> {
    use kube::api::ListParams;
    let api: kube::Api<Secret> = kube::Api::all(conn.client.clone());
    let params = ListParams::default().labels("owner=helm");
    match tokio::time::timeout(std::time::Duration::from_secs(30), api.list(&params)).await {
        Ok(Ok(list)) => {
            let (releases, errors) = releases(&list.items);
            Ok(Found {
                releases: Some(releases),
                errors,
            })
        }
        Ok(Err(kube::Error::Api(s))) if s.code == 403 => Ok(Found {
            releases: None,
            errors: Vec::new(),
        }),
        Ok(Err(e)) => Err(conn.error(&e)),
        Err(_) => Err(ClusterError::new(
            ErrorCode::Unreachable,
            "The cluster did not answer within 30 s.",
            "Try again; the Clusters view shows whether the connection still works.",
        )
        .in_context(&conn.context)),
    }
}
