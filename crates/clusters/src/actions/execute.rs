//! The API calls, as kubectl makes them: `kubectl scale` patches the `scale` subresource
//! (merge patch), `rollout restart` sets the pod-template annotation with a strategic merge
//! patch, `cordon`/`uncordon` patch `spec.unschedulable` (strategic merge), `delete pod`
//! deletes with the pod's own grace period, `rollout undo` puts an earlier ReplicaSet's (or,
//! for a statefulset or daemonset, ControllerRevision's) pod template back (here with a PUT of the deployment just read: its resourceVersion makes the
//! API server refuse the write with 409 if anything changed in between). Failures come back in plain words with what to do
//! (403 → which permission, 404 → gone, 409 → changed meanwhile).

use super::{history, rollback, Action, Target, RESTARTED_AT, REVISION};
use crate::connect::Connection;
use crate::error::{ClusterError, ErrorCode};
use crate::kubeconfig::first_line;
use crate::watch::Kind;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::Api;
use serde_json::json;
use std::time::Duration;

/// What the cluster accepted, in a sentence for the user and the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub message: String,
}

/// An action's request is bounded: a cluster that does not answer must not leave the user
/// waiting on a dialog. Whether the change was applied is then unknown, and the error says so.
const TIMEOUT: Duration = Duration::from_secs(30);

pub async fn execute(
    conn: &Connection,
    target: &Target,
    action: &Action,
) -> Result<Done, ClusterError> {
    if !action.applies_to(target.kind) {
        return Err(ClusterError::new(
            ErrorCode::ActionInvalid,
            format!("{} does not apply to {}.", action.name(), target.describe()),
            "Pick an action the object's kind supports.",
        ));
    }
    match tokio::time::timeout(TIMEOUT, call(conn, target, action)).await {
        Ok(result) => result.map_err(|e| match e {
            Failed::Kube(e) => action_error(conn, target, action, &e),
            Failed::Refused(e) => e.in_context(&conn.context),
        }),
        Err(_) => Err(ClusterError::new(
            ErrorCode::Unreachable,
            format!(
                "The cluster did not answer within {} s; the change may or may not have been made.",
                TIMEOUT.as_secs()
            ),
            "Look at the object in the list (it updates when the cluster answers) before retrying.",
        )
        .in_context(&conn.context)),
    }
}

fn namespaced<K>(conn: &Connection, target: &Target) -> Api<K>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>,
    <K as kube::Resource>::DynamicType: Default,
{
    Api::namespaced(
        conn.client.clone(),
        target
            .namespace
            .as_deref()
            .unwrap_or(&conn.default_namespace),
    )
}

/// A request's failure: the API server's, or ours before writing (a revision that is gone).
enum Failed {
    Kube(kube::Error),
    Refused(ClusterError),
}

impl From<kube::Error> for Failed {
    fn from(e: kube::Error) -> Self {
        Failed::Kube(e)
    }
}

