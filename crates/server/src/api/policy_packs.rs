//! Policy packs an organization administrator publishes to members: named sets of Rego
//! policies. Each publish whose content differs from the newest version is a new version
//! (versions are never edited, so a finding that names `pack@3` always means the same
//! policies); publishing the same content again answers the newest version (a retry).
//! Every policy must parse (the desktop's engine, orbis-policy) before anything is stored.
//! Retiring takes the pack out of force until it is published again.

use super::{ApiJson, ApiPath};
use crate::audit::{self, Entry};
use crate::auth::Caller;
use crate::db::{Row, Tx};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::json;
use sha2::{Digest, Sha256};

pub use orbis_sync::{PackPolicy, PolicyPackList, PolicyPackView, PublishPolicyPack};

const MAX_POLICIES: usize = 100;
const MAX_PACK_BYTES: usize = 512 * 1024;
const MAX_DESCRIPTION: usize = 2048;

const SELECT: &str = "SELECT p.name, p.version, p.description, p.policies, p.sha256,
        u.username, p.published_at, p.retired_at
    FROM policy_packs p LEFT JOIN users u ON u.id = p.published_by";

/// Only the newest version of each pack.
const NEWEST: &str = "p.version = (SELECT MAX(q.version) FROM policy_packs q
    WHERE q.org_id = p.org_id AND q.name = p.name)";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::bad_request(
        "policy_pack.invalid",
        message,
        "see /openapi.json for the shape of a policy pack",
    )
}

/// Pack and policy names: what a finding shows and a file name could be.
fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn check(pack: &PublishPolicyPack) -> ApiResult<()> {
    if !valid_name(&pack.name) {
        return Err(invalid(
            "a pack name is 1–64 of A-Za-z0-9-_. starting with a letter or digit",
        ));
    }
    if pack.description.len() > MAX_DESCRIPTION {
        return Err(invalid(format!(
            "the description is over {MAX_DESCRIPTION} bytes"
        )));
    }
    if pack.policies.is_empty() || pack.policies.len() > MAX_POLICIES {
        return Err(invalid(format!(
            "a pack has 1 to {MAX_POLICIES} policies (retire a pack to take it out of force)"
        )));
    }
    let size: usize = pack.policies.iter().map(|p| p.source.len()).sum();
    if size > MAX_PACK_BYTES {
        return Err(invalid(format!(
            "the policies are over {MAX_PACK_BYTES} bytes"
        )));
    }
    for (i, p) in pack.policies.iter().enumerate() {
        if !valid_name(&p.name) {
            return Err(invalid(format!(
                "policy {}: a policy name is 1–64 of A-Za-z0-9-_.",
                i + 1
            )));
        }
        if pack.policies[..i].iter().any(|q| q.name == p.name) {
            return Err(invalid(format!("two policies are named {:?}", p.name)));
        }
        let policy = orbis_policy::Policy {
            name: p.name.clone(),
            source: p.source.clone(),
            origin: format!("{}/{}", pack.name, p.name),
        };
        if let Some(error) = orbis_policy::parse_error(&policy) {
            return Err(ApiError::bad_request(
                "policy_pack.policy_invalid",
                format!("policy {:?} does not parse: {error}", p.name),
                "fix the Rego (v1, or v0 as conftest accepts) and publish again",
            ));
        }
    }
    Ok(())
}

