//! Cluster actions with a preview, a confirmation and an audit row (issue 11). The preview is
//! computed from the object the watchers hold and returns a one-use token; running the
//! action needs that token, for exactly the same request on the same connection, and the
//! object must still preview to the same sentence (else it changed since the user read it).
//! Every call of `run_cluster_action` — refused, failed or succeeded — is written to the
//! store's append-only `cluster_actions` log with the context, object, action, local user
//! and outcome. The engine (`orbis_clusters::actions`) makes the requests kubectl makes.

use super::actions_dto::*;
use super::dto::ClusterKind;
use crate::error::AppError;
#[cfg(feature = "clusters")]
use crate::error::ErrorCode;
use crate::session::Session;
use orbis_store::{ActionOutcome, NewClusterAction};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A preview stays confirmable this long: a dialog left open over lunch previews again.
pub const PREVIEW_VALID_FOR: Duration = Duration::from_secs(300);

/// Previews waiting for their confirmation, by token (one use each).
#[derive(Default)]
pub(super) struct Pending {
    previews: Mutex<HashMap<String, Confirmable>>,
    issued: Mutex<u64>,
}

#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
struct Confirmable {
    request: ClusterActionRequest,
    connection: u32,
    summary: String,
    issued: Instant,
}

#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
impl Pending {
    fn issue(&self, c: Confirmable) -> String {
        use sha2::{Digest, Sha256};
        let n = {
            let mut n = self.issued.lock().unwrap_or_else(|p| p.into_inner());
            *n += 1;
            *n
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let digest = Sha256::digest(format!("{n}:{nanos}:{}:{}", c.connection, c.summary));
        let token = hex::encode(&digest[..12]);
        let mut map = self.previews.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, p| p.issued.elapsed() < PREVIEW_VALID_FOR);
        map.insert(token.clone(), c);
        token
    }

    fn take(&self, token: &str) -> Option<Confirmable> {
        self.previews
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(token)
    }
}

/// Who acted, for the audit log: the local OS user (never a credential).
pub(super) fn local_user() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    var("USER")
        .or_else(|| var("USERNAME"))
        .or_else(|| var("LOGNAME"))
        .or_else(|| {
            var("HOME").and_then(|h| {
                std::path::Path::new(&h)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
        })
        .map(|u| format!("user:{u}"))
}

pub(super) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

fn action_name(a: &ClusterAction) -> &'static str {
    match a {
        ClusterAction::Scale { .. } => "scale",
        ClusterAction::RolloutRestart => "rollout_restart",
        ClusterAction::DeletePod => "delete_pod",
        ClusterAction::Cordon => "cordon",
        ClusterAction::Uncordon => "uncordon",
        ClusterAction::Rollback { .. } => "rollback",
    }
}

/// `namespace/name` → (Some(namespace), name); nodes are `name`.
fn split_key(kind: ClusterKind, key: &str) -> (Option<String>, String) {
    match (kind, key.split_once('/')) {
        (ClusterKind::Node | ClusterKind::Namespace, _) | (_, None) => (None, key.to_string()),
        (_, Some((ns, name))) => (Some(ns.to_string()), name.to_string()),
    }
}

/// The audit row being built for one `run_cluster_action` call.
struct Audit {
    row: NewClusterAction,
}

impl Audit {
    fn new(request: &ClusterActionRequest) -> Self {
        let (namespace, name) = split_key(request.kind, &request.key);
        Audit {
            row: NewClusterAction {
                at: now_ms(),
                context: "(not connected)".into(),
                server: None,
                namespace,
                kind: serde_json::to_value(request.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                name,
                action: action_name(&request.action).into(),
                summary: String::new(),
                identity: local_user(),
                outcome: ActionOutcome::Refused,
                message: String::new(),
                error_code: None,
            },
        }
    }

    /// Writes the row; an audit log that cannot be written is logged (the action's own
    /// outcome still reaches the user) and yields id 0.
    fn write(
        mut self,
        session: &Session,
        outcome: ActionOutcome,
        message: &str,
        code: Option<&str>,
    ) -> i64 {
        self.row.outcome = outcome;
        self.row.message = message.to_string();
        self.row.error_code = code.map(str::to_string);
        if self.row.summary.is_empty() {
            self.row.summary = format!("{} {} {}", self.row.action, self.row.kind, self.row.name);
        }
        match session.store().record_cluster_action(&self.row) {
            Ok(id) => id,
            Err(e) => {
                log::error!("cluster action audit row not written: {e}");
                0
            }
        }
    }

    /// Refused or failed: the row, then the error for the user.
    fn fail(self, session: &Session, outcome: ActionOutcome, e: AppError) -> AppError {
        let code = serde_json::to_value(e.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        self.write(
            session,
            outcome,
            format!("{} {}", e.message, e.hint).trim(),
            code.as_deref(),
        );
        e
    }
}

impl Session {
    /// What `request` will change, from the live cluster's current object, and the token
    /// that confirms it. Nothing is sent to the cluster.
    pub fn preview_cluster_action(
        &self,
        request: &ClusterActionRequest,
    ) -> Result<ClusterActionPreview, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::preview(self, request)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = request;
            Err(super::unavailable())
        }
    }

