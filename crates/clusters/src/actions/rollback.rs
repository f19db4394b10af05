//! Rollback of a deployment to an earlier revision, as `kubectl rollout undo` does it: the
//! ReplicaSets the deployment owns carry their revision; the wanted one's pod template
//! (without the controller's `pod-template-hash` label) replaces the deployment's, with a
//! JSON patch. Pure helpers here, shared by the preview (from the watchers' stores) and the
//! request (from a fresh read).

use super::REVISION;
use crate::error::{ClusterError, ErrorCode};
use serde_json::Value;

pub(crate) fn revision(o: &Value) -> Option<i64> {
    o["metadata"]["annotations"][REVISION]
        .as_str()?
        .parse()
        .ok()
}

/// The ReplicaSets among `sets` that `deployment` controls.
pub(crate) fn owned<'a>(deployment: &Value, sets: &'a [Value]) -> Vec<&'a Value> {
    controlled_by("Deployment", deployment, sets)
}

/// The objects among `items` whose controller is `owner` (of `kind`): by uid, or by name when
/// either side has no uid.
pub(crate) fn controlled_by<'a>(kind: &str, owner: &Value, items: &'a [Value]) -> Vec<&'a Value> {
    let uid = owner["metadata"]["uid"].as_str();
    let name = owner["metadata"]["name"].as_str();
    items
        .iter()
        .filter(|item| {
            item["metadata"]["ownerReferences"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|o| {
                    o["kind"] == kind
                        && o["controller"].as_bool() == Some(true)
                        && match (uid, o["uid"].as_str()) {
                            (Some(a), Some(b)) => a == b,
                            _ => o["name"].as_str() == name,
                        }
                })
        })
        .collect()
}

/// (current revision, the wanted ReplicaSet): `to` or else the newest revision before the
/// current one.
pub(crate) fn pick<'a>(
    what: &str,
    deployment: &Value,
    sets: &'a [Value],
    to: Option<i64>,
) -> Result<(i64, &'a Value), ClusterError> {
    let mut mine = owned(deployment, sets);
    mine.sort_by_key(|rs| std::cmp::Reverse(revision(rs).unwrap_or(0)));
    let current = revision(deployment)
        .or_else(|| mine.first().and_then(|rs| revision(rs)))
        .unwrap_or(0);
    choose(
        what,
        current,
        mine,
        revision,
        to,
        "Its ReplicaSets are not known (the history may have been cleaned up by `revisionHistoryLimit`).",
    )
}

/// (current, the wanted one of `mine` (newest first)): revision `to`, or else the newest
/// before `current`; refused when `to` is the current one or is not there, saying which
/// revisions there are (`no_history` when none).
pub(crate) fn choose<'a>(
    what: &str,
    current: i64,
    mine: Vec<&'a Value>,
    revision: fn(&Value) -> Option<i64>,
    to: Option<i64>,
    no_history: &str,
) -> Result<(i64, &'a Value), ClusterError> {
    let numbers: Vec<String> = mine
        .iter()
        .filter_map(|o| revision(o))
        .map(|r| r.to_string())
        .collect();
    let found = match to {
        Some(r) if r == current => {
            return Err(ClusterError::new(
                ErrorCode::ActionInvalid,
                format!("{what} is already at revision {r}."),
                "Pick an earlier revision.",
            ))
        }
        Some(r) => mine.into_iter().find(|o| revision(o) == Some(r)),
        None => mine
            .into_iter()
            .find(|o| revision(o).is_some_and(|r| r < current)),
    };
    found.map(|o| (current, o)).ok_or_else(|| {
        ClusterError::new(
            ErrorCode::ActionInvalid,
            match to {
                Some(r) => format!("{what} has no revision {r}."),
                None => format!("{what} has no earlier revision to roll back to."),
            },
            if numbers.is_empty() {
                no_history.to_string()
            } else {
                format!("Its revisions: {}.", numbers.join(", "))
            },
        )
    })
}

/// The ReplicaSet's pod template as the deployment's: its `pod-template-hash` label is the
/// controller's, not part of the template the user wrote.
pub(crate) fn template(rs: &Value) -> Value {
    let mut t = rs["spec"]["template"].clone();
    if let Some(labels) = t["metadata"]["labels"].as_object_mut() {
        labels.remove("pod-template-hash");
    }
    t
}

/// What changes in the pod template, container by container (images first: the usual reason
/// to roll back), else that the template differs elsewhere.
pub(crate) fn template_changes(current: &Value, wanted: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let containers = |t: &Value| -> Vec<(String, String)> {
        t["spec"]["containers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or("").to_string(),
                    c["image"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let now = containers(current);
    for (name, image) in containers(wanted) {
        match now.iter().find(|(n, _)| *n == name) {
            Some((_, old)) if *old != image => {
                out.push(format!("container {name}: image {old} → {image}"))
            }
            None => out.push(format!("container {name} comes back (image {image})")),
            _ => {}
        }
    }
    if out.is_empty() {
        out.push(if current["spec"] == wanted["spec"] {
            "spec.template: the same pod spec (labels or annotations differ)".to_string()
        } else {
            "spec.template: the pod spec of that revision (same images)".to_string()
        });
    }
    out
}
