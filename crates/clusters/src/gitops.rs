//! Argo CD and Flux application status (issue 11), read on request when their CRDs are
//! installed. API discovery (`/apis` and the GitOps groups' resource lists, kube-rs
//! `Discovery` filtered to those groups) says which kinds the cluster serves and at which
//! version; each is then listed with the dynamic API (no generated types: the CRDs are not
//! part of k8s-openapi and their versions move). A tool whose groups are absent is
//! [`Presence::NotInstalled`] — said once by the UI, never an error — and a kind RBAC forbids
//! is listed in `no_access`.
//!
//! The fields read are those of the public CRDs: Argo CD `Application`
//! (`argoproj.io/v1alpha1`: `spec.source(s)`, `spec.destination`, `status.sync`,
//! `status.health`, `status.operationState`) and Flux (`kustomize.toolkit.fluxcd.io`
//! `Kustomization`, `helm.toolkit.fluxcd.io` `HelmRelease`, `source.toolkit.fluxcd.io`
//! `GitRepository`/`OCIRepository`/`HelmRepository`: `spec.suspend`, `spec.sourceRef`,
//! the `Ready` condition, `status.lastAppliedRevision`, `status.artifact.revision`). The pure
//! part ([`argo_app`], [`flux_object`]) turns one object's JSON into a row.

use crate::connect::Connection;
use crate::error::{ClusterError, ErrorCode};
use kube::api::{DynamicObject, ListParams};
use kube::discovery::{verbs, ApiResource, Discovery};
use kube::Api;
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;

/// Argo CD's API group.
pub const ARGO_GROUP: &str = "argoproj.io";
/// The Flux kinds shown, with their API group.
pub const FLUX_KINDS: [(&str, &str); 5] = [
    ("kustomize.toolkit.fluxcd.io", "Kustomization"),
    ("helm.toolkit.fluxcd.io", "HelmRelease"),
    ("source.toolkit.fluxcd.io", "GitRepository"),
    ("source.toolkit.fluxcd.io", "OCIRepository"),
    ("source.toolkit.fluxcd.io", "HelmRepository"),
];

/// Whether a tool's CRDs are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// None of its kinds is served: the tool is not installed.
    NotInstalled,
    /// API discovery itself is forbidden: whether it is installed is unknown.
    NoAccess,
    /// At least one of its kinds is served (each listed, or in `no_access`).
    Installed,
}

/// One tool's part of the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tool {
    pub presence: Presence,
    /// Kinds it serves that RBAC forbids listing (`Application`, `HelmRelease`…).
    pub no_access: Vec<String>,
}

/// How an application is doing, for sorting and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Ok,
}

/// One Argo CD Application or Flux object, in the words the tools use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GitOpsApp {
    /// `argo` or `flux`.
    pub tool: &'static str,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// Argo: `Synced`, `OutOfSync`, `Unknown`.
    pub sync: Option<String>,
    /// Argo: `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing`, `Unknown`.
    pub health: Option<String>,
    /// Flux: the `Ready` condition's status (`True`, `False`, `Unknown`) and reason.
    pub ready: Option<String>,
    pub reason: Option<String>,
    pub suspended: bool,
    /// Argo: the revision synced; Flux: the last applied revision (or the source's artifact).
    pub revision: Option<String>,
    /// Where it comes from: Argo `repoURL` + path or chart @ targetRevision; Flux the source
    /// reference (`GitRepository/flux-system/infra`, path) or the source URL @ ref.
    pub source: Option<String>,
    /// Argo: the destination cluster and namespace; Flux: the target namespace.
    pub destination: Option<String>,
    /// Argo: the last operation's phase and message (or a condition); Flux: the Ready
    /// condition's message.
    pub message: Option<String>,
    pub severity: Severity,
}

/// What [`fetch`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GitOps {
    pub argo: Tool,
    pub flux: Tool,
    /// Worst first, then by tool, namespace, kind and name.
    pub apps: Vec<GitOpsApp>,
}

