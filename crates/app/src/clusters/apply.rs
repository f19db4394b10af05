//! Apply a Kubernetes YAML file of the workspace to the live cluster (issue 11), like the
//! other cluster actions: `preview_cluster_apply` asks the cluster for a server-side dry run
//! of every object and returns the per-object diff with a one-use token; `run_cluster_apply`
//! needs that token, for the same file on the same connection, plans again and refuses when
//! the result differs from what the user confirmed (the cluster or the file changed), then
//! applies for real. The token holds the text that was previewed, so later edits of the
//! buffer are never sent unseen. Every object applied (or failing) is one audit row; a
//! refused run is one row for the file.

use super::actions::{local_user, now_ms};
use super::apply_dto::*;
use crate::error::AppError;
#[cfg(feature = "clusters")]
use crate::error::ErrorCode;
use crate::session::Session;
use orbis_store::{ActionOutcome, NewClusterAction};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
struct ConfirmableApply {
    source: String,
    text: String,
    connection: u32,
    objects: Vec<ClusterApplyObject>,
    issued: Instant,
}

/// Apply previews waiting for their confirmation, by token (one use each).
#[derive(Default)]
pub(super) struct PendingApplies {
    previews: Mutex<HashMap<String, ConfirmableApply>>,
    issued: Mutex<u64>,
}

#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
impl PendingApplies {
    fn issue(&self, c: ConfirmableApply) -> String {
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
        let digest = Sha256::digest(format!("apply:{n}:{nanos}:{}:{}", c.connection, c.source));
        let token = hex::encode(&digest[..12]);
        let mut map = self.previews.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, p| p.issued.elapsed() < super::PREVIEW_VALID_FOR);
        map.insert(token.clone(), c);
        token
    }

    fn take(&self, token: &str) -> Option<ConfirmableApply> {
        self.previews
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(token)
    }
}

/// "1 to create, 1 to change, 2 unchanged" (parts that are zero are left out).
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
fn apply_summary(objects: &[ClusterApplyObject]) -> String {
    let count = |o: ClusterApplyOutcome| objects.iter().filter(|x| x.outcome == o).count();
    let parts: Vec<String> = [
        (count(ClusterApplyOutcome::Created), "to create"),
        (count(ClusterApplyOutcome::Changed), "to change"),
        (count(ClusterApplyOutcome::Unchanged), "unchanged"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    parts.join(", ")
}

/// One audit row about `source` (a refusal) or one object of it.
fn row(
    context: &str,
    server: Option<String>,
    object: Option<&ClusterApplyObject>,
    source: &str,
) -> NewClusterAction {
    NewClusterAction {
        at: now_ms(),
        context: context.to_string(),
        server,
        namespace: object.and_then(|o| o.namespace.clone()),
        kind: object
            .map(|o| o.kind.to_ascii_lowercase())
            .unwrap_or_else(|| "file".into()),
        name: object
            .map(|o| o.name.clone())
            .unwrap_or_else(|| source.to_string()),
        action: "apply".into(),
        summary: String::new(),
        identity: local_user(),
        outcome: ActionOutcome::Refused,
        message: String::new(),
        error_code: None,
    }
}

fn write(
    session: &Session,
    mut r: NewClusterAction,
    outcome: ActionOutcome,
    message: &str,
    code: Option<&str>,
) -> i64 {
    r.outcome = outcome;
    r.message = message.to_string();
    r.error_code = code.map(str::to_string);
    if r.summary.is_empty() {
        r.summary = format!("apply {} {}", r.kind, r.name);
    }
    match session.store().record_cluster_action(&r) {
        Ok(id) => id,
        Err(e) => {
            log::error!("cluster apply audit row not written: {e}");
            0
        }
    }
}

impl Session {
    /// The server-side dry run of applying the workspace file `path` (its editor buffer, with
    /// unsaved edits) to the live cluster, and the token that confirms it. Nothing is stored.
    pub fn preview_cluster_apply(&self, path: &str) -> Result<ClusterApplyPreview, AppError> {
        let text = self.open_document(path)?.text;
        self.preview_cluster_apply_text(path, &text)
    }

    /// As [`Session::preview_cluster_apply`], for text the caller holds (`source` names it).
    pub fn preview_cluster_apply_text(
        &self,
        source: &str,
        text: &str,
    ) -> Result<ClusterApplyPreview, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::preview(self, source, text)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = (source, text);
            Err(super::unavailable())
        }
    }

    /// Applies the file previewed with `confirmation` (the preview's token). Without a valid
    /// token, or when the dry run now differs from the preview, nothing is sent. Audited.
    pub fn run_cluster_apply(
        &self,
        source: &str,
        confirmation: Option<&str>,
    ) -> Result<ClusterApplyDone, AppError> {
        #[cfg(feature = "clusters")]
        {
            imp::run(self, source, confirmation)
        }
        #[cfg(not(feature = "clusters"))]
        {
            let _ = confirmation;
            let e = super::unavailable();
            write(
                self,
                row("(not connected)", None, None, source),
                ActionOutcome::Refused,
                &format!("{} {}", e.message, e.hint),
                None,
            );
            Err(e)
        }
    }
}

