//! Accounts, sessions, API tokens, teams, workspaces and members. Passwords are hashed with
//! argon2id; tokens are returned once and stored as hashes; every change is audited.

use super::{ApiJson, ApiQuery};
use crate::audit::{self, Entry};
use crate::auth::{password, token, Caller, Role};
use crate::db::{Database, DbError, Tx, Value};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

pub use orbis_sync::{LoginRequest, MeResponse, TokenResponse, WorkspaceList, WorkspaceView};

pub const MAX_API_TOKEN_DAYS: u32 = 366;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateTokenRequest {
    pub name: String,
    /// The most the token may do on any workspace.
    pub role: Role,
    /// Limit the token to these workspaces (all of the account's when absent).
    #[serde(default)]
    pub workspaces: Option<Vec<String>>,
    /// 1 to 366 days.
    pub expires_in_days: u32,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    pub username: String,
    /// Left out for an account that signs in only through the server's OIDC provider (named
    /// after the person's e-mail address; see `POST /v1/sessions/oidc`).
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub org_admin: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IdResponse {
    pub id: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateTeamRequest {
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateWorkspaceRequest {
    pub team_id: String,
    pub name: String,
    /// Free-form metadata (repository, folder, environments…), a JSON object.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
}

/// A metadata change. Rule for this mutable record: compare-and-set. The change names the
/// version it was based on; if the workspace changed since, it is refused with
/// `workspace.version_conflict` and the client re-reads, merges and retries — never a silent
/// last-writer-wins.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UpdateWorkspaceRequest {
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    pub version: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: i64,
    /// The acting account's id (or `system`, `cli`…).
    pub actor: String,
    /// The acting account's username, when the actor is an account of the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    pub action: String,
    pub target: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    pub cursor: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    #[serde(default)]
    pub after: i64,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GrantRequest {
    pub role: Role,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct NoParams {}

fn new_id() -> String {
    token::random_hex(16)
}

fn valid_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() || name.len() > 128 || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "request.invalid_name",
            "names are 1–128 printable characters",
            "pick a shorter name without control characters",
        ));
    }
    Ok(())
}

fn check_password(pw: &str) -> Result<(), ApiError> {
    if pw.chars().count() < password::MIN_PASSWORD_LEN || pw.len() > 1024 {
        return Err(ApiError::bad_request(
            "account.weak_password",
            format!(
                "passwords are {} to 1024 characters",
                password::MIN_PASSWORD_LEN
            ),
            "use a longer passphrase",
        ));
    }
    Ok(())
}

fn is_unique_violation(e: &DbError) -> bool {
    e.is_unique_violation()
}

pub(crate) async fn insert_token(
    tx: &mut Tx,
    user_id: &str,
    kind: &str,
    name: &str,
    max_role: Role,
    scope: Option<&[String]>,
    expires_at: i64,
) -> Result<TokenResponse, DbError> {
    let t = token::mint();
    tx.execute(
        "INSERT INTO tokens (id, user_id, kind, name, secret_hash, max_role, workspaces,
                             created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            t.id.clone().into(),
            user_id.into(),
            kind.into(),
            name.into(),
            t.secret_hash.into(),
            max_role.as_str().into(),
            scope
                .map(|s| serde_json::to_string(s).unwrap_or_default())
                .into(),
            crate::now_ms().into(),
            expires_at.into(),
        ],
    )
    .await?;
    Ok(TokenResponse {
        token: t.bearer,
        token_id: t.id,
        expires_at,
    })
}

