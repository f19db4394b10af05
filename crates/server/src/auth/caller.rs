//! The `Caller` extractor: `Authorization: Bearer orbis_…` → the account behind it, after
//! the token's expiry, revocation and the per-token rate limit are checked.

use super::{token, Role};
use crate::db::Value;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub username: String,
    pub org_id: String,
    pub org_admin: bool,
    pub token_id: String,
    /// `session` or `api`.
    pub token_kind: String,
    /// The most this token may do, whatever the account's roles.
    pub max_role: Role,
    /// Workspaces an API token is limited to (`None`: all the account's).
    pub scope: Option<Vec<String>>,
}

impl Caller {
    pub fn is_session(&self) -> bool {
        self.token_kind == "session"
    }

    /// Organization administration: an org admin through a session or an admin-scoped token.
    pub fn require_org_admin(&self) -> Result<(), ApiError> {
        if self.org_admin && self.max_role == Role::Admin && self.scope.is_none() {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "role.org_admin_required",
                "this needs an organization administrator",
                "ask an administrator of your organization",
            ))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| ApiError::unauthorized("auth.missing", "no bearer token"))?;
        let bearer = header
            .strip_prefix("Bearer ")
            .ok_or_else(|| ApiError::unauthorized("auth.malformed", "expected `Bearer <token>`"))?;
        let (id, secret) = token::parse(bearer.trim())
            .ok_or_else(|| ApiError::unauthorized("auth.malformed", "not an orbis token"))?;
        let mut tx = state.db.read().await?;
        let row = tx
            .query_opt(
                "SELECT t.secret_hash, t.kind, t.max_role, t.workspaces, t.expires_at,
                        t.revoked_at, u.id, u.username, u.org_id, u.org_admin, u.disabled
                 FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1",
                &[Value::from(id)],
            )
            .await?;
        drop(tx);
        let invalid = || ApiError::unauthorized("auth.invalid", "unknown or wrong token");
        let row = row.ok_or_else(invalid)?;
        if !token::constant_time_eq(&row.text(0)?, &token::hash_secret(secret)) {
            return Err(invalid());
        }
        if row.opt_int(5)?.is_some() {
            return Err(ApiError::unauthorized(
                "auth.token_revoked",
                "this token was revoked",
            ));
        }
        if row.int(4)? <= crate::now_ms() {
            return Err(ApiError::unauthorized(
                "auth.token_expired",
                "this token has expired",
            ));
        }
        if row.int(10)? != 0 {
            return Err(ApiError::unauthorized(
                "auth.account_disabled",
                "this account is disabled",
            ));
        }
        state.limiter.check(id)?;
        let scope = match row.opt_text(3)? {
            Some(json) => Some(
                serde_json::from_str(&json)
                    .map_err(|e| ApiError::internal("server.token_scope", &e))?,
            ),
            None => None,
        };
        Ok(Caller {
            token_kind: row.text(1)?,
            max_role: Role::parse(&row.text(2)?).unwrap_or(Role::Viewer),
            scope,
            user_id: row.text(6)?,
            username: row.text(7)?,
            org_id: row.text(8)?,
            org_admin: row.int(9)? != 0,
            token_id: id.to_string(),
        })
    }
}
