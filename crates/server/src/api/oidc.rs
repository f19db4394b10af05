//! Sign-in with OpenID Connect: `GET /v1/auth/oidc` (which provider) and
//! `POST /v1/sessions/oidc` (an ID token → a session, the same kind a password sign-in
//! gives).
//!
//! Which account an identity signs in to:
//! 1. an identity (issuer + `sub`) already bound to an account signs in to that account —
//!    whatever its e-mail says today, so a changed or recycled address cannot take over
//!    another account;
//! 2. otherwise its e-mail address, when the provider says it is verified, is compared
//!    (case-insensitively) with the account names of the organization: the admin creates
//!    the account named after the address (`POST /v1/users`, password optional), and the
//!    first sign-in binds the identity to it. An account already bound to another subject
//!    of the same issuer is not taken;
//! 3. anything else is refused (`oidc.unknown_user`): no account is ever created by a
//!    sign-in.
//!
//! The organization may be left out when the identity matches accounts in one organization
//! only. Each ID token is accepted once (its hash is kept until it expires), so a token
//! seen in transit cannot open a second session. Sign-ins and bindings are audited.

use super::accounts::insert_token;
use super::ApiJson;
use crate::audit::{self, Entry};
use crate::auth::Role;
use crate::db::{DbError, Row, Tx};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::oidc::IdClaims;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use orbis_sync::oidc::{OidcConfigResponse, OidcLoginRequest, OidcSessionResponse};
use serde_json::json;
use sha2::{Digest, Sha256};

fn not_configured() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "oidc.not_configured",
        "this team server does not offer single sign-on",
        "sign in with your account and password, or ask the server's admin to start it with \
         --oidc-issuer and --oidc-client-id",
    )
}

#[utoipa::path(get, path = "/v1/auth/oidc", tag = "accounts", operation_id = "oidc_config", security(()),
    responses((status = 200, body = OidcConfigResponse), (status = 404, body = ErrorBody)))]
pub async fn config(State(state): State<AppState>) -> ApiResult<Json<OidcConfigResponse>> {
    let verifier = state.oidc.as_ref().ok_or_else(not_configured)?;
    Ok(Json(verifier.settings.public()))
}

/// An account the identity may sign in to.
struct Account {
    user_id: String,
    org_id: String,
    org: String,
    username: String,
    disabled: bool,
}

fn account(r: &Row) -> Result<Account, DbError> {
    Ok(Account {
        user_id: r.text(0)?,
        org_id: r.text(1)?,
        org: r.text(2)?,
        username: r.text(3)?,
        disabled: r.int(4)? != 0,
    })
}

fn ambiguous() -> ApiError {
    ApiError::bad_request(
        "oidc.org_ambiguous",
        "this identity has accounts in several organizations",
        "fill in the organization to sign in to",
    )
}

#[utoipa::path(post, path = "/v1/sessions/oidc", tag = "accounts", operation_id = "oidc_sign_in",
    security(()),
    request_body = OidcLoginRequest,
    responses((status = 200, body = OidcSessionResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<OidcLoginRequest>,
) -> ApiResult<Json<OidcSessionResponse>> {
    let verifier = state.oidc.as_ref().ok_or_else(not_configured)?;
    let claims = match verifier.verify(&req.id_token, &req.nonce).await {
        Ok(c) => c,
        Err(e) => {
            crate::log::line(&format!("oidc sign-in refused: {}", e.body.code));
            return Err(e);
        }
    };
    let org = req.org.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let mut tx = state.db.write().await?;
    spend_token(&mut tx, &req.id_token, claims.exp).await?;
    let (account, bound_now) = find_account(&mut tx, &claims, org).await?;
    if account.disabled {
        return Err(ApiError::unauthorized(
            "auth.account_disabled",
            "this account is disabled",
        ));
    }
    let now = crate::now_ms();
    if bound_now {
        tx.execute(
            "INSERT INTO oidc_identities (org_id, issuer, subject, user_id, created_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                account.org_id.as_str().into(),
                claims.iss.as_str().into(),
                claims.sub.as_str().into(),
                account.user_id.as_str().into(),
                now.into(),
            ],
        )
        .await?;
        audit::append(
            &mut tx,
            Entry {
                org_id: Some(&account.org_id),
                actor: &account.user_id,
                action: "oidc.bind",
                target: &account.user_id,
                detail: json!({"issuer": claims.iss, "subject": claims.sub}),
            },
        )
        .await?;
    }
    let expires = now + state.config.session_ttl_ms;
    let t = insert_token(
        &mut tx,
        &account.user_id,
        "session",
        "session",
        Role::Admin,
        None,
        expires,
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&account.org_id),
            actor: &account.user_id,
            action: "session.create",
            target: &t.token_id,
            detail: json!({"method": "oidc", "issuer": claims.iss}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(OidcSessionResponse {
        token: t.token,
        token_id: t.token_id,
        expires_at: t.expires_at,
        org: account.org,
        username: account.username,
    }))
}

