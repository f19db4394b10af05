//! The HTTP API (`/v1/…`), its JSON extractors (every rejection becomes `{code, message,
//! hint}`), the request log and the router.

pub mod accounts;
pub mod budgets;
pub mod events;
pub mod governance;
pub mod health;
pub mod oidc;
pub mod openapi;
pub mod policy_packs;
pub mod requests;
pub mod sync;

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post, put};
use axum::Router;
use serde::de::DeserializeOwned;

/// `Json<T>` whose rejections (bad JSON, wrong type, too large, not JSON) are API errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: axum::extract::rejection::JsonRejection) -> ApiError {
    let status = r.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            status,
            "request.too_large",
            "the request body is over the server's limit",
            "push fewer records per request (the server's --max-body-bytes sets the limit)",
        );
    }
    if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        return ApiError::new(
            status,
            "request.not_json",
            "the request body must be JSON",
            "send `Content-Type: application/json`",
        );
    }
    ApiError::bad_request(
        "request.invalid_json",
        format!(
            "the request body is not what this endpoint takes: {}",
            r.body_text()
        ),
        "see /openapi.json for the expected shape",
    )
}

/// `Query<T>` with API-error rejections.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| {
                ApiError::bad_request(
                    "request.invalid_query",
                    format!("bad query string: {}", e.body_text()),
                    "see /openapi.json for the parameters",
                )
            })
    }
}

/// `Path<T>` with API-error rejections (e.g. an id that is not valid UTF-8 once decoded).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e| {
                ApiError::bad_request(
                    "request.invalid_path",
                    format!("bad path: {}", e.body_text()),
                    "ids are plain ASCII; see /openapi.json",
                )
            })
    }
}

/// One line per request: method, path (ids only; the query string is not logged), status, ms.
async fn log_requests(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let start = std::time::Instant::now();
    let response = next.run(req).await;
    crate::log::line(&format!(
        "{method} {path} {} {} ms",
        response.status().as_u16(),
        start.elapsed().as_millis()
    ));
    response
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "route.not_found",
        "no such endpoint",
        "see /openapi.json for the endpoints",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "route.method_not_allowed",
        "this endpoint does not take that method",
        "see /openapi.json for the endpoints",
    )
}

pub fn router(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/openapi.json", get(openapi::serve))
        .route("/v1/sessions", post(accounts::login))
        .route("/v1/sessions/current", delete(accounts::logout))
        .route("/v1/auth/oidc", get(oidc::config))
        .route("/v1/sessions/oidc", post(oidc::sign_in))
        .route("/v1/me", get(accounts::me))
        .route("/v1/tokens", post(accounts::create_token))
        .route("/v1/tokens/{token_id}", delete(accounts::revoke_token))
        .route("/v1/users", post(accounts::create_user))
        .route("/v1/teams", post(accounts::create_team))
        .route(
            "/v1/workspaces",
            post(accounts::create_workspace).get(accounts::list_workspaces),
        )
        .route(
            "/v1/workspaces/{workspace_id}",
            get(accounts::get_workspace).patch(accounts::update_workspace),
        )
        .route("/v1/audit", get(accounts::list_audit))
        .route(
            "/v1/workspaces/{workspace_id}/members/{user_id}",
            put(accounts::grant).delete(accounts::revoke_grant),
        )
        .route("/v1/workspaces/{workspace_id}/records", post(sync::push))
        .route(
            "/v1/workspaces/{workspace_id}/records/{record_id}",
            get(sync::get_record),
        )
        .route("/v1/workspaces/{workspace_id}/changes", get(sync::pull))
        .route(
            "/v1/workspaces/{workspace_id}/apply-check",
            post(sync::apply_check),
        )
        .route("/v1/workspaces/{workspace_id}/events", get(events::stream))
        .route(
            "/v1/workspaces/{workspace_id}/requests",
            post(requests::create).get(requests::list),
        )
        .route(
            "/v1/workspaces/{workspace_id}/requests/{request_id}",
            get(requests::get),
        )
        .route(
            "/v1/workspaces/{workspace_id}/requests/{request_id}/decision",
            post(requests::decide),
        )
        .route(
            "/v1/workspaces/{workspace_id}/requests/{request_id}/progress",
            post(requests::progress),
        )
        .route("/v1/budgets", get(budgets::list))
        .route(
            "/v1/budgets/{scope}",
            put(budgets::publish).delete(budgets::remove),
        )
        .route(
            "/v1/policy-packs",
            post(policy_packs::publish).get(policy_packs::list),
        )
        .route("/v1/policy-packs/{name}", delete(policy_packs::retire))
        .route(
            "/v1/workspaces/{workspace_id}/governance",
            get(governance::get),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}