async fn call(conn: &Connection, target: &Target, action: &Action) -> Result<Done, Failed> {
    let pp = PatchParams::default();
    let name = target.name.as_str();
    let what = target.describe();
    match (action, target.kind) {
        (Action::Scale { replicas }, kind) => {
            let patch = Patch::Merge(json!({"spec": {"replicas": replicas}}));
            if kind == Kind::StatefulSet {
                namespaced::<StatefulSet>(conn, target)
                    .patch_scale(name, &pp, &patch)
                    .await?;
            } else {
                namespaced::<Deployment>(conn, target)
                    .patch_scale(name, &pp, &patch)
                    .await?;
            }
            Ok(Done {
                message: format!("{what} now wants {replicas} replicas."),
            })
        }
        (Action::RolloutRestart, kind) => {
            let now = k8s_openapi::jiff::Timestamp::now()
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            let patch = Patch::Strategic(json!({"spec": {"template": {"metadata": {
                "annotations": {RESTARTED_AT: now}}}}}));
            if kind == Kind::StatefulSet {
                namespaced::<StatefulSet>(conn, target)
                    .patch(name, &pp, &patch)
                    .await?;
            } else {
                namespaced::<Deployment>(conn, target)
                    .patch(name, &pp, &patch)
                    .await?;
            }
            Ok(Done {
                message: format!("{what} is restarting (restartedAt {now})."),
            })
        }
        (Action::Rollback { to_revision }, Kind::StatefulSet | Kind::DaemonSet) => {
            let to = if target.kind == Kind::StatefulSet {
                put_back_revision::<StatefulSet>(conn, target, "StatefulSet", *to_revision, |o| {
                    o.spec.as_mut().map(|s| &mut s.template)
                })
                .await?
            } else {
                put_back_revision::<DaemonSet>(conn, target, "DaemonSet", *to_revision, |o| {
                    o.spec.as_mut().map(|s| &mut s.template)
                })
                .await?
            };
            Ok(Done {
                message: format!("{what} is rolling back to the pod template of revision {to}."),
            })
        }
        (Action::Rollback { to_revision }, _) => {
            let api = namespaced::<Deployment>(conn, target);
            let mut deployment = api.get(name).await?;
            let selector = deployment
                .spec
                .as_ref()
                .and_then(|s| s.selector.match_labels.as_ref())
                .map(|labels| {
                    labels
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            let sets: Vec<serde_json::Value> = namespaced::<ReplicaSet>(conn, target)
                .list(&ListParams::default().labels(&selector))
                .await?
                .items
                .iter()
                .filter_map(|rs| serde_json::to_value(rs).ok())
                .collect();
            let current = serde_json::to_value(&deployment).map_err(kube::Error::SerdeError)?;
            let (_, rs) =
                rollback::pick(&what, &current, &sets, *to_revision).map_err(Failed::Refused)?;
            let to = rollback::revision(rs).unwrap_or(0);
            let template =
                serde_json::from_value(rollback::template(rs)).map_err(kube::Error::SerdeError)?;
            if let Some(spec) = deployment.spec.as_mut() {
                spec.template = template;
            }
            // The annotations the controller keeps per revision stay the deployment's own.
            let annotations = deployment
                .metadata
                .annotations
                .get_or_insert_with(Default::default);
            if let Some(from_rs) = rs["metadata"]["annotations"].as_object() {
                for (k, v) in from_rs {
                    let skip = k == REVISION
                        || k.starts_with("deployment.kubernetes.io/")
                        || k == "kubectl.kubernetes.io/last-applied-configuration";
                    if let (false, Some(v)) = (skip, v.as_str()) {
                        annotations.insert(k.clone(), v.to_string());
                    }
                }
            }
            api.replace(name, &PostParams::default(), &deployment)
                .await?;
            Ok(Done {
                message: format!("{what} is rolling back to the pod template of revision {to}."),
            })
        }
        (Action::DeletePod, _) => {
            namespaced::<Pod>(conn, target)
                .delete(name, &DeleteParams::default())
                .await?;
            Ok(Done {
                message: format!("{what} is being deleted."),
            })
        }
        (Action::Cordon | Action::Uncordon, _) => {
            let cordon = *action == Action::Cordon;
            // kubectl's patch for uncordon removes the field (false is its default) rather
            // than writing `false`; the result is the same.
            let value = if cordon { json!(true) } else { json!(null) };
            Api::<Node>::all(conn.client.clone())
                .patch(
                    name,
                    &pp,
                    &Patch::Strategic(json!({"spec": {"unschedulable": value}})),
                )
                .await?;
            Ok(Done {
                message: format!(
                    "{what} is {}.",
                    if cordon {
                        "cordoned: no new pods are scheduled on it"
                    } else {
                        "schedulable again"
                    }
                ),
            })
        }
    }
}

/// Rolls a statefulset or daemonset back: reads it, takes the wanted revision's pod template
/// from the ControllerRevisions it owns, and replaces the object just read with it (a change
/// in between makes the API server answer 409 instead of being overwritten). The revision's
/// number comes back.
async fn put_back_revision<K>(
    conn: &Connection,
    target: &Target,
    kind: &str,
    to: Option<i64>,
    template_of: impl FnOnce(&mut K) -> Option<&mut k8s_openapi::api::core::v1::PodTemplateSpec>,
) -> Result<i64, Failed>
where
    K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>
        + Clone
        + std::fmt::Debug
        + serde::Serialize
        + serde::de::DeserializeOwned,
    <K as kube::Resource>::DynamicType: Default,
{
    let api = namespaced::<K>(conn, target);
    let mut object = api.get(&target.name).await?;
    let (revision, template) = revision_template(conn, target, kind, &object, to).await?;
    if let Some(t) = template_of(&mut object) {
        *t = template;
    }
    api.replace(&target.name, &PostParams::default(), &object)
        .await?;
    Ok(revision)
}

/// The wanted revision's number and pod template, from the ControllerRevisions `object` (just
/// read) owns.
async fn revision_template<K: serde::Serialize>(
    conn: &Connection,
    target: &Target,
    kind: &str,
    object: &K,
    to: Option<i64>,
) -> Result<(i64, k8s_openapi::api::core::v1::PodTemplateSpec), Failed> {
    let current = serde_json::to_value(object).map_err(kube::Error::SerdeError)?;
    let ns = target
        .namespace
        .as_deref()
        .unwrap_or(&conn.default_namespace);
    let revisions = history::controller_revisions(conn, ns, &current).await?;
    let (_, cr) = history::pick(&target.describe(), kind, &current, &revisions, to)
        .map_err(Failed::Refused)?;
    let template =
        serde_json::from_value(history::template(cr)).map_err(kube::Error::SerdeError)?;
    Ok((history::revision(cr).unwrap_or(0), template))
}

/// The RBAC verb and resource the request needs, for the 403 hint (`kubectl auth can-i`).
fn permission(target: &Target, action: &Action) -> String {
    let resource = match target.kind {
        Kind::StatefulSet => "statefulsets",
        Kind::DaemonSet => "daemonsets",
        Kind::Pod => "pods",
        Kind::Node => "nodes",
        _ => "deployments",
    };
    match action {
        Action::Scale { .. } => format!("patch {resource}/scale"),
        Action::DeletePod => format!("delete {resource}"),
        Action::Rollback { .. } => format!("update {resource}"),
        _ => format!("patch {resource}"),
    }
}

fn action_error(
    conn: &Connection,
    target: &Target,
    action: &Action,
    e: &kube::Error,
) -> ClusterError {
    let what = target.describe();
    let scope = match &target.namespace {
        Some(ns) => format!(" -n {ns}"),
        None => String::new(),
    };
    let err = match e {
        kube::Error::Api(status) if status.code == 403 => {
            let perm = permission(target, action);
            ClusterError::new(
                ErrorCode::Forbidden,
                format!(
                    "Not allowed: your credentials may not {perm}{} (403 Forbidden).",
                    target.namespace.as_deref().map(|ns| format!(" in {ns}")).unwrap_or_default()
                ),
                format!(
                    "Nothing was changed. Ask a cluster admin for this permission; `kubectl auth can-i {perm}{scope}` checks it."
                ),
            )
        }
        kube::Error::Api(status) if status.code == 404 => ClusterError::new(
            ErrorCode::NotFound,
            format!("{what} no longer exists (404 Not Found)."),
            "It was deleted or renamed meanwhile; the list shows what the cluster has now.",
        ),
        kube::Error::Api(status) if status.code == 409 => ClusterError::new(
            ErrorCode::Conflict,
            format!("{what} was changed by someone else at the same time (409 Conflict)."),
            "Nothing was changed. Look at its current state, then try again.",
        ),
        kube::Error::Api(status) if status.code == 422 => ClusterError::new(
            ErrorCode::ActionInvalid,
            format!(
                "The cluster refused the change as invalid: {}.",
                first_line(&status.message)
            ),
            "Check the value entered; the object's YAML shows what the cluster has.",
        ),
        other => return conn.error(other),
    };
    err.in_context(&conn.context)
}