/// Records the token as used (until it expires); a second use is refused.
async fn spend_token(tx: &mut Tx, id_token: &str, exp_secs: i64) -> ApiResult<()> {
    let now = crate::now_ms();
    tx.execute(
        "DELETE FROM oidc_used_tokens WHERE expires_at < $1",
        &[now.into()],
    )
    .await?;
    let hash = hex::encode(Sha256::digest(id_token.as_bytes()));
    let keep_until = exp_secs
        .saturating_add(crate::oidc::LEEWAY_SECS as i64)
        .saturating_mul(1000);
    tx.execute(
        "INSERT INTO oidc_used_tokens (token_hash, expires_at) VALUES ($1, $2)",
        &[hash.into(), keep_until.into()],
    )
    .await
    .map_err(|e| {
        if e.is_unique_violation() {
            ApiError::unauthorized(
                "oidc.token_reused",
                "this ID token was used for a sign-in already",
            )
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// The account (and whether the identity gets bound to it now), by the rule in the module
/// comment.
async fn find_account(
    tx: &mut Tx,
    claims: &IdClaims,
    org: Option<&str>,
) -> ApiResult<(Account, bool)> {
    let bound = tx
        .query(
            "SELECT u.id, u.org_id, o.name, u.username, u.disabled FROM oidc_identities i
             JOIN users u ON u.id = i.user_id JOIN orgs o ON o.id = u.org_id
             WHERE i.issuer = $1 AND i.subject = $2 AND ($3 = '' OR o.name = $3)",
            &[
                claims.iss.as_str().into(),
                claims.sub.as_str().into(),
                org.unwrap_or("").into(),
            ],
        )
        .await?;
    match bound.len() {
        0 => {}
        1 => return Ok((account(&bound[0])?, false)),
        _ => return Err(ambiguous()),
    }
    let Some(email) = claims.verified_email() else {
        let (code, message) = if claims.email.is_some() {
            (
                "oidc.email_unverified",
                "your identity provider has not verified your e-mail address",
            )
        } else {
            (
                "oidc.no_email",
                "your identity provider did not tell the server your e-mail address",
            )
        };
        return Err(ApiError::forbidden(
            code,
            message,
            "accounts are matched by verified e-mail on the first sign-in; ask your admin \
             (the provider must send `email` and `email_verified` with the `email` scope)",
        ));
    };
    let candidates = tx
        .query(
            "SELECT u.id, u.org_id, o.name, u.username, u.disabled FROM users u
             JOIN orgs o ON o.id = u.org_id
             WHERE LOWER(u.username) = $1 AND ($2 = '' OR o.name = $2)
               AND NOT EXISTS (SELECT 1 FROM oidc_identities i
                               WHERE i.user_id = u.id AND i.issuer = $3)",
            &[
                email.as_str().into(),
                org.unwrap_or("").into(),
                claims.iss.as_str().into(),
            ],
        )
        .await?;
    match candidates.len() {
        1 => Ok((account(&candidates[0])?, true)),
        0 => Err(ApiError::forbidden(
            "oidc.unknown_user",
            format!(
                "no account on this team server is waiting for {email}{}",
                org.map(|o| format!(" in {o}")).unwrap_or_default()
            ),
            "ask an admin of your organization to add you: an account named after your \
             e-mail address (an account already linked to another identity is not taken)",
        )),
        _ => Err(ambiguous()),
    }
}
