//! Sync: clients push records idempotently (`records.rs` has the rules) and pull the
//! workspace's feed by cursor. A push is one write transaction: when the response arrives,
//! every accepted item is durable; when it does not, the client pushes the same items again
//! and gets `unchanged` for those that had landed.

use super::{ApiJson, ApiQuery};
use crate::audit::{self, Entry};
use crate::auth::{Caller, Role};
use crate::db::{Tx, Value};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::records::{self, Body, Decision, RecordKind, RunStatus};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

pub const MAX_PUSH_ITEMS: usize = 500;
pub const MAX_PULL: u32 = 1000;

pub use orbis_sync::{
    Change, ChangesPage, Outcome, PushItem, PushRequest, PushResponse, PushResult, RecordView,
};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ChangesQuery {
    /// Return changes after this feed position (0: from the start).
    #[serde(default)]
    pub after: i64,
    /// At most this many (default 200, at most 1000).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApplyCheckRequest {
    pub plan_sha256: String,
    pub environment: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApplyCheckResponse {
    /// The approval that allows this apply.
    pub approval_id: String,
}

fn rejected(id: &str, code: &str, message: impl Into<String>) -> PushResult {
    PushResult {
        id: id.to_string(),
        outcome: Outcome::Rejected,
        code: Some(code.into()),
        message: Some(message.into()),
    }
}

fn needed_role(kind: RecordKind) -> Role {
    match kind {
        RecordKind::Run | RecordKind::Comment | RecordKind::Request => Role::Operator,
        RecordKind::Approval => Role::Approver,
    }
}

/// The approval of this exact plan for this environment, if any.
pub(crate) async fn approval_for(
    tx: &mut Tx,
    workspace_id: &str,
    plan_sha256: &str,
    environment: &str,
) -> ApiResult<Option<String>> {
    Ok(tx
        .query_opt(
            "SELECT id FROM records WHERE workspace_id = $1 AND kind = 'approval'
             AND plan_sha256 = $2 AND environment = $3 AND status = 'approved'
             ORDER BY created_at LIMIT 1",
            &[workspace_id.into(), plan_sha256.into(), environment.into()],
        )
        .await?
        .map(|r| r.text(0))
        .transpose()?)
}

#[utoipa::path(post, path = "/v1/workspaces/{workspace_id}/records", tag = "sync",
    params(("workspace_id" = String, Path)), request_body = PushRequest,
    responses((status = 200, body = PushResponse), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 413, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn push(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
    ApiJson(req): ApiJson<PushRequest>,
) -> ApiResult<Json<PushResponse>> {
    if req.items.len() > MAX_PUSH_ITEMS {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "request.too_many_items",
            format!("at most {MAX_PUSH_ITEMS} records per push"),
            "split the outbox into smaller batches",
        ));
    }
    let mut tx = state.db.write().await?;
    let needed = req
        .items
        .iter()
        .map(|i| needed_role(i.kind))
        .max()
        .unwrap_or(Role::Viewer);
    let access = caller.require(&mut tx, &workspace_id, needed).await?;
    let mut results = Vec::with_capacity(req.items.len());
    let mut changed = false;
    for item in &req.items {
        let result = push_one(&mut tx, &caller, &access.org_id, &workspace_id, item).await?;
        changed |= matches!(result.outcome, Outcome::Created | Outcome::Updated);
        results.push(result);
    }
    tx.commit().await?;
    if changed {
        state.feed_changed.notify_waiters();
        for (item, result) in req.items.iter().zip(&results) {
            if matches!(result.outcome, Outcome::Created | Outcome::Updated) {
                state.notifier.record_pushed(
                    &caller.username,
                    &workspace_id,
                    item.kind,
                    &item.body,
                );
            }
        }
    }
    Ok(Json(PushResponse { results }))
}