fn text(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

fn meta(obj: &Value) -> (String, String) {
    (
        text(&obj["metadata"]["namespace"]).unwrap_or_default(),
        text(&obj["metadata"]["name"]).unwrap_or_default(),
    )
}

/// `repoURL` + path or chart, `@ targetRevision` when set.
fn argo_source(source: &Value) -> Option<String> {
    let repo = text(&source["repoURL"])?;
    let mut out = repo;
    if let Some(path) = text(&source["path"]) {
        out = format!("{out} {path}");
    } else if let Some(chart) = text(&source["chart"]) {
        out = format!("{out} chart {chart}");
    }
    if let Some(rev) = text(&source["targetRevision"]) {
        out = format!("{out} @ {rev}");
    }
    Some(out)
}

/// One Argo CD Application (its JSON as the API serves it) as a row.
pub fn argo_app(obj: &Value) -> GitOpsApp {
    let (namespace, name) = meta(obj);
    let spec = &obj["spec"];
    let status = &obj["status"];
    // Multi-source applications (`spec.sources`) are said as their sources joined.
    let source = match spec["sources"].as_array() {
        Some(sources) if !sources.is_empty() => {
            let all: Vec<String> = sources.iter().filter_map(argo_source).collect();
            (!all.is_empty()).then(|| all.join("; "))
        }
        _ => argo_source(&spec["source"]),
    };
    let dest = &spec["destination"];
    let cluster = text(&dest["name"]).or_else(|| text(&dest["server"]));
    let destination = match (cluster, text(&dest["namespace"])) {
        (Some(c), Some(ns)) => Some(format!("{c} · {ns}")),
        (Some(c), None) => Some(c),
        (None, Some(ns)) => Some(ns),
        (None, None) => None,
    };
    let sync = text(&status["sync"]["status"]);
    let health = text(&status["health"]["status"]);
    let revision = text(&status["sync"]["revision"]).or_else(|| {
        status["sync"]["revisions"]
            .as_array()
            .map(|r| r.iter().filter_map(text).collect::<Vec<_>>().join(", "))
            .filter(|s| !s.is_empty())
    });
    let op = &status["operationState"];
    let phase = text(&op["phase"]);
    let op_message = text(&op["message"]).map(|m| match &phase {
        Some(p) => format!("{p}: {m}"),
        None => m,
    });
    // An error condition (ComparisonError, SyncError, InvalidSpecError…) says more than a
    // succeeded operation's "successfully synced".
    let condition = status["conditions"].as_array().and_then(|cs| {
        cs.iter()
            .find(|c| {
                c["type"]
                    .as_str()
                    .is_some_and(|t| t.ends_with("Error") || t.ends_with("Warning"))
            })
            .and_then(|c| Some(format!("{}: {}", text(&c["type"])?, text(&c["message"])?)))
    });
    let op_failed = matches!(phase.as_deref(), Some("Failed" | "Error"));
    let message = if op_failed {
        op_message
    } else {
        condition.clone().or(op_message)
    };
    let severity = match (health.as_deref(), sync.as_deref()) {
        _ if op_failed => Severity::Error,
        (Some("Degraded" | "Missing"), _) => Severity::Error,
        _ if condition.as_deref().is_some_and(|c| c.contains("Error:")) => Severity::Error,
        (Some("Healthy"), Some("Synced")) => Severity::Ok,
        _ => Severity::Warning,
    };
    GitOpsApp {
        tool: "argo",
        kind: "Application".into(),
        namespace,
        name,
        sync,
        health,
        ready: None,
        reason: None,
        suspended: false,
        revision,
        source,
        destination,
        message,
        severity,
    }
}

/// One Flux object (Kustomization, HelmRelease, or a source) as a row.
pub fn flux_object(kind: &str, obj: &Value) -> GitOpsApp {
    let (namespace, name) = meta(obj);
    let spec = &obj["spec"];
    let status = &obj["status"];
    let ready = status["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"));
    let ready_status = ready.and_then(|c| text(&c["status"]));
    let reason = ready.and_then(|c| text(&c["reason"]));
    let message = ready.and_then(|c| text(&c["message"]));
    let suspended = spec["suspend"].as_bool().unwrap_or(false);
    // A source reference names its namespace only when it differs from the object's.
    let reference = |r: &Value| -> Option<String> {
        let kind = text(&r["kind"])?;
        let name = text(&r["name"])?;
        Some(match text(&r["namespace"]) {
            Some(ns) if ns != namespace => format!("{kind}/{ns}/{name}"),
            _ => format!("{kind}/{name}"),
        })
    };
    let source = match kind {
        "Kustomization" => reference(&spec["sourceRef"]).map(|r| match text(&spec["path"]) {
            Some(path) => format!("{r} {path}"),
            None => r,
        }),
        "HelmRelease" => {
            let chart = &spec["chart"]["spec"];
            match (text(&chart["chart"]), reference(&chart["sourceRef"])) {
                (Some(c), Some(r)) => Some(match text(&chart["version"]) {
                    Some(v) => format!("{r} chart {c} {v}"),
                    None => format!("{r} chart {c}"),
                }),
                // Flux 2.3+: `spec.chartRef` names an OCIRepository or HelmChart.
                _ => reference(&spec["chartRef"]),
            }
        }
        _ => text(&spec["url"]).map(|url| {
            let r = &spec["ref"];
            let at = ["branch", "tag", "semver", "commit", "name"]
                .iter()
                .find_map(|k| text(&r[k]));
            match at {
                Some(at) => format!("{url} @ {at}"),
                None => url,
            }
        }),
    };
    let revision = text(&status["lastAppliedRevision"])
        .or_else(|| {
            // HelmRelease v2 keeps its releases in `status.history`, newest first.
            status["history"].as_array().and_then(|h| {
                let first = h.first()?;
                let v = text(&first["chartVersion"])?;
                Some(match text(&first["chartName"]) {
                    Some(c) => format!("{c}@{v}"),
                    None => v,
                })
            })
        })
        .or_else(|| text(&status["artifact"]["revision"]))
        .or_else(|| text(&status["lastAttemptedRevision"]));
    let destination = text(&spec["targetNamespace"]);
    // A suspended object is not reconciled at all: that, and how to resume it, says more than
    // its last Ready message.
    let message = if suspended {
        let command = match kind {
            "Kustomization" => "kustomization",
            "HelmRelease" => "helmrelease",
            "GitRepository" => "source git",
            "OCIRepository" => "source oci",
            "HelmRepository" => "source helm",
            other => other,
        };
        Some(format!(
            "Suspended: Flux does not reconcile it until resumed (`flux resume {command} {name} -n {namespace}`)."
        ))
    } else {
        message
    };
    // Reasons Flux uses while work is under way, not failures.
    let progressing = matches!(
        reason.as_deref(),
        Some("Progressing" | "DependencyNotReady" | "ProgressingWithRetry")
    );
    let severity = match ready_status.as_deref() {
        _ if suspended => Severity::Warning,
        Some("True") => Severity::Ok,
        Some("False") if !progressing => Severity::Error,
        _ => Severity::Warning,
    };
    GitOpsApp {
        tool: "flux",
        kind: kind.to_string(),
        namespace,
        name,
        sync: None,
        health: None,
        ready: ready_status,
        reason,
        suspended,
        revision,
        source,
        destination,
        message,
        severity,
    }
}

