//! What an action will change, in plain words, from the object as the watchers hold it. Pure:
//! the app previews from its live store and previews again right before executing — when the
//! two differ, the object changed in between and the confirmation no longer holds.

use super::{history, rollback, Action, Target, RESTARTED_AT};
use crate::error::{ClusterError, ErrorCode};
use crate::watch::Kind;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// One sentence: "Scale deployment web in shop from 3 to 5 replicas".
    pub summary: String,
    /// The exact fields that change: "spec.replicas: 3 → 5".
    pub changes: Vec<String>,
    /// What follows from it, in plain words (pods started, stopped, replaced…).
    pub consequences: Vec<String>,
    /// Set when the action takes something away that does not come back by itself.
    pub warning: Option<String>,
    /// The API request that will be made ("PATCH …/deployments/web/scale, merge patch").
    pub request: String,
}

fn invalid(message: String, hint: &str) -> ClusterError {
    ClusterError::new(ErrorCode::ActionInvalid, message, hint)
}

/// Previews `action` on `target`, whose current object is `current` (JSON as the watchers
/// store it); `replica_sets` are what a rollback picks its revision from: the namespace's
/// ReplicaSets for a deployment, its ControllerRevisions for a statefulset or daemonset
/// (empty for other actions). Refuses actions that do not apply to the kind and ones
/// that would change nothing (scaling to the current count, cordoning a cordoned node).
pub fn preview(
    target: &Target,
    action: &Action,
    current: &Value,
    replica_sets: &[Value],
) -> Result<Preview, ClusterError> {
    let what = target.describe();
    if !action.applies_to(target.kind) {
        return Err(invalid(
            format!("{} does not apply to {what}.", action.name().replace('_', " ")),
            "Scale and restart apply to deployments and statefulsets, roll back to those and daemonsets, delete to pods, cordon and uncordon to nodes.",
        ));
    }
    let ns = target.namespace.as_deref().unwrap_or("default");
    let resource = match target.kind {
        Kind::Deployment => "deployments",
        Kind::StatefulSet => "statefulsets",
        Kind::DaemonSet => "daemonsets",
        Kind::Pod => "pods",
        _ => "nodes",
    };
    let path = match target.kind {
        Kind::Node => format!("/api/v1/nodes/{}", target.name),
        Kind::Pod => format!("/api/v1/namespaces/{ns}/pods/{}", target.name),
        _ => format!("/apis/apps/v1/namespaces/{ns}/{resource}/{}", target.name),
    };
    match action {
        Action::Rollback { to_revision } if target.kind != Kind::Deployment => {
            let kind = if target.kind == Kind::DaemonSet {
                "DaemonSet"
            } else {
                "StatefulSet"
            };
            let (from, cr) = history::pick(&what, kind, current, replica_sets, *to_revision)?;
            let to = history::revision(cr).unwrap_or(0);
            let wanted = history::template(cr);
            let on_delete = current["spec"]["updateStrategy"]["type"] == "OnDelete";
            let pace = if on_delete {
                "Its update strategy is OnDelete: running pods keep the current template until each is deleted.".to_string()
            } else if target.kind == Kind::DaemonSet {
                "Its pods are replaced node by node (rolling update) with the pod template of that revision.".to_string()
            } else {
                "Its pods are replaced one at a time, highest ordinal first (rolling update), with the pod template of that revision; their volumes are kept.".to_string()
            };
            Ok(Preview {
                summary: format!("Roll back {what} from revision {from} to revision {to}"),
                changes: rollback::template_changes(&current["spec"]["template"], &wanted),
                consequences: vec![
                    pace,
                    format!(
                        "The controller renumbers revision {to} as revision {}.",
                        from + 1
                    ),
                ],
                warning: None,
                request: format!(
                    "PUT {path} (the object read just before, so a change in between is refused)"
                ),
            })
        }
        Action::Rollback { to_revision } => {
            let (from, rs) = rollback::pick(&what, current, replica_sets, *to_revision)?;
            let to = rollback::revision(rs).unwrap_or(0);
            let wanted = rollback::template(rs);
            Ok(Preview {
                summary: format!("Roll back {what} from revision {from} to revision {to}"),
                changes: rollback::template_changes(&current["spec"]["template"], &wanted),
                consequences: vec![
                    format!("Its pods are replaced by a rolling update with the pod template of revision {to} (it becomes revision {}).", from + 1),
                ],
                warning: None,
                request: format!("PUT {path} (the object read just before, so a change in between is refused)"),
            })
        }
        Action::Scale { replicas } => {
            let to = *replicas;
            if to < 0 {
                return Err(invalid(
                    format!("{to} is not a replica count."),
                    "Enter 0 or more replicas.",
                ));
            }
            // An absent `spec.replicas` means 1 (the API server's default).
            let from = current["spec"]["replicas"].as_i64().unwrap_or(1);
            if from == i64::from(to) {
                return Err(invalid(
                    format!("{what} already has {to} replicas."),
                    "Choose a different number of replicas.",
                ));
            }
            let mut consequences = vec![if i64::from(to) > from {
                format!("{} new pods are started.", i64::from(to) - from)
            } else {
                format!("{} pods are stopped.", from - i64::from(to))
            }];
            if target.kind == Kind::StatefulSet && i64::from(to) < from {
                consequences.push(
                    "A statefulset stops its highest-numbered pods first; their volumes are kept."
                        .into(),
                );
            }
            if has_autoscaler_hint(current) {
                consequences.push("A HorizontalPodAutoscaler may change the count again.".into());
            }
            Ok(Preview {
                summary: format!(
                    "Scale {what} from {from} to {to} replica{}",
                    if to == 1 { "" } else { "s" }
                ),
                changes: vec![format!("spec.replicas: {from} → {to}")],
                consequences,
                warning: (to == 0).then(|| {
                    format!(
                        "Every pod of {} stops: it serves nothing until scaled up again.",
                        target.name
                    )
                }),
                request: format!("PATCH {path}/scale (merge patch)"),
            })
        }
        Action::RolloutRestart => {
            let replicas = current["spec"]["replicas"].as_i64().unwrap_or(1);
            let previous = current["spec"]["template"]["metadata"]["annotations"][RESTARTED_AT]
                .as_str()
                .map(|t| format!(" (last restarted {t})"))
                .unwrap_or_default();
            Ok(Preview {
                summary: format!("Restart {what}: replace its {replicas} pod{} one by one", if replicas == 1 { "" } else { "s" }),
                changes: vec![format!(
                    "spec.template.metadata.annotations[\"{RESTARTED_AT}\"] = the current time{previous}"
                )],
                consequences: vec![
                    "New pods are started with the same spec; old ones stop as the new ones become ready (the rollout strategy decides the pace).".into(),
                ],
                warning: (replicas == 0).then(|| "It has 0 replicas: nothing is restarted.".into()),
                request: format!("PATCH {path} (strategic merge patch)"),
            })
        }
        Action::DeletePod => {
            let owner = current["metadata"]["ownerReferences"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|o| o["controller"].as_bool() == Some(true))
                .map(|o| {
                    format!(
                        "{} {}",
                        o["kind"].as_str().unwrap_or("controller"),
                        o["name"].as_str().unwrap_or("")
                    )
                });
            let grace = current["spec"]["terminationGracePeriodSeconds"]
                .as_i64()
                .unwrap_or(30);
            Ok(Preview {
                summary: format!("Delete {what}"),
                changes: vec![format!("pod {} is deleted", target.name)],
                consequences: vec![
                    format!("Its containers get {grace} s to stop (the pod's grace period)."),
                    match &owner {
                        Some(o) => format!("Its {o} starts a replacement pod."),
                        None => "No controller owns it: nothing replaces it.".into(),
                    },
                ],
                warning: owner.is_none().then(|| {
                    format!(
                        "{} is not managed by a controller: once deleted it is gone.",
                        target.name
                    )
                }),
                request: format!("DELETE {path}"),
            })
        }
        Action::Cordon | Action::Uncordon => {
            let cordoned = current["spec"]["unschedulable"].as_bool() == Some(true);
            let cordon = *action == Action::Cordon;
            if cordoned == cordon {
                return Err(invalid(
                    format!(
                        "{what} is already {}.",
                        if cordon { "cordoned" } else { "schedulable" }
                    ),
                    "Nothing to do.",
                ));
            }
            Ok(Preview {
                summary: format!("{} {what}", if cordon { "Cordon" } else { "Uncordon" }),
                changes: vec![format!("spec.unschedulable: {} → {}", cordoned, cordon)],
                consequences: vec![if cordon {
                    "No new pods are scheduled on it; pods running there keep running (draining is a separate step).".into()
                } else {
                    "New pods may be scheduled on it again.".into()
                }],
                warning: None,
                request: format!("PATCH {path} (strategic merge patch)"),
            })
        }
    }
}

