//! Self-service requests (issue 13): a requester (operator or above) asks for a catalog
//! module with its variables for an environment; an approver who is not the requester
//! approves or rejects it with a comment; an operator's app reports the plan (its hash is
//! what the approver approves next, through an ordinary approval record) and the apply.
//! `applied` is accepted only when the workspace holds an approval of the request's plan
//! hash for its environment — the same rule an apply run follows.
//!
//! Every step is one write transaction that updates the request, appends a `request` entry
//! to the workspace's feed (so pulls and the event stream carry the new state) and an entry
//! to the audit chain. Creating is idempotent by the client's id; a decision or a progress
//! report that repeats the current state answers the request unchanged (a retry).

use super::{ApiJson, ApiPath, ApiQuery};
use crate::audit::{self, Entry};
use crate::auth::{Caller, Role};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::records::{valid_id, RecordKind, MAX_TEXT};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use orbis_sync::RecordView;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

pub use orbis_sync::{
    DecideRequest, NewRequest, RequestDecision, RequestEvent, RequestList, RequestProgress,
    RequestStatus, RequestView,
};

const MAX_VARIABLES_BYTES: usize = 64 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
pub struct RequestsQuery {
    /// Only requests in this status (`requested`, `approved`, …).
    #[serde(default)]
    pub status: Option<String>,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::bad_request(
        "request.invalid",
        message,
        "see /openapi.json for the shape of a request",
    )
}

fn valid_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn check_new(req: &NewRequest) -> ApiResult<()> {
    if !valid_id(&req.id) {
        return Err(invalid("ids are 1–64 of A-Za-z0-9-_."));
    }
    let module_ok = req.module.split_once('/').is_some_and(|(cloud, name)| {
        !cloud.is_empty()
            && !name.is_empty()
            && req
                .module
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'/')
            && req.module.len() <= 128
    });
    if !module_ok {
        return Err(invalid(
            "module must be a catalog id `<cloud>/<name>` (e.g. aws/s3-bucket)",
        ));
    }
    if req.module_version.is_empty() || req.module_version.len() > 64 {
        return Err(invalid("module_version must be 1–64 characters"));
    }
    if req.environment.trim().is_empty() || req.environment.len() > 128 {
        return Err(invalid("environment must be 1–128 characters"));
    }
    if !req.variables.is_object() || req.variables.to_string().len() > MAX_VARIABLES_BYTES {
        return Err(invalid(format!(
            "variables must be a JSON object of at most {MAX_VARIABLES_BYTES} bytes"
        )));
    }
    if req.reason.trim().is_empty() || req.reason.len() > MAX_TEXT {
        return Err(invalid(format!("reason must be 1–{MAX_TEXT} bytes")));
    }
    Ok(())
}

async fn load(tx: &mut Tx, workspace_id: &str, id: &str) -> ApiResult<Option<RequestView>> {
    let row = tx
        .query_opt(
            "SELECT body FROM requests WHERE workspace_id = $1 AND id = $2",
            &[workspace_id.into(), id.into()],
        )
        .await?;
    match row {
        None => Ok(None),
        Some(r) => serde_json::from_str(&r.text(0)?)
            .map(Some)
            .map_err(|e| ApiError::internal("server.stored_request", &e)),
    }
}

/// Writes the request's new state, its feed entry and its audit entry (in `tx`).
async fn save(
    tx: &mut Tx,
    org_id: &str,
    actor: &str,
    action: &str,
    view: &RequestView,
    created: bool,
) -> ApiResult<()> {
    let body = serde_json::to_string(view).unwrap_or_default();
    if created {
        tx.execute(
            "INSERT INTO requests (workspace_id, id, status, requester_id, body, created_at,
                                   updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            &[
                view.workspace_id.as_str().into(),
                view.id.as_str().into(),
                view.status.as_str().into(),
                view.requester_id.as_str().into(),
                body.into(),
                view.created_at.into(),
            ],
        )
        .await?;
    } else {
        tx.execute(
            "UPDATE requests SET status = $3, body = $4, updated_at = $5
             WHERE workspace_id = $1 AND id = $2",
            &[
                view.workspace_id.as_str().into(),
                view.id.as_str().into(),
                view.status.as_str().into(),
                body.into(),
                view.updated_at.into(),
            ],
        )
        .await?;
    }
    let record = RecordView {
        id: view.id.clone(),
        kind: RecordKind::Request,
        workspace_id: view.workspace_id.clone(),
        author_id: view.requester_id.clone(),
        created_at: view.created_at,
        updated_at: view.updated_at,
        body: serde_json::to_value(view).unwrap_or_default(),
    };
    tx.execute(
        "INSERT INTO feed (workspace_id, record_id, kind, record, at) VALUES ($1, $2, $3, $4, $5)",
        &[
            view.workspace_id.as_str().into(),
            view.id.as_str().into(),
            RecordKind::Request.as_str().into(),
            serde_json::to_string(&record).unwrap_or_default().into(),
            view.updated_at.into(),
        ],
    )
    .await?;
    // Variables stay out of the audit detail: the chain names what happened, the request
    // holds the values.
    audit::append(
        tx,
        Entry {
            org_id: Some(org_id),
            actor,
            action,
            target: &format!("{}/{}", view.workspace_id, view.id),
            detail: json!({
                "module": view.module, "module_version": view.module_version,
                "environment": view.environment, "status": view.status,
                "plan_sha256": view.plan_sha256, "run_id": view.run_id,
            }),
        },
    )
    .await?;
    Ok(())
}