#[cfg(feature = "clusters")]
mod imp {
    use super::*;
    use orbis_clusters::apply::{self, Outcome, Planned};
    use orbis_clusters::connect::Connection;
    use orbis_clusters::ClusterError;

    fn no_cluster() -> AppError {
        AppError::new(
            ErrorCode::NoCluster,
            "No cluster is connected",
            "Connect to a context in the Clusters view first, then apply the file again.",
        )
    }

    fn to_app(e: ClusterError) -> AppError {
        let code = match e.code {
            orbis_clusters::ErrorCode::ManifestInvalid | orbis_clusters::ErrorCode::UnknownKind => {
                ErrorCode::ClusterActionInvalid
            }
            _ => ErrorCode::ClusterActionFailed,
        };
        AppError::new(code, e.message, e.hint)
    }

    fn dto(p: &Planned) -> ClusterApplyObject {
        ClusterApplyObject {
            document: p.document as u32,
            api_version: p.api_version.clone(),
            kind: p.kind.clone(),
            namespace: p.namespace.clone(),
            name: p.name.clone(),
            outcome: match p.outcome {
                Outcome::Created => ClusterApplyOutcome::Created,
                Outcome::Changed => ClusterApplyOutcome::Changed,
                Outcome::Unchanged => ClusterApplyOutcome::Unchanged,
            },
            changes: p.changes.clone(),
        }
    }

    fn plan(
        session: &Session,
        conn: &Connection,
        source: &str,
        text: &str,
    ) -> Result<Vec<ClusterApplyObject>, AppError> {
        let manifests = apply::parse(source, text).map_err(to_app)?;
        let planned = session
            .clusters()
            .live
            .block_on(apply::plan(conn, &manifests))?
            .map_err(to_app)?;
        Ok(planned.iter().map(dto).collect())
    }

    pub(super) fn preview(
        session: &Session,
        source: &str,
        text: &str,
    ) -> Result<ClusterApplyPreview, AppError> {
        let (id, conn) = session
            .clusters()
            .live
            .connection()
            .ok_or_else(no_cluster)?;
        let objects = plan(session, &conn, source, text)?;
        let token = session.clusters().applies.issue(ConfirmableApply {
            source: source.to_string(),
            text: text.to_string(),
            connection: id,
            objects: objects.clone(),
            issued: Instant::now(),
        });
        Ok(ClusterApplyPreview {
            token,
            source: source.to_string(),
            context: conn.context.clone(),
            summary: apply_summary(&objects),
            request: format!(
                "PATCH each object, server-side apply (field manager {}, no force); the preview was the same request with dryRun=All",
                apply::FIELD_MANAGER
            ),
            objects,
        })
    }

