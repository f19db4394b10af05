//! Rollback of a statefulset or daemonset, as `kubectl rollout undo` does it for them: their
//! controllers keep each pod template in a ControllerRevision they own, numbered by its
//! `revision` field (the highest is the current one) with the template in
//! `data.spec.template` (plus a `$patch: replace` directive for strategic merge). Pure
//! helpers shared by the preview (from a fresh list of the namespace's ControllerRevisions)
//! and the request. Deployments use their ReplicaSets instead (`rollback.rs`).

use super::rollback::{choose, controlled_by};
use crate::connect::Connection;
use crate::error::ClusterError;
use k8s_openapi::api::apps::v1::ControllerRevision;
use kube::api::ListParams;
use kube::Api;
use serde_json::Value;

pub(crate) fn revision(cr: &Value) -> Option<i64> {
    cr["revision"].as_i64()
}

/// The ControllerRevisions among `revisions` that `object` (of `kind`, `StatefulSet` or
/// `DaemonSet`) controls, newest first.
pub(crate) fn owned<'a>(kind: &str, object: &Value, revisions: &'a [Value]) -> Vec<&'a Value> {
    let mut mine = controlled_by(kind, object, revisions);
    mine.sort_by_key(|cr| std::cmp::Reverse(revision(cr).unwrap_or(0)));
    mine
}

/// (current revision, the wanted ControllerRevision): `to`, or else the newest before the
/// current one (the highest revision, as kubectl takes it).
pub(crate) fn pick<'a>(
    what: &str,
    kind: &str,
    object: &Value,
    revisions: &'a [Value],
    to: Option<i64>,
) -> Result<(i64, &'a Value), ClusterError> {
    let mine = owned(kind, object, revisions);
    let current = mine.first().and_then(|cr| revision(cr)).unwrap_or(0);
    choose(
        what,
        current,
        mine,
        revision,
        to,
        "It owns no ControllerRevision (the history may have been cleaned up by `revisionHistoryLimit`).",
    )
}

/// The pod template a ControllerRevision holds, without the strategic-merge directive.
pub(crate) fn template(cr: &Value) -> Value {
    let mut t = cr["data"]["spec"]["template"].clone();
    if let Some(fields) = t.as_object_mut() {
        fields.remove("$patch");
    }
    t
}

/// `spec.selector.matchLabels` as a label selector (`app=web,tier=db`).
pub(crate) fn selector(object: &Value) -> String {
    object["spec"]["selector"]["matchLabels"]
        .as_object()
        .map(|labels| {
            labels
                .iter()
                .filter_map(|(k, v)| Some(format!("{k}={}", v.as_str()?)))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
}

/// The ControllerRevisions of `namespace` that match `object`'s selector (the controller
/// labels them with the pods' labels), as JSON. Read on request: they are not watched.
pub async fn controller_revisions(
    conn: &Connection,
    namespace: &str,
    object: &Value,
) -> Result<Vec<Value>, kube::Error> {
    let api: Api<ControllerRevision> = Api::namespaced(conn.client.clone(), namespace);
    Ok(api
        .list(&ListParams::default().labels(&selector(object)))
        .await?
        .items
        .iter()
        .filter_map(|cr| serde_json::to_value(cr).ok())
        .collect())
}