/// Deployments scaled by an autoscaler usually say so in an annotation some tools set; the
/// HPA object itself is not watched, so this is a hint, not a check.
fn has_autoscaler_hint(current: &Value) -> bool {
    current["metadata"]["annotations"]
        .as_object()
        .is_some_and(|a| a.keys().any(|k| k.contains("autoscal")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment(replicas: i64) -> Value {
        json!({"metadata": {"name": "web", "namespace": "shop"}, "spec": {"replicas": replicas}})
    }

    fn web() -> Target {
        Target {
            kind: Kind::Deployment,
            namespace: Some("shop".into()),
            name: "web".into(),
        }
    }

    #[test]
    fn scale_states_from_and_to() {
        let p = preview(&web(), &Action::Scale { replicas: 5 }, &deployment(3), &[]).unwrap();
        assert_eq!(
            p.summary,
            "Scale deployment web in shop from 3 to 5 replicas"
        );
        assert_eq!(p.changes, ["spec.replicas: 3 → 5"]);
        assert_eq!(p.consequences[0], "2 new pods are started.");
        assert_eq!(
            p.request,
            "PATCH /apis/apps/v1/namespaces/shop/deployments/web/scale (merge patch)"
        );
        assert!(p.warning.is_none());
        let zero = preview(&web(), &Action::Scale { replicas: 0 }, &deployment(3), &[]).unwrap();
        assert!(zero.warning.unwrap().contains("Every pod of web stops"));
    }

    #[test]
    fn refuses_what_changes_nothing_or_does_not_apply() {
        let same =
            preview(&web(), &Action::Scale { replicas: 3 }, &deployment(3), &[]).unwrap_err();
        assert_eq!(same.code, ErrorCode::ActionInvalid);
        assert_eq!(
            same.message,
            "deployment web in shop already has 3 replicas."
        );
        assert!(preview(&web(), &Action::Scale { replicas: -1 }, &deployment(3), &[]).is_err());
        let wrong = preview(&web(), &Action::Cordon, &deployment(3), &[]).unwrap_err();
        assert!(wrong
            .message
            .starts_with("cordon does not apply to deployment web"));
        let node = Target {
            kind: Kind::Node,
            namespace: None,
            name: "n1".into(),
        };
        let cordoned = json!({"spec": {"unschedulable": true}});
        assert_eq!(
            preview(&node, &Action::Cordon, &cordoned, &[])
                .unwrap_err()
                .message,
            "node n1 is already cordoned."
        );
        let p = preview(&node, &Action::Uncordon, &cordoned, &[]).unwrap();
        assert_eq!(p.summary, "Uncordon node n1");
        assert_eq!(p.changes, ["spec.unschedulable: true → false"]);
    }

    #[test]
    fn delete_pod_names_what_replaces_it() {
        let pod = Target {
            kind: Kind::Pod,
            namespace: Some("default".into()),
            name: "web-1".into(),
        };
        let owned = json!({"metadata": {"ownerReferences": [
            {"kind": "ReplicaSet", "name": "web-7d9c8b", "controller": true}]}});
        let p = preview(&pod, &Action::DeletePod, &owned, &[]).unwrap();
        assert_eq!(
            p.consequences[1],
            "Its ReplicaSet web-7d9c8b starts a replacement pod."
        );
        assert!(p.warning.is_none());
        let bare = preview(&pod, &Action::DeletePod, &json!({}), &[]).unwrap();
        assert!(bare.warning.unwrap().contains("once deleted it is gone"));
    }
}
