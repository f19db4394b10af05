//! Apply a YAML file the way `kubectl apply --server-side` does, with a dry-run first (issue
//! 11): [`parse`] the documents, [`plan`] asks the API server what each would become
//! (server-side apply PATCH with `dryRun=All`, nothing stored) and compares it with the live
//! object, [`apply`] sends the same PATCH for real. Kinds are resolved by discovery, so a
//! kind the cluster does not serve (a CRD not installed) is refused before any write.
//! Field manager `terraorbis`, no `force`: fields another manager owns come back as a
//! conflict for the user to resolve, never silently taken over.

mod diff;
mod manifest;

pub use diff::{diff, field_changes, Outcome, MAX_CHANGES};
pub use manifest::{parse, Manifest};

use crate::connect::Connection;
use crate::error::{ClusterError, ErrorCode};
use crate::kubeconfig::first_line;
use kube::api::{DynamicObject, Patch, PatchParams};
use kube::core::GroupVersionKind;
use kube::discovery::{ApiCapabilities, ApiResource, Scope};
use kube::Api;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

/// The field manager the cluster records for what TerraOrbis applied.
pub const FIELD_MANAGER: &str = "terraorbis";

/// A whole file is bounded, like an action: a cluster that does not answer ends the wait.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One object of the file and what applying it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planned {
    pub document: usize,
    pub api_version: String,
    pub kind: String,
    /// Where it goes (the context's namespace when the file names none); `None` when the
    /// kind is cluster-scoped.
    pub namespace: Option<String>,
    pub name: String,
    pub outcome: Outcome,
    /// "spec.replicas: 2 → 3"; for a created object its top-level fields.
    pub changes: Vec<String>,
}

impl Planned {
    /// "Deployment web in shop", "Namespace tools".
    pub fn describe(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {} in {ns}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }

    /// The resource path the PATCH goes to, for the preview.
    pub fn resource(&self, plural: &str) -> String {
        let base = if self.api_version.contains('/') {
            format!("/apis/{}", self.api_version)
        } else {
            format!("/api/{}", self.api_version)
        };
        match &self.namespace {
            Some(ns) => format!("{base}/namespaces/{ns}/{plural}/{}", self.name),
            None => format!("{base}/{plural}/{}", self.name),
        }
    }
}

/// A manifest resolved against the cluster: its API resource and where it goes.
struct Resolved<'a> {
    manifest: &'a Manifest,
    resource: ApiResource,
    namespace: Option<String>,
}

impl Resolved<'_> {
    fn api(&self, conn: &Connection) -> Api<DynamicObject> {
        match &self.namespace {
            Some(ns) => Api::namespaced_with(conn.client.clone(), ns, &self.resource),
            None => Api::all_with(conn.client.clone(), &self.resource),
        }
    }

    /// The document as sent: with the namespace it goes to (kubectl fills it in too).
    fn body(&self) -> Value {
        let mut body = self.manifest.body.clone();
        match &self.namespace {
            Some(ns) => body["metadata"]["namespace"] = ns.clone().into(),
            None => {
                if let Some(meta) = body["metadata"].as_object_mut() {
                    meta.remove("namespace");
                }
            }
        }
        body
    }

    fn planned(&self, outcome: Outcome, changes: Vec<String>) -> Planned {
        let m = self.manifest;
        Planned {
            document: m.document,
            api_version: m.api_version.clone(),
            kind: m.kind.clone(),
            namespace: self.namespace.clone(),
            name: m.name.clone(),
            outcome,
            changes,
        }
    }
}

fn timed_out(conn: &Connection) -> ClusterError {
    ClusterError::new(
        ErrorCode::Unreachable,
        format!(
            "The cluster did not answer within {} s; objects applied before the wait ran out may have changed.",
            TIMEOUT.as_secs()
        ),
        "Look at the objects in the Clusters view before applying again.",
    )
    .in_context(&conn.context)
}

/// Resolves every manifest's kind by discovery (one request per group version), so a file
/// with an unknown kind is refused before anything is sent.
async fn resolve<'a>(
    conn: &Connection,
    manifests: &'a [Manifest],
) -> Result<Vec<Resolved<'a>>, ClusterError> {
    let mut found: HashMap<(String, String), (ApiResource, ApiCapabilities)> = HashMap::new();
    let mut out = Vec::new();
    for m in manifests {
        let key = (m.api_version.clone(), m.kind.clone());
        if !found.contains_key(&key) {
            let (group, version) = m.group_version();
            let gvk = GroupVersionKind::gvk(group, version, &m.kind);
            let hit = kube::discovery::pinned_kind(&conn.client, &gvk)
                .await
                .map_err(|e| discovery_error(conn, m, &e))?;
            found.insert(key.clone(), hit);
        }
        let (resource, caps) = found[&key].clone();
        if !caps.supports_operation(kube::discovery::verbs::PATCH) {
            return Err(ClusterError::new(
                ErrorCode::ManifestInvalid,
                format!(
                    "Document {} ({}): the cluster does not allow patching {}.",
                    m.document,
                    m.describe(),
                    resource.plural
                ),
                "This kind cannot be applied; remove it from the file.",
            )
            .in_context(&conn.context));
        }
        let namespace = match caps.scope {
            Scope::Namespaced => Some(
                m.namespace
                    .clone()
                    .unwrap_or_else(|| conn.default_namespace.clone()),
            ),
            Scope::Cluster => None,
        };
        out.push(Resolved {
            manifest: m,
            resource,
            namespace,
        });
    }
    Ok(out)
}