async fn push_one(
    tx: &mut Tx,
    caller: &Caller,
    org_id: &str,
    workspace_id: &str,
    item: &PushItem,
) -> ApiResult<PushResult> {
    if !records::valid_id(&item.id) {
        return Ok(rejected(
            &item.id,
            "record.invalid_id",
            "ids are 1–64 of A-Za-z0-9-_.",
        ));
    }
    let body = match records::validate(item.kind, &item.body) {
        Ok(b) => b,
        Err(m) => return Ok(rejected(&item.id, "record.invalid", m)),
    };
    let existing = tx
        .query_opt(
            "SELECT kind, body, created_at, author_id FROM records
             WHERE workspace_id = $1 AND id = $2",
            &[workspace_id.into(), item.id.as_str().into()],
        )
        .await?;
    let now = crate::now_ms();
    let json = body.to_json();
    let (plan, env, status) = match &body {
        Body::Run(r) => (
            r.plan_sha256.clone(),
            r.environment.clone(),
            Some(
                serde_json::to_value(r.status)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from)),
            ),
        ),
        Body::Approval(a) => (
            Some(a.plan_sha256.clone()),
            Some(a.environment.clone()),
            Some(Some(match a.decision {
                Decision::Approved => "approved".to_string(),
                Decision::Rejected => "rejected".to_string(),
            })),
        ),
        Body::Comment(_) => (None, None, None),
    };
    let status = status.flatten();
    let (outcome, created_at, author) = match existing {
        None => {
            if let Body::Run(r) = &body {
                if r.command == "apply" {
                    let (p, e) = (
                        r.plan_sha256.as_deref().unwrap_or(""),
                        r.environment.as_deref().unwrap_or(""),
                    );
                    if approval_for(tx, workspace_id, p, e).await?.is_none() {
                        return Ok(rejected(
                            &item.id,
                            "approval.plan_mismatch",
                            format!("no approval of plan {p} for environment {e}: an apply needs the exact plan that was approved"),
                        ));
                    }
                }
            }
            tx.execute(
                "INSERT INTO records (workspace_id, id, kind, plan_sha256, environment, status,
                                      body, author_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                &[
                    workspace_id.into(),
                    item.id.as_str().into(),
                    item.kind.as_str().into(),
                    plan.into(),
                    env.into(),
                    status.into(),
                    json.to_string().into(),
                    caller.user_id.as_str().into(),
                    now.into(),
                ],
            )
            .await?;
            (Outcome::Created, now, caller.user_id.clone())
        }
        Some(row) => {
            let kind = row.text(0)?;
            if kind != item.kind.as_str() {
                return Ok(rejected(
                    &item.id,
                    "record.id_conflict",
                    format!("this id is a {kind} already"),
                ));
            }
            let stored: serde_json::Value = serde_json::from_str(&row.text(1)?).unwrap_or_default();
            if stored == json {
                return Ok(PushResult {
                    id: item.id.clone(),
                    outcome: Outcome::Unchanged,
                    code: None,
                    message: None,
                });
            }
            let Body::Run(new_run) = &body else {
                return Ok(rejected(
                    &item.id,
                    "record.immutable",
                    format!("{kind}s are append-only: push a new record instead of changing one"),
                ));
            };
            let old_run: records::RunBody = match serde_json::from_value(stored) {
                Ok(r) => r,
                Err(e) => return Err(ApiError::internal("server.stored_record", &e)),
            };
            if old_run.status != RunStatus::Running
                || !records::same_run_identity(&old_run, new_run)
            {
                return Ok(rejected(&item.id, "run.conflict",
                    "this run has a final status already (the first final status wins) or its identity differs"));
            }
            tx.execute(
                "UPDATE records SET body = $3, status = $4, plan_sha256 = $5, updated_at = $6
                 WHERE workspace_id = $1 AND id = $2",
                &[
                    workspace_id.into(),
                    item.id.as_str().into(),
                    json.to_string().into(),
                    status.into(),
                    plan.into(),
                    now.into(),
                ],
            )
            .await?;
            (Outcome::Updated, row.int(2)?, row.text(3)?)
        }
    };
    let view = RecordView {
        id: item.id.clone(),
        kind: item.kind,
        workspace_id: workspace_id.to_string(),
        author_id: author,
        created_at,
        updated_at: now,
        body: json,
    };
    tx.execute(
        "INSERT INTO feed (workspace_id, record_id, kind, record, at) VALUES ($1, $2, $3, $4, $5)",
        &[
            workspace_id.into(),
            item.id.as_str().into(),
            item.kind.as_str().into(),
            serde_json::to_string(&view).unwrap_or_default().into(),
            now.into(),
        ],
    )
    .await?;
    audit::append(
        tx,
        Entry {
            org_id: Some(org_id),
            actor: &caller.user_id,
            action: if outcome == Outcome::Created { "record.create" } else { "record.update" },
            target: &format!("{workspace_id}/{}", item.id),
            detail: json!({"kind": item.kind, "status": view.body.get("status").or(view.body.get("decision"))}),
        },
    )
    .await?;
    Ok(PushResult {
        id: item.id.clone(),
        outcome,
        code: None,
        message: None,
    })
}

