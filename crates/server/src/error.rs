//! The one error type that leaves the server: `{code, message, hint}` with an HTTP status
//! (Architecture Invariant: errors that reach a person carry a stable code, a message and a
//! hint). Internal causes are logged by code only, never echoed with their details, so a
//! database message can never carry a secret to a client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub use orbis_sync::ErrorBody;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// Seconds for a `Retry-After` header (rate limiting).
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            status,
            body: ErrorBody {
                code: code.into(),
                message: message.into(),
                hint: hint.into(),
            },
            retry_after: None,
        }
    }

    pub fn bad_request(code: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message, hint)
    }

    pub fn unauthorized(code: &str, message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            code,
            message,
            "sign in again (POST /v1/sessions) or use a valid API token",
        )
    }

    pub fn forbidden(code: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message, hint)
    }

    /// Used for ids the caller may not see as well as ids that do not exist, so a tenant
    /// cannot probe another tenant's ids.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            &format!("{what}.not_found"),
            format!("no such {what}"),
            "check the id, and that your account or token has access to it",
        )
    }

    pub fn conflict(code: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message, hint)
    }

    /// A server-side failure: the cause goes to the log under `code`, not to the client.
    pub fn internal(code: &str, cause: &dyn std::fmt::Display) -> Self {
        crate::log::line(&format!("error {code}: {cause}"));
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            code,
            "the server could not complete the request",
            "retry later; if it persists, the server log names the cause under this code",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(e: crate::db::DbError) -> Self {
        ApiError::internal("server.database", &e)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
