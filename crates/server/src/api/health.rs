//! `GET /healthz`: 200 once the database answers (migrations ran before the listener opened).

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub schema_version: i64,
}

#[utoipa::path(get, path = "/healthz", tag = "server",
    responses((status = 200, body = Health), (status = 500, body = ErrorBody)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let mut tx = state.db.read().await?;
    let version = tx
        .query_opt("SELECT MAX(version) FROM schema_migrations", &[])
        .await?
        .and_then(|r| r.opt_int(0).ok().flatten())
        .unwrap_or(0);
    Ok(Json(Health {
        status: "ok".into(),
        database: state.db.kind().into(),
        schema_version: version,
    }))
}