/// Asks the cluster what applying each manifest would do: GET the live object, then the
/// server-side apply PATCH with `dryRun=All`, compared field by field. Nothing is stored.
pub async fn plan(conn: &Connection, manifests: &[Manifest]) -> Result<Vec<Planned>, ClusterError> {
    let work = async {
        let resolved = resolve(conn, manifests).await?;
        let mut out = Vec::new();
        for r in &resolved {
            let api = r.api(conn);
            let live = api
                .get_opt(&r.manifest.name)
                .await
                .map_err(|e| request_error(conn, r, "get", &e))?;
            let params = PatchParams::apply(FIELD_MANAGER).dry_run();
            let result = api
                .patch(&r.manifest.name, &params, &Patch::Apply(r.body()))
                .await
                .map_err(|e| request_error(conn, r, "patch", &e))?;
            let live = live.map(|o| serde_json::to_value(o).unwrap_or(Value::Null));
            let result = serde_json::to_value(result).unwrap_or(Value::Null);
            let (outcome, changes) = diff(&r.manifest.kind, live.as_ref(), &result);
            out.push(r.planned(outcome, changes));
        }
        Ok(out)
    };
    tokio::time::timeout(TIMEOUT, work)
        .await
        .unwrap_or_else(|_| Err(timed_out(conn)))
}

/// What one real apply did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub object: Planned,
    /// The resourceVersion the cluster stored.
    pub resource_version: Option<String>,
}

/// Applies every manifest for real, in file order (so a Namespace before the objects in it),
/// stopping at the first failure: `Ok` holds what was applied; `Err` what was applied before
/// the failure and the failure.
pub async fn apply(
    conn: &Connection,
    manifests: &[Manifest],
) -> Result<Vec<Applied>, (Vec<Applied>, ClusterError)> {
    let mut done = Vec::new();
    let work = async {
        let resolved = resolve(conn, manifests)
            .await
            .map_err(|e| (Vec::new(), e))?;
        let mut done: Vec<Applied> = Vec::new();
        for r in &resolved {
            let api = r.api(conn);
            let existed = api
                .get_opt(&r.manifest.name)
                .await
                .map_err(|e| request_error(conn, r, "get", &e));
            let existed = match existed {
                Ok(o) => o.is_some(),
                Err(e) => return Err((done, e)),
            };
            let stored = api
                .patch(
                    &r.manifest.name,
                    &PatchParams::apply(FIELD_MANAGER),
                    &Patch::Apply(r.body()),
                )
                .await;
            match stored {
                Ok(o) => done.push(Applied {
                    object: r.planned(
                        if existed {
                            Outcome::Changed
                        } else {
                            Outcome::Created
                        },
                        Vec::new(),
                    ),
                    resource_version: o.metadata.resource_version,
                }),
                Err(e) => {
                    let err = request_error(conn, r, "patch", &e);
                    return Err((done, err));
                }
            }
        }
        Ok(done)
    };
    match tokio::time::timeout(TIMEOUT, work).await {
        Ok(result) => result,
        Err(_) => Err((std::mem::take(&mut done), timed_out(conn))),
    }
}

fn discovery_error(conn: &Connection, m: &Manifest, e: &kube::Error) -> ClusterError {
    let unknown = || {
        ClusterError::new(
            ErrorCode::UnknownKind,
            format!(
                "Document {} ({}): the cluster does not serve kind {} in {}.",
                m.document,
                m.describe(),
                m.kind,
                m.api_version
            ),
            "Check apiVersion and kind (`kubectl api-resources` lists what the cluster serves), or install the CRD that defines it first.",
        )
        .in_context(&conn.context)
    };
    match e {
        kube::Error::Discovery(_) => unknown(),
        kube::Error::Api(s) if s.code == 404 => unknown(),
        other => conn.error(other),
    }
}

fn request_error(conn: &Connection, r: &Resolved, verb: &str, e: &kube::Error) -> ClusterError {
    let m = r.manifest;
    let what = format!("Document {} ({})", m.document, m.describe());
    let plural = &r.resource.plural;
    let (scope, in_ns) = match &r.namespace {
        Some(ns) => (format!(" -n {ns}"), format!(" in {ns}")),
        None => (String::new(), String::new()),
    };
    let err = match e {
        kube::Error::Api(s) if s.code == 403 => ClusterError::new(
            ErrorCode::Forbidden,
            format!("{what}: your credentials may not {verb} {plural}{in_ns} (403 Forbidden)."),
            format!("Ask a cluster admin for this permission; `kubectl auth can-i {verb} {plural}{scope}` checks it."),
        ),
        kube::Error::Api(s) if s.code == 409 => ClusterError::new(
            ErrorCode::Conflict,
            format!("{what}: {}", first_line(&s.message)),
            "Fields in the file are owned by another manager (kubectl, a controller, Helm): change them with that tool, or remove them from the file.",
        ),
        kube::Error::Api(s) if s.code == 422 || s.code == 400 => ClusterError::new(
            ErrorCode::ManifestInvalid,
            format!("{what}: the cluster refused it as invalid: {}", first_line(&s.message)),
            "Fix the fields the message names and apply again.",
        ),
        kube::Error::Api(s) if s.code == 404 && r.namespace.is_some() => ClusterError::new(
            ErrorCode::NotFound,
            format!("{what}: namespace {} does not exist ({}).", r.namespace.as_deref().unwrap_or(""), first_line(&s.message)),
            "Create the namespace first (put a Namespace document before it in the file).",
        ),
        other => return conn.error(other),
    };
    err.in_context(&conn.context)
}