    /// Runs a previewed action. `confirmation` is the preview's token: without it (or with a
    /// stale one) the action is refused and nothing is sent. Every call is audited.
    pub fn run_cluster_action(
        &self,
        request: &ClusterActionRequest,
        confirmation: Option<&str>,
    ) -> Result<ClusterActionDone, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::run(self, request, confirmation)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = confirmation;
            Err(Audit::new(request).fail(self, ActionOutcome::Refused, super::unavailable()))
        }
    }

    /// The newest `limit` rows of the cluster action audit log, newest first.
    pub fn cluster_audit(&self, limit: usize) -> Result<Vec<ClusterAuditEntry>, AppError> {
        let rows = self.store().cluster_actions(limit.min(10_000))?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let a = r.action;
                ClusterAuditEntry {
                    id: r.id,
                    at: a.at,
                    context: a.context,
                    server: a.server,
                    namespace: a.namespace,
                    kind: a.kind,
                    name: a.name,
                    action: a.action,
                    summary: a.summary,
                    identity: a.identity,
                    outcome: match a.outcome {
                        ActionOutcome::Succeeded => ClusterActionOutcome::Succeeded,
                        ActionOutcome::Failed => ClusterActionOutcome::Failed,
                        ActionOutcome::Refused => ClusterActionOutcome::Refused,
                    },
                    message: a.message,
                    error_code: a.error_code,
                }
            })
            .collect())
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::*;
    use crate::clusters::live::no_cluster;
    use orbis_clusters::actions::{self, Action, Target};
    use orbis_clusters::ClusterError;

    fn engine_action(a: &ClusterAction) -> Action {
        match a {
            ClusterAction::Scale { replicas } => Action::Scale {
                replicas: *replicas,
            },
            ClusterAction::RolloutRestart => Action::RolloutRestart,
            ClusterAction::DeletePod => Action::DeletePod,
            ClusterAction::Cordon => Action::Cordon,
            ClusterAction::Uncordon => Action::Uncordon,
            ClusterAction::Rollback { to_revision } => Action::Rollback {
                to_revision: *to_revision,
            },
        }
    }

    /// What a preview needs besides the object: a rollback's revisions — a deployment's
    /// ReplicaSets from the watchers' store, a statefulset's or daemonset's
    /// ControllerRevisions read now (they are not watched).
    fn related(
        session: &Session,
        conn: &orbis_clusters::connect::Connection,
        t: &Target,
        action: &Action,
        object: &serde_json::Value,
    ) -> Result<Vec<serde_json::Value>, AppError> {
        use orbis_clusters::watch::Kind;
        let live = &session.clusters().live;
        match (action, &t.namespace, t.kind) {
            (Action::Rollback { .. }, Some(ns), Kind::Deployment) => Ok(live.replica_sets(ns)),
            (Action::Rollback { .. }, Some(ns), _) => live
                .block_on(actions::controller_revisions(conn, ns, object))?
                .map_err(|e| {
                    let e = conn.error(&e);
                    AppError::new(
                        ErrorCode::ClusterActionFailed,
                        format!(
                            "The revisions of {} cannot be read: {}",
                            t.describe(),
                            e.message
                        ),
                        e.hint,
                    )
                }),
            _ => Ok(Vec::new()),
        }
    }

    fn target(request: &ClusterActionRequest) -> Target {
        let (namespace, name) = split_key(request.kind, &request.key);
        Target {
            kind: crate::clusters::live::engine_kind(request.kind),
            namespace,
            name,
        }
    }

    fn gone(t: &Target) -> AppError {
        AppError::new(
            ErrorCode::ClusterActionFailed,
            format!("{} is not in the cluster (any more)", t.describe()),
            "It may have been deleted; the list shows what the cluster has now.",
        )
    }

    fn invalid(e: ClusterError) -> AppError {
        AppError::new(ErrorCode::ClusterActionInvalid, e.message, e.hint)
    }

    pub(super) fn preview(
        session: &Session,
        request: &ClusterActionRequest,
    ) -> Result<ClusterActionPreview, AppError> {
        let (id, conn, object) = session
            .clusters()
            .live
            .for_action(request.kind, &request.key)
            .ok_or_else(no_cluster)?;
        let t = target(request);
        let object = object.ok_or_else(|| gone(&t))?;
        let action = engine_action(&request.action);
        let related = related(session, &conn, &t, &action, &object)?;
        let p = actions::preview(&t, &action, &object, &related).map_err(invalid)?;
        let token = session.clusters().pending.issue(Confirmable {
            request: request.clone(),
            connection: id,
            summary: p.summary.clone(),
            issued: Instant::now(),
        });
        Ok(ClusterActionPreview {
            token,
            summary: p.summary,
            changes: p.changes,
            consequences: p.consequences,
            warning: p.warning,
            request: p.request,
            context: conn.context,
        })
    }

    pub(super) fn run(
        session: &Session,
        request: &ClusterActionRequest,
        confirmation: Option<&str>,
    ) -> Result<ClusterActionDone, AppError> {
        let mut audit = Audit::new(request);
        let refuse =
            |audit: Audit, e: AppError| Err(audit.fail(session, ActionOutcome::Refused, e));
        let Some((id, conn, object)) = session
            .clusters()
            .live
            .for_action(request.kind, &request.key)
        else {
            return refuse(audit, no_cluster());
        };
        audit.row.context = conn.context.clone();
        audit.row.server = Some(conn.server.clone());
        let t = target(request);
        let action = engine_action(&request.action);
        let confirmed = confirmation.and_then(|token| session.clusters().pending.take(token));
        let Some(confirmed) = confirmed else {
            let what = if confirmation.is_none() {
                "has not been confirmed"
            } else {
                "has no valid confirmation"
            };
            return refuse(
                audit,
                AppError::new(
                    ErrorCode::ClusterActionNotConfirmed,
                    format!(
                        "Not done: the {} of {} {what}",
                        request_label(&request.action),
                        t.describe()
                    ),
                    "Preview the action, read what it changes, and confirm it there.",
                ),
            );
        };
        audit.row.summary = confirmed.summary.clone();
        if confirmed.request != *request
            || confirmed.connection != id
            || confirmed.issued.elapsed() >= PREVIEW_VALID_FOR
        {
            return refuse(
                audit,
                AppError::new(
                    ErrorCode::ClusterActionNotConfirmed,
                    "Not done: the confirmation is for another action, another connection, or has expired",
                    "Preview the action again and confirm the new preview.",
                ),
            );
        }
        // The object must still be what the user saw: the same preview sentence.
        let Some(object) = object else {
            return refuse(audit, gone(&t));
        };
        let related = match related(session, &conn, &t, &action, &object) {
            Ok(r) => r,
            Err(e) => return refuse(audit, e),
        };
        match actions::preview(&t, &action, &object, &related) {
            Ok(now) if now.summary == confirmed.summary => {}
            Ok(now) => {
                return refuse(
                    audit,
                    AppError::new(
                        ErrorCode::ClusterActionNotConfirmed,
                        format!(
                            "Not done: {} changed since the preview (it would now be: {})",
                            t.describe(),
                            now.summary
                        ),
                        "Read the new preview and confirm it if it is still what you want.",
                    ),
                )
            }
            Err(e) => return refuse(audit, invalid(e)),
        }
        let result = match session
            .clusters()
            .live
            .block_on(actions::execute(&conn, &t, &action))
        {
            Ok(r) => r,
            Err(e) => return Err(audit.fail(session, ActionOutcome::Failed, e)),
        };
        match result {
            Ok(done) => {
                let audit_id = audit.write(session, ActionOutcome::Succeeded, &done.message, None);
                Ok(ClusterActionDone {
                    message: done.message,
                    audit_id,
                })
            }
            Err(e) => {
                let code = e.code.as_str().to_string();
                let err = AppError::new(ErrorCode::ClusterActionFailed, e.message, e.hint);
                audit.write(
                    session,
                    ActionOutcome::Failed,
                    &format!("{} {}", err.message, err.hint),
                    Some(&code),
                );
                Err(err)
            }
        }
    }

    fn request_label(a: &ClusterAction) -> &'static str {
        match a {
            ClusterAction::Scale { .. } => "scale",
            ClusterAction::RolloutRestart => "rollout restart",
            ClusterAction::DeletePod => "deletion",
            ClusterAction::Cordon => "cordon",
            ClusterAction::Uncordon => "uncordon",
            ClusterAction::Rollback { .. } => "rollback",
        }
    }
}