    pub(super) fn run(
        session: &Session,
        source: &str,
        confirmation: Option<&str>,
    ) -> Result<ClusterApplyDone, AppError> {
        let connection = session.clusters().live.connection();
        let (context, server) = connection
            .as_ref()
            .map(|(_, c)| (c.context.clone(), Some(c.server.clone())))
            .unwrap_or_else(|| ("(not connected)".into(), None));
        let refuse = |e: AppError| {
            let code = serde_json::to_value(e.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            write(
                session,
                row(&context, server.clone(), None, source),
                ActionOutcome::Refused,
                format!("{} {}", e.message, e.hint).trim(),
                code.as_deref(),
            );
            Err(e)
        };
        let Some((id, conn)) = connection.clone() else {
            return refuse(no_cluster());
        };
        let confirmed = confirmation.and_then(|t| session.clusters().applies.take(t));
        let Some(confirmed) = confirmed else {
            let what = if confirmation.is_none() {
                "has not been confirmed"
            } else {
                "has no valid confirmation"
            };
            return refuse(AppError::new(
                ErrorCode::ClusterActionNotConfirmed,
                format!("Not applied: applying {source} {what}"),
                "Preview the apply, read what it changes, and confirm it there.",
            ));
        };
        if confirmed.source != source
            || confirmed.connection != id
            || confirmed.issued.elapsed() >= super::super::PREVIEW_VALID_FOR
        {
            return refuse(AppError::new(
                ErrorCode::ClusterActionNotConfirmed,
                "Not applied: the confirmation is for another file, another connection, or has expired",
                "Preview the apply again and confirm the new preview.",
            ));
        }
        // The cluster must still answer the dry run the user read.
        match plan(session, &conn, source, &confirmed.text) {
            Ok(now) if now == confirmed.objects => {}
            Ok(now) => {
                return refuse(AppError::new(
                    ErrorCode::ClusterActionNotConfirmed,
                    format!(
                        "Not applied: the cluster changed since the preview (it would now be: {})",
                        apply_summary(&now)
                    ),
                    "Read the new preview and confirm it if it is still what you want.",
                ))
            }
            Err(e) => return refuse(e),
        }
        let manifests = match apply::parse(source, &confirmed.text) {
            Ok(m) => m,
            Err(e) => return refuse(to_app(e)),
        };
        let result = match session
            .clusters()
            .live
            .block_on(apply::apply(&conn, &manifests))
        {
            Ok(r) => r,
            Err(e) => return refuse(e),
        };
        let previewed = |a: &apply::Applied| {
            confirmed
                .objects
                .iter()
                .find(|o| o.document as usize == a.object.document)
                .cloned()
                .unwrap_or_else(|| dto(&a.object))
        };
        let mut ids = Vec::new();
        let (done, failure) = match result {
            Ok(done) => (done, None),
            Err((done, e)) => (done, Some(e)),
        };
        for a in &done {
            let o = previewed(a);
            let mut r = row(&context, server.clone(), Some(&o), source);
            let verb = match o.outcome {
                ClusterApplyOutcome::Created => "created",
                ClusterApplyOutcome::Changed => "changed",
                ClusterApplyOutcome::Unchanged => "unchanged",
            };
            r.summary = format!("Apply {} {} from {source} ({verb})", o.kind, o.name);
            let message = if o.changes.is_empty() {
                format!("{} {verb}.", a.object.describe())
            } else {
                format!("{} {verb}: {}", a.object.describe(), o.changes.join("; "))
            };
            ids.push(write(session, r, ActionOutcome::Succeeded, &message, None));
        }
        if let Some(e) = failure {
            let failed = confirmed.objects.get(done.len());
            let mut r = row(&context, server.clone(), failed, source);
            r.summary = format!("Apply {source}");
            write(
                session,
                r,
                ActionOutcome::Failed,
                &format!("{} {}", e.message, e.hint),
                Some(e.code.as_str()),
            );
            let applied = if done.is_empty() {
                "Nothing was applied".to_string()
            } else {
                format!(
                    "{} of {} objects were applied before it",
                    done.len(),
                    confirmed.objects.len()
                )
            };
            return Err(AppError::new(
                ErrorCode::ClusterActionFailed,
                format!("{} ({applied}).", e.message.trim_end_matches('.')),
                e.hint,
            ));
        }
        let n = done.len();
        Ok(ClusterApplyDone {
            message: format!(
                "Applied {source} to {}: {} ({n} object{}).",
                conn.context,
                apply_summary(&confirmed.objects),
                if n == 1 { "" } else { "s" }
            ),
            audit_ids: ids,
        })
    }
}