fn timeout_error(conn: &Connection) -> ClusterError {
    ClusterError::new(
        ErrorCode::Unreachable,
        "The cluster did not answer within 30 s.",
        "Try again; the Clusters view shows whether the connection still works.",
    )
    .in_context(&conn.context)
}

/// Every object of one kind (all namespaces), in pages of 500. `Ok(None)`: RBAC forbids it.
async fn list_all(conn: &Connection, ar: &ApiResource) -> Result<Option<Vec<Value>>, kube::Error> {
    let api: Api<DynamicObject> = Api::all_with(conn.client.clone(), ar);
    let mut out = Vec::new();
    let mut params = ListParams::default().limit(500);
    loop {
        let page = match api.list(&params).await {
            Ok(p) => p,
            Err(kube::Error::Api(s)) if s.code == 403 => return Ok(None),
            // The CRD went away between discovery and the list: nothing to show.
            Err(kube::Error::Api(s)) if s.code == 404 => return Ok(Some(out)),
            Err(e) => return Err(e),
        };
        out.extend(
            page.items
                .into_iter()
                .filter_map(|o| serde_json::to_value(o).ok()),
        );
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(next) => params = params.continue_token(&next),
            None => return Ok(Some(out)),
        }
    }
}

/// Discovers the Argo CD and Flux kinds the cluster serves and lists them (30 s bound).
pub async fn fetch(conn: &Connection) -> Result<GitOps, ClusterError> {
    match tokio::time::timeout(Duration::from_secs(30), fetch_inner(conn)).await {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(e)) => Err(conn.error(&e)),
        Err(_) => Err(timeout_error(conn)),
    }
}

async fn fetch_inner(conn: &Connection) -> Result<GitOps, kube::Error> {
    let mut groups = vec![ARGO_GROUP];
    for (g, _) in FLUX_KINDS {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let discovery = match Discovery::new(conn.client.clone())
        .filter(&groups)
        .run()
        .await
    {
        Ok(d) => d,
        Err(kube::Error::Api(s)) if s.code == 403 => {
            let unknown = Tool {
                presence: Presence::NoAccess,
                no_access: Vec::new(),
            };
            return Ok(GitOps {
                argo: unknown.clone(),
                flux: unknown,
                apps: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let served = |group: &str, kind: &str| {
        // The most stable version serving the kind: Flux serves GitRepository at v1 while
        // OCIRepository was still v1beta2, so the group's preferred version is not enough.
        discovery
            .get(group)?
            .resources_by_stability()
            .into_iter()
            .find(|(ar, caps)| ar.kind == kind && caps.supports_operation(verbs::LIST))
            .map(|(ar, _)| ar)
    };
    let mut apps = Vec::new();
    let mut argo = Tool {
        presence: Presence::NotInstalled,
        no_access: Vec::new(),
    };
    if let Some(ar) = served(ARGO_GROUP, "Application") {
        argo.presence = Presence::Installed;
        match list_all(conn, &ar).await? {
            Some(items) => apps.extend(items.iter().map(argo_app)),
            None => argo.no_access.push("Application".into()),
        }
    }
    let mut flux = Tool {
        presence: Presence::NotInstalled,
        no_access: Vec::new(),
    };
    for (group, kind) in FLUX_KINDS {
        let Some(ar) = served(group, kind) else {
            continue;
        };
        flux.presence = Presence::Installed;
        match list_all(conn, &ar).await? {
            Some(items) => apps.extend(items.iter().map(|o| flux_object(kind, o))),
            None => flux.no_access.push(kind.to_string()),
        }
    }
    apps.sort_by(|a, b| {
        (a.severity, a.tool, &a.namespace, &a.kind, &a.name).cmp(&(
            b.severity,
            b.tool,
            &b.namespace,
            &b.kind,
            &b.name,
        ))
    });
    Ok(GitOps { argo, flux, apps })
}