#[utoipa::path(post, path = "/v1/workspaces/{workspace_id}/requests", tag = "requests",
    params(("workspace_id" = String, Path)), request_body = NewRequest,
    responses((status = 200, body = RequestView), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(workspace_id): ApiPath<String>,
    ApiJson(req): ApiJson<NewRequest>,
) -> ApiResult<Json<RequestView>> {
    check_new(&req)?;
    let mut tx = state.db.write().await?;
    let access = caller
        .require(&mut tx, &workspace_id, Role::Operator)
        .await?;
    if let Some(existing) = load(&mut tx, &workspace_id, &req.id).await? {
        let same = existing.module == req.module
            && existing.module_version == req.module_version
            && existing.environment == req.environment
            && existing.variables == req.variables
            && existing.reason == req.reason
            && existing.requester_id == caller.user_id;
        if same {
            return Ok(Json(existing));
        }
        return Err(ApiError::conflict(
            "request.id_conflict",
            "a different request has this id already",
            "generate a new id for a new request",
        ));
    }
    let now = crate::now_ms();
    let view = RequestView {
        id: req.id,
        workspace_id: workspace_id.clone(),
        module: req.module,
        module_version: req.module_version,
        environment: req.environment,
        variables: req.variables,
        reason: req.reason,
        status: RequestStatus::Requested,
        requester_id: caller.user_id.clone(),
        requester_name: caller.username.clone(),
        decided_by: None,
        decided_by_name: None,
        decision_comment: None,
        run_id: None,
        plan_sha256: None,
        history: vec![RequestEvent {
            status: RequestStatus::Requested,
            actor_id: caller.user_id.clone(),
            actor_name: caller.username.clone(),
            at: now,
            comment: None,
        }],
        created_at: now,
        updated_at: now,
    };
    save(
        &mut tx,
        &access.org_id,
        &caller.user_id,
        "request.create",
        &view,
        true,
    )
    .await?;
    tx.commit().await?;
    state.feed_changed.notify_waiters();
    state.notifier.request_changed(&caller.username, &view);
    Ok(Json(view))
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/requests", tag = "requests",
    params(("workspace_id" = String, Path), RequestsQuery),
    responses((status = 200, body = RequestList), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(workspace_id): ApiPath<String>,
    ApiQuery(q): ApiQuery<RequestsQuery>,
) -> ApiResult<Json<RequestList>> {
    let mut tx = state.db.read().await?;
    caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    let rows = match &q.status {
        Some(status) => {
            tx.query(
                "SELECT body FROM requests WHERE workspace_id = $1 AND status = $2
                 ORDER BY created_at DESC, id LIMIT 500",
                &[workspace_id.as_str().into(), status.as_str().into()],
            )
            .await?
        }
        None => {
            tx.query(
                "SELECT body FROM requests WHERE workspace_id = $1
                 ORDER BY created_at DESC, id LIMIT 500",
                &[workspace_id.as_str().into()],
            )
            .await?
        }
    };
    let requests = rows
        .iter()
        .map(|r| {
            serde_json::from_str(&r.text(0)?)
                .map_err(|e| ApiError::internal("server.stored_request", &e))
        })
        .collect::<ApiResult<Vec<RequestView>>>()?;
    Ok(Json(RequestList { requests }))
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/requests/{request_id}",
    tag = "requests",
    params(("workspace_id" = String, Path), ("request_id" = String, Path)),
    responses((status = 200, body = RequestView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((workspace_id, id)): ApiPath<(String, String)>,
) -> ApiResult<Json<RequestView>> {
    let mut tx = state.db.read().await?;
    caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    load(&mut tx, &workspace_id, &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("request"))
}

fn wrong_state(view: &RequestView, wanted: &str) -> ApiError {
    ApiError::conflict(
        "request.wrong_state",
        format!(
            "the request is {}: it cannot be {wanted}",
            view.status.as_str()
        ),
        "reload the request; its status changed or this step does not follow it",
    )
}

#[utoipa::path(post, path = "/v1/workspaces/{workspace_id}/requests/{request_id}/decision",
    tag = "requests",
    params(("workspace_id" = String, Path), ("request_id" = String, Path)),
    request_body = DecideRequest,
    responses((status = 200, body = RequestView), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((workspace_id, id)): ApiPath<(String, String)>,
    ApiJson(req): ApiJson<DecideRequest>,
) -> ApiResult<Json<RequestView>> {
    if req.comment.as_deref().unwrap_or("").len() > MAX_TEXT {
        return Err(invalid("comment is too long"));
    }
    let mut tx = state.db.write().await?;
    let access = caller
        .require(&mut tx, &workspace_id, Role::Approver)
        .await?;
    let mut view = load(&mut tx, &workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("request"))?;
    if view.requester_id == caller.user_id {
        return Err(ApiError::forbidden(
            "request.own_request",
            "you cannot decide on your own request",
            "ask another approver of the workspace",
        ));
    }
    let to = match req.decision {
        RequestDecision::Approve => RequestStatus::Approved,
        RequestDecision::Reject => RequestStatus::Rejected,
    };
    if view.status != RequestStatus::Requested {
        // The same decision by the same approver again: a retry, answered as it stands.
        if view.status == to && view.decided_by.as_deref() == Some(caller.user_id.as_str()) {
            return Ok(Json(view));
        }
        return Err(wrong_state(&view, to.as_str()));
    }
    let now = crate::now_ms();
    let comment = req.comment.filter(|c| !c.trim().is_empty());
    view.status = to;
    view.decided_by = Some(caller.user_id.clone());
    view.decided_by_name = Some(caller.username.clone());
    view.decision_comment = comment.clone();
    view.updated_at = now;
    view.history.push(RequestEvent {
        status: to,
        actor_id: caller.user_id.clone(),
        actor_name: caller.username.clone(),
        at: now,
        comment,
    });
    let action = match to {
        RequestStatus::Approved => "request.approve",
        _ => "request.reject",
    };
    save(
        &mut tx,
        &access.org_id,
        &caller.user_id,
        action,
        &view,
        false,
    )
    .await?;
    tx.commit().await?;
    state.feed_changed.notify_waiters();
    state.notifier.request_changed(&caller.username, &view);
    Ok(Json(view))
}

#[utoipa::path(post, path = "/v1/workspaces/{workspace_id}/requests/{request_id}/progress",
    tag = "requests",
    params(("workspace_id" = String, Path), ("request_id" = String, Path)),
    request_body = RequestProgress,
    responses((status = 200, body = RequestView), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((workspace_id, id)): ApiPath<(String, String)>,
    ApiJson(req): ApiJson<RequestProgress>,
) -> ApiResult<Json<RequestView>> {
    if !matches!(
        req.status,
        RequestStatus::Planned | RequestStatus::Applied | RequestStatus::Failed
    ) {
        return Err(invalid(
            "progress is `planned`, `applied` or `failed` (decisions go to /decision)",
        ));
    }
    if let Some(run) = &req.run_id {
        if !valid_id(run) {
            return Err(invalid("run_id is not a valid id"));
        }
    }
    if let Some(h) = &req.plan_sha256 {
        if !valid_sha256(h) {
            return Err(invalid("plan_sha256 must be 64 lowercase hex digits"));
        }
    }
    if req.status == RequestStatus::Planned && req.plan_sha256.is_none() {
        return Err(invalid("a planned request needs the plan's plan_sha256"));
    }
    if req.message.as_deref().unwrap_or("").len() > MAX_TEXT {
        return Err(invalid("message is too long"));
    }
    let mut tx = state.db.write().await?;
    let access = caller
        .require(&mut tx, &workspace_id, Role::Operator)
        .await?;
    let mut view = load(&mut tx, &workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("request"))?;
    let plan = req.plan_sha256.clone().or_else(|| view.plan_sha256.clone());
    // The state as it stands again (same status, plan and run): a retry.
    let repeat = view.status == req.status
        && view.plan_sha256 == plan
        && req
            .run_id
            .as_ref()
            .is_none_or(|r| view.run_id.as_ref() == Some(r));
    if repeat {
        return Ok(Json(view));
    }
    if !view.status.may_progress_to(req.status) {
        return Err(wrong_state(&view, req.status.as_str()));
    }
    if req.status == RequestStatus::Applied {
        // The apply must be of the plan reported for the request (the one its approver saw).
        if req.plan_sha256.is_some() && req.plan_sha256 != view.plan_sha256 {
            return Err(ApiError::conflict(
                "approval.plan_mismatch",
                "the apply is of another plan than the one reported for this request",
                "report the new plan first (`planned` with its sha256) and have it approved",
            ));
        }
        let plan = plan.as_deref().unwrap_or("");
        let approved =
            super::sync::approval_for(&mut tx, &workspace_id, plan, &view.environment).await?;
        if approved.is_none() {
            return Err(ApiError::conflict(
                "approval.plan_mismatch",
                "no approval of this request's plan for its environment",
                "an approver approves the plan (its sha256) first; apply exactly that plan",
            ));
        }
    }
    let now = crate::now_ms();
    view.status = req.status;
    view.plan_sha256 = plan;
    if req.run_id.is_some() {
        view.run_id = req.run_id;
    }
    view.updated_at = now;
    view.history.push(RequestEvent {
        status: req.status,
        actor_id: caller.user_id.clone(),
        actor_name: caller.username.clone(),
        at: now,
        comment: req.message.filter(|m| !m.trim().is_empty()),
    });
    let action = format!("request.{}", req.status.as_str());
    save(
        &mut tx,
        &access.org_id,
        &caller.user_id,
        &action,
        &view,
        false,
    )
    .await?;
    tx.commit().await?;
    state.feed_changed.notify_waiters();
    state.notifier.request_changed(&caller.username, &view);
    Ok(Json(view))
}