/// Creates an organization and its first administrator (the `orbis-server org create`
/// command; there is deliberately no unauthenticated HTTP bootstrap).
pub async fn create_org(
    db: &Database,
    name: &str,
    admin: &str,
    pw: &str,
) -> anyhow::Result<String> {
    valid_name(name).map_err(|e| anyhow::anyhow!(e.body.message))?;
    valid_name(admin).map_err(|e| anyhow::anyhow!(e.body.message))?;
    check_password(pw).map_err(|e| anyhow::anyhow!(e.body.message))?;
    let hash = password::hash_async(pw.to_string())
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
    let (org_id, user_id) = (new_id(), new_id());
    let now = crate::now_ms();
    let mut tx = db.write().await?;
    tx.execute(
        "INSERT INTO orgs (id, name, created_at) VALUES ($1, $2, $3)",
        &[org_id.clone().into(), name.into(), now.into()],
    )
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            anyhow::anyhow!("an organization named {name:?} exists already")
        } else {
            e.into()
        }
    })?;
    tx.execute(
        "INSERT INTO users (id, org_id, username, password_hash, org_admin, created_at)
         VALUES ($1, $2, $3, $4, 1, $5)",
        &[
            user_id.clone().into(),
            org_id.clone().into(),
            admin.into(),
            hash.into(),
            now.into(),
        ],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&org_id),
            actor: "cli",
            action: "org.create",
            target: &org_id,
            detail: json!({"name": name, "admin_user_id": user_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(org_id)
}

#[utoipa::path(post, path = "/v1/sessions", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<Json<TokenResponse>> {
    state
        .login_limiter
        .check(&format!("{}\n{}", req.org, req.username))?;
    let mut tx = state.db.read().await?;
    let row = tx
        .query_opt(
            "SELECT u.id, u.password_hash, u.disabled, u.org_id FROM users u
             JOIN orgs o ON o.id = u.org_id WHERE o.name = $1 AND u.username = $2",
            &[req.org.as_str().into(), req.username.as_str().into()],
        )
        .await?;
    drop(tx);
    let stored = match &row {
        Some(r) if r.int(2)? == 0 => r.opt_text(1)?,
        _ => None,
    };
    if !password::verify_async(req.password, stored).await {
        return Err(ApiError::unauthorized(
            "auth.bad_credentials",
            "unknown organization, account or password",
        ));
    }
    let row = row.ok_or_else(|| ApiError::internal("server.login", &"row vanished"))?;
    let (user_id, org_id) = (row.text(0)?, row.text(3)?);
    let mut tx = state.db.write().await?;
    let expires = crate::now_ms() + state.config.session_ttl_ms;
    let t = insert_token(
        &mut tx,
        &user_id,
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
            org_id: Some(&org_id),
            actor: &user_id,
            action: "session.create",
            target: &t.token_id,
            detail: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(t))
}

