//! `GET /v1/workspaces/{id}/governance`: what is in force for one workspace — its budget
//! (its own, else the organization's default) and the organization's policy packs — for any
//! member of it. Desktops ask on every sync with the revision they hold (`If-None-Match`);
//! an unchanged set answers 304 without a body, so a 30-second sync costs a few bytes.

use super::ApiPath;
use crate::auth::{Caller, Role};
use crate::error::{ApiResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sha2::{Digest, Sha256};

pub use orbis_sync::Governance;

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/governance", tag = "governance",
    params(("workspace_id" = String, Path),
           ("If-None-Match" = Option<String>, Header, description = "a revision held")),
    responses((status = 200, body = Governance), (status = 304, description = "unchanged"),
              (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(workspace_id): ApiPath<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let mut tx = state.db.read().await?;
    let access = caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    let budget = super::budgets::in_force(&mut tx, &access.org_id, &workspace_id).await?;
    let policy_packs = super::policy_packs::in_force(&mut tx, &access.org_id).await?;
    drop(tx);
    let revision = {
        let packs: Vec<_> = policy_packs
            .iter()
            .map(|p| json!([p.name, p.version, p.sha256]))
            .collect();
        let b = budget
            .as_ref()
            .map(|b| json!([b.scope, b.monthly_limit, b.warn_percent, b.published_at]));
        hex::encode(&Sha256::digest(json!([b, packs]).to_string().as_bytes())[..16])
    };
    let etag = format!("\"{revision}\"");
    let known = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let etag_header = HeaderValue::from_str(&etag).ok();
    let mut response = if known {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Json(Governance {
            workspace_id,
            revision,
            budget,
            policy_packs,
        })
        .into_response()
    };
    if let Some(v) = etag_header {
        response.headers_mut().insert(header::ETAG, v);
    }
    Ok(response)
}