/// Reads feed rows of a workspace after `after` (shared with the event stream).
pub async fn changes_after(
    tx: &mut Tx,
    workspace_id: &str,
    after: i64,
    limit: u32,
) -> ApiResult<Vec<Change>> {
    let rows = tx
        .query(
            "SELECT seq, record FROM feed WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[workspace_id.into(), Value::Int(after), Value::Int(limit.into())],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let record = serde_json::from_str(&r.text(1)?)
                .map_err(|e| ApiError::internal("server.stored_record", &e))?;
            Ok(Change {
                seq: r.int(0)?,
                record,
            })
        })
        .collect()
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/changes", tag = "sync",
    params(("workspace_id" = String, Path), ChangesQuery),
    responses((status = 200, body = ChangesPage), (status = 404, body = ErrorBody)))]
pub async fn pull(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
    ApiQuery(q): ApiQuery<ChangesQuery>,
) -> ApiResult<Json<ChangesPage>> {
    let limit = q.limit.unwrap_or(200).clamp(1, MAX_PULL);
    let mut tx = state.db.read().await?;
    caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    let mut changes = changes_after(&mut tx, &workspace_id, q.after.max(0), limit + 1).await?;
    let more = changes.len() > limit as usize;
    changes.truncate(limit as usize);
    let cursor = changes.last().map(|c| c.seq).unwrap_or(q.after.max(0));
    Ok(Json(ChangesPage {
        changes,
        cursor,
        more,
    }))
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/records/{record_id}", tag = "sync",
    params(("workspace_id" = String, Path), ("record_id" = String, Path)),
    responses((status = 200, body = RecordView), (status = 404, body = ErrorBody)))]
pub async fn get_record(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath((workspace_id, record_id)): super::ApiPath<(String, String)>,
) -> ApiResult<Json<RecordView>> {
    let mut tx = state.db.read().await?;
    caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    let r = tx
        .query_opt(
            "SELECT id, kind, author_id, created_at, updated_at, body FROM records
             WHERE workspace_id = $1 AND id = $2",
            &[workspace_id.as_str().into(), record_id.as_str().into()],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("record"))?;
    let kind = RecordKind::parse(&r.text(1)?).unwrap_or(RecordKind::Comment);
    Ok(Json(RecordView {
        id: r.text(0)?,
        kind,
        workspace_id,
        author_id: r.text(2)?,
        created_at: r.int(3)?,
        updated_at: r.int(4)?,
        body: serde_json::from_str(&r.text(5)?).unwrap_or_default(),
    }))
}

#[utoipa::path(post, path = "/v1/workspaces/{workspace_id}/apply-check", tag = "sync",
    params(("workspace_id" = String, Path)), request_body = ApplyCheckRequest,
    responses((status = 200, body = ApplyCheckResponse), (status = 409, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
pub async fn apply_check(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
    ApiJson(req): ApiJson<ApplyCheckRequest>,
) -> ApiResult<Json<ApplyCheckResponse>> {
    let mut tx = state.db.read().await?;
    caller
        .require(&mut tx, &workspace_id, Role::Operator)
        .await?;
    match approval_for(&mut tx, &workspace_id, &req.plan_sha256, &req.environment).await? {
        Some(approval_id) => Ok(Json(ApplyCheckResponse { approval_id })),
        None => Err(ApiError::conflict(
            "approval.plan_mismatch",
            "no approval of this plan for this environment",
            "an apply needs the exact plan (same sha256) that was approved for this environment; ask an approver to review this plan",
        )),
    }
}