#[utoipa::path(delete, path = "/v1/sessions/current", tag = "accounts",
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    revoke(&state, &caller, &caller.token_id.clone()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/me", tag = "accounts",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody)))]
pub async fn me(caller: Caller) -> Json<MeResponse> {
    Json(MeResponse {
        user_id: caller.user_id,
        username: caller.username,
        org_id: caller.org_id,
        org_admin: caller.org_admin,
        token_kind: caller.token_kind,
    })
}

#[utoipa::path(post, path = "/v1/tokens", tag = "accounts", request_body = CreateTokenRequest,
    responses((status = 200, body = TokenResponse), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateTokenRequest>,
) -> ApiResult<Json<TokenResponse>> {
    if !caller.is_session() {
        return Err(ApiError::forbidden(
            "token.session_required",
            "API tokens are created from a signed-in session, not with another token",
            "sign in (POST /v1/sessions) and create the token from there",
        ));
    }
    valid_name(&req.name)?;
    if req.expires_in_days == 0 || req.expires_in_days > MAX_API_TOKEN_DAYS {
        return Err(ApiError::bad_request(
            "token.bad_expiry",
            format!("expires_in_days must be 1 to {MAX_API_TOKEN_DAYS}"),
            "API tokens always expire; pick a shorter lifetime",
        ));
    }
    let mut tx = state.db.write().await?;
    if let Some(list) = &req.workspaces {
        if list.is_empty() || list.len() > 1000 {
            return Err(ApiError::bad_request(
                "token.bad_scope",
                "workspaces must list 1 to 1000 workspace ids",
                "leave it out for a token over all your workspaces",
            ));
        }
        for w in list {
            // The token may not exceed what the account can do on each workspace.
            caller.require(&mut tx, w, req.role).await?;
        }
    } else if req.role == Role::Admin {
        caller.require_org_admin()?;
    }
    let expires = crate::now_ms() + i64::from(req.expires_in_days) * 86_400_000;
    let t = insert_token(
        &mut tx,
        &caller.user_id,
        "api",
        &req.name,
        req.role,
        req.workspaces.as_deref(),
        expires,
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "token.create",
            target: &t.token_id,
            detail: json!({"name": req.name, "role": req.role, "workspaces": req.workspaces,
                           "expires_at": expires}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(t))
}

async fn revoke(state: &AppState, caller: &Caller, token_id: &str) -> ApiResult<()> {
    let mut tx = state.db.write().await?;
    // The owner, or an admin of the owner's organization, may revoke.
    let row = tx
        .query_opt(
            "SELECT t.user_id FROM tokens t JOIN users u ON u.id = t.user_id
             WHERE t.id = $1 AND u.org_id = $2",
            &[token_id.into(), caller.org_id.as_str().into()],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("token"))?;
    if row.text(0)? != caller.user_id {
        caller
            .require_org_admin()
            .map_err(|_| ApiError::not_found("token"))?;
    }
    tx.execute(
        "UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        &[token_id.into(), crate::now_ms().into()],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "token.revoke",
            target: token_id,
            detail: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[utoipa::path(delete, path = "/v1/tokens/{token_id}", tag = "accounts",
    params(("token_id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(token_id): super::ApiPath<String>,
) -> ApiResult<StatusCode> {
    revoke(&state, &caller, &token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/v1/users", tag = "accounts", request_body = CreateUserRequest,
    responses((status = 200, body = IdResponse), (status = 403, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateUserRequest>,
) -> ApiResult<Json<IdResponse>> {
    caller.require_org_admin()?;
    valid_name(&req.username)?;
    let hash = match req.password {
        Some(pw) => {
            check_password(&pw)?;
            let hash = password::hash_async(pw)
                .await
                .map_err(|e| ApiError::internal("server.password_hash", &e))?;
            Some(hash)
        }
        None if state.oidc.is_some() => None,
        None => {
            return Err(ApiError::bad_request(
                "account.password_required",
                "this server has no single sign-on, so accounts need a password",
                "give a password (or start the server with --oidc-issuer and --oidc-client-id)",
            ))
        }
    };
    let id = new_id();
    let mut tx = state.db.write().await?;
    tx.execute(
        "INSERT INTO users (id, org_id, username, password_hash, org_admin, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            id.clone().into(),
            caller.org_id.as_str().into(),
            req.username.as_str().into(),
            hash.clone().into(),
            req.org_admin.into(),
            crate::now_ms().into(),
        ],
    )
    .await
    .map_err(|e| taken(e, "account.exists", "an account with this name exists"))?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "user.create",
            target: &id,
            detail: json!({"username": req.username, "org_admin": req.org_admin,
                           "password": hash.is_some()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(IdResponse { id }))
}

fn taken(e: DbError, code: &str, message: &str) -> ApiError {
    if is_unique_violation(&e) {
        ApiError::conflict(code, message, "pick another name")
    } else {
        e.into()
    }
}

#[utoipa::path(post, path = "/v1/teams", tag = "tenancy", request_body = CreateTeamRequest,
    responses((status = 200, body = IdResponse), (status = 403, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn create_team(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateTeamRequest>,
) -> ApiResult<Json<IdResponse>> {
    caller.require_org_admin()?;
    valid_name(&req.name)?;
    let id = new_id();
    let mut tx = state.db.write().await?;
    tx.execute(
        "INSERT INTO teams (id, org_id, name, created_at) VALUES ($1, $2, $3, $4)",
        &[
            id.clone().into(),
            caller.org_id.as_str().into(),
            req.name.as_str().into(),
            crate::now_ms().into(),
        ],
    )
    .await
    .map_err(|e| taken(e, "team.exists", "a team with this name exists"))?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "team.create",
            target: &id,
            detail: json!({"name": req.name}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(IdResponse { id }))
}

#[utoipa::path(post, path = "/v1/workspaces", tag = "tenancy",
    request_body = CreateWorkspaceRequest,
    responses((status = 200, body = IdResponse), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_workspace(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateWorkspaceRequest>,
) -> ApiResult<Json<IdResponse>> {
    caller.require_org_admin()?;
    valid_name(&req.name)?;
    let metadata = match req.metadata {
        serde_json::Value::Null => json!({}),
        m @ serde_json::Value::Object(_) => m,
        _ => {
            return Err(ApiError::bad_request(
                "workspace.bad_metadata",
                "metadata must be a JSON object",
                "wrap the values in an object",
            ))
        }
    };
    let mut tx = state.db.write().await?;
    tx.query_opt(
        "SELECT id FROM teams WHERE id = $1 AND org_id = $2",
        &[req.team_id.as_str().into(), caller.org_id.as_str().into()],
    )
    .await?
    .ok_or_else(|| ApiError::not_found("team"))?;
    let id = new_id();
    tx.execute(
        "INSERT INTO workspaces (id, org_id, team_id, name, metadata, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            id.clone().into(),
            caller.org_id.as_str().into(),
            req.team_id.as_str().into(),
            req.name.as_str().into(),
            metadata.to_string().into(),
            crate::now_ms().into(),
        ],
    )
    .await
    .map_err(|e| taken(e, "workspace.exists", "a workspace with this name exists"))?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "workspace.create",
            target: &id,
            detail: json!({"name": req.name, "team_id": req.team_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(IdResponse { id }))
}

fn workspace_view(r: &crate::db::Row, role: Role) -> Result<WorkspaceView, DbError> {
    Ok(WorkspaceView {
        id: r.text(0)?,
        team_id: r.text(1)?,
        name: r.text(2)?,
        metadata: serde_json::from_str(&r.text(3)?).unwrap_or_else(|_| json!({})),
        version: r.int(4)?,
        role,
    })
}

#[utoipa::path(get, path = "/v1/workspaces", tag = "tenancy",
    responses((status = 200, body = WorkspaceList), (status = 401, body = ErrorBody)))]
pub async fn list_workspaces(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(_): ApiQuery<NoParams>,
) -> ApiResult<Json<WorkspaceList>> {
    let mut tx = state.db.read().await?;
    let rows = tx
        .query(
            "SELECT w.id, w.team_id, w.name, w.metadata, w.version, g.role FROM workspaces w
             LEFT JOIN grants g ON g.workspace_id = w.id AND g.user_id = $2
             WHERE w.org_id = $1 ORDER BY w.name",
            &[
                caller.org_id.as_str().into(),
                caller.user_id.as_str().into(),
            ],
        )
        .await?;
    let mut workspaces = Vec::new();
    for r in rows {
        let id = r.text(0)?;
        if let Some(scope) = &caller.scope {
            if !scope.contains(&id) {
                continue;
            }
        }
        let granted = if caller.org_admin {
            Some(Role::Admin)
        } else {
            r.opt_text(5)?.as_deref().and_then(Role::parse)
        };
        if let Some(role) = granted {
            workspaces.push(workspace_view(&r, role.min(caller.max_role))?);
        }
    }
    Ok(Json(WorkspaceList { workspaces }))
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}", tag = "tenancy",
    params(("workspace_id" = String, Path)),
    responses((status = 200, body = WorkspaceView), (status = 404, body = ErrorBody)))]
pub async fn get_workspace(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
) -> ApiResult<Json<WorkspaceView>> {
    let mut tx = state.db.read().await?;
    let access = caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    let r = tx
        .query_opt(
            "SELECT id, team_id, name, metadata, version FROM workspaces WHERE id = $1",
            &[workspace_id.as_str().into()],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("workspace"))?;
    Ok(Json(workspace_view(&r, access.role)?))
}

#[utoipa::path(put, path = "/v1/workspaces/{workspace_id}/members/{user_id}", tag = "tenancy",
    params(("workspace_id" = String, Path), ("user_id" = String, Path)),
    request_body = GrantRequest,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn grant(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath((workspace_id, user_id)): super::ApiPath<(String, String)>,
    ApiJson(req): ApiJson<GrantRequest>,
) -> ApiResult<StatusCode> {
    let mut tx = state.db.write().await?;
    let access = caller.require(&mut tx, &workspace_id, Role::Admin).await?;
    member_of_org(&mut tx, &user_id, &access.org_id).await?;
    tx.execute(
        "DELETE FROM grants WHERE workspace_id = $1 AND user_id = $2",
        &[workspace_id.as_str().into(), user_id.as_str().into()],
    )
    .await?;
    tx.execute(
        "INSERT INTO grants (workspace_id, user_id, role) VALUES ($1, $2, $3)",
        &[
            workspace_id.as_str().into(),
            user_id.as_str().into(),
            req.role.as_str().into(),
        ],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&access.org_id),
            actor: &caller.user_id,
            action: "member.grant",
            target: &workspace_id,
            detail: json!({"user_id": user_id, "role": req.role}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn member_of_org(tx: &mut Tx, user_id: &str, org_id: &str) -> ApiResult<()> {
    tx.query_opt(
        "SELECT id FROM users WHERE id = $1 AND org_id = $2",
        &[Value::from(user_id), Value::from(org_id)],
    )
    .await?
    .map(|_| ())
    .ok_or_else(|| ApiError::not_found("user"))
}

#[utoipa::path(delete, path = "/v1/workspaces/{workspace_id}/members/{user_id}", tag = "tenancy",
    params(("workspace_id" = String, Path), ("user_id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_grant(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath((workspace_id, user_id)): super::ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut tx = state.db.write().await?;
    let access = caller.require(&mut tx, &workspace_id, Role::Admin).await?;
    member_of_org(&mut tx, &user_id, &access.org_id).await?;
    tx.execute(
        "DELETE FROM grants WHERE workspace_id = $1 AND user_id = $2",
        &[workspace_id.as_str().into(), user_id.as_str().into()],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&access.org_id),
            actor: &caller.user_id,
            action: "member.revoke",
            target: &workspace_id,
            detail: json!({"user_id": user_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(patch, path = "/v1/workspaces/{workspace_id}", tag = "tenancy",
    params(("workspace_id" = String, Path)), request_body = UpdateWorkspaceRequest,
    responses((status = 200, body = WorkspaceView), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_workspace(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
    ApiJson(req): ApiJson<UpdateWorkspaceRequest>,
) -> ApiResult<Json<WorkspaceView>> {
    if !req.metadata.is_object() {
        return Err(ApiError::bad_request(
            "workspace.bad_metadata",
            "metadata must be a JSON object",
            "wrap the values in an object",
        ));
    }
    let mut tx = state.db.write().await?;
    let access = caller.require(&mut tx, &workspace_id, Role::Admin).await?;
    let changed = tx
        .execute(
            "UPDATE workspaces SET metadata = $2, version = version + 1
             WHERE id = $1 AND version = $3",
            &[
                workspace_id.as_str().into(),
                req.metadata.to_string().into(),
                req.version.into(),
            ],
        )
        .await?;
    let r = tx
        .query_opt(
            "SELECT id, team_id, name, metadata, version FROM workspaces WHERE id = $1",
            &[workspace_id.as_str().into()],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("workspace"))?;
    let view = workspace_view(&r, access.role)?;
    if changed == 0 {
        return Err(ApiError::conflict(
            "workspace.version_conflict",
            format!(
                "the workspace changed since version {} (it is at version {})",
                req.version, view.version
            ),
            "read the workspace again, merge your change into its metadata, and retry with its version",
        ));
    }
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&access.org_id),
            actor: &caller.user_id,
            action: "workspace.update",
            target: &workspace_id,
            detail: json!({"version": view.version}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(view))
}

#[utoipa::path(get, path = "/v1/audit", tag = "tenancy", params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = ErrorBody)))]
pub async fn list_audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<Json<AuditPage>> {
    caller.require_org_admin()?;
    let limit = q.limit.unwrap_or(200).clamp(1, 1000);
    let mut tx = state.db.read().await?;
    let rows = tx
        .query(
            "SELECT a.seq, a.at, a.actor, a.action, a.target, a.detail, u.username
             FROM audit a LEFT JOIN users u ON u.id = a.actor AND u.org_id = a.org_id
             WHERE a.org_id = $1 AND a.seq > $2 ORDER BY a.seq LIMIT $3",
            &[
                caller.org_id.as_str().into(),
                q.after.max(0).into(),
                i64::from(limit).into(),
            ],
        )
        .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        entries.push(AuditEntryView {
            seq: r.int(0)?,
            at: r.int(1)?,
            actor: r.text(2)?,
            actor_name: r.opt_text(6)?,
            action: r.text(3)?,
            target: r.text(4)?,
            detail: serde_json::from_str(&r.text(5)?).unwrap_or_default(),
        });
    }
    let cursor = entries.last().map(|e| e.seq).unwrap_or(q.after.max(0));
    Ok(Json(AuditPage { entries, cursor }))
}