fn content_hash(pack: &PublishPolicyPack) -> String {
    let canonical = json!([pack.name, pack.description, pack.policies]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

fn view(row: &Row) -> ApiResult<PolicyPackView> {
    Ok(PolicyPackView {
        name: row.text(0)?,
        version: row.int(1)?,
        description: row.text(2)?,
        policies: serde_json::from_str(&row.text(3)?)
            .map_err(|e| ApiError::internal("server.stored_pack", &e))?,
        sha256: row.text(4)?,
        published_by: row.opt_text(5)?.unwrap_or_default(),
        published_at: row.int(6)?,
    })
}

/// The organization's packs in force (newest version of each, not retired), by name.
pub(crate) async fn in_force(tx: &mut Tx, org_id: &str) -> ApiResult<Vec<PolicyPackView>> {
    let rows = tx
        .query(
            &format!(
                "{SELECT} WHERE p.org_id = $1 AND {NEWEST} AND p.retired_at IS NULL
                 ORDER BY p.name"
            ),
            &[org_id.into()],
        )
        .await?;
    rows.iter().map(view).collect()
}

/// The newest version of a pack (retired or not) and whether it is retired.
async fn newest(
    tx: &mut Tx,
    org_id: &str,
    name: &str,
) -> ApiResult<Option<(PolicyPackView, bool)>> {
    let row = tx
        .query_opt(
            &format!("{SELECT} WHERE p.org_id = $1 AND p.name = $2 AND {NEWEST}"),
            &[org_id.into(), name.into()],
        )
        .await?;
    match row {
        None => Ok(None),
        Some(r) => Ok(Some((view(&r)?, r.opt_int(7)?.is_some()))),
    }
}

#[utoipa::path(post, path = "/v1/policy-packs", tag = "governance",
    request_body = PublishPolicyPack,
    responses((status = 200, body = PolicyPackView), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(pack): ApiJson<PublishPolicyPack>,
) -> ApiResult<Json<PolicyPackView>> {
    caller.require_org_admin()?;
    check(&pack)?;
    let sha256 = content_hash(&pack);
    let mut tx = state.db.write().await?;
    let previous = newest(&mut tx, &caller.org_id, &pack.name).await?;
    if let Some((p, false)) = &previous {
        if p.sha256 == sha256 {
            return Ok(Json(p.clone()));
        }
    }
    let version = previous.as_ref().map_or(1, |(p, _)| p.version + 1);
    tx.execute(
        "INSERT INTO policy_packs (org_id, name, version, description, policies, sha256,
                                   published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            caller.org_id.as_str().into(),
            pack.name.as_str().into(),
            version.into(),
            pack.description.as_str().into(),
            serde_json::to_string(&pack.policies)
                .unwrap_or_default()
                .into(),
            sha256.as_str().into(),
            caller.user_id.as_str().into(),
            crate::now_ms().into(),
        ],
    )
    .await?;
    // The chain names the version and its hash; the sources stay in the pack's row.
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "policy_pack.publish",
            target: &format!("{}@{version}", pack.name),
            detail: json!({
                "name": pack.name, "version": version, "sha256": sha256,
                "policies": pack.policies.iter().map(|p| &p.name).collect::<Vec<_>>(),
                "previous_version": previous.as_ref().map(|(p, _)| p.version),
            }),
        },
    )
    .await?;
    let (published, _) = newest(&mut tx, &caller.org_id, &pack.name)
        .await?
        .ok_or_else(|| ApiError::internal("server.policy_pack", &"pack vanished"))?;
    tx.commit().await?;
    Ok(Json(published))
}

#[utoipa::path(get, path = "/v1/policy-packs", tag = "governance",
    responses((status = 200, body = PolicyPackList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<PolicyPackList>> {
    let mut tx = state.db.read().await?;
    let packs = in_force(&mut tx, &caller.org_id).await?;
    Ok(Json(PolicyPackList { packs }))
}

#[utoipa::path(delete, path = "/v1/policy-packs/{name}", tag = "governance",
    params(("name" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn retire(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<StatusCode> {
    caller.require_org_admin()?;
    let mut tx = state.db.write().await?;
    let Some((pack, false)) = newest(&mut tx, &caller.org_id, &name).await? else {
        return Err(ApiError::not_found("policy_pack"));
    };
    tx.execute(
        "UPDATE policy_packs SET retired_at = $4
         WHERE org_id = $1 AND name = $2 AND version = $3",
        &[
            caller.org_id.as_str().into(),
            name.as_str().into(),
            pack.version.into(),
            crate::now_ms().into(),
        ],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "policy_pack.retire",
            target: &format!("{name}@{}", pack.version),
            detail: json!({"name": name, "version": pack.version, "sha256": pack.sha256}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
