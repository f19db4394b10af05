//! Monthly cost budgets an organization administrator publishes to members: one default for
//! the organization and, optionally, one per workspace (which replaces the default there).
//! A budget limits a plan's monthly cost delta and warns from a percentage of it; the
//! desktops apply it in Plan Review. Publishing replaces the scope's budget; every publish
//! and removal is audited with the previous values.

use super::ApiPath;
use crate::audit::{self, Entry};
use crate::auth::Caller;
use crate::db::{Row, Tx};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::json;

pub use orbis_sync::{BudgetList, BudgetView, PublishBudget, DEFAULT_BUDGET_SCOPE};

/// A limit above this is a typo, not a budget.
const MAX_LIMIT: f64 = 1e9;

const SELECT: &str = "SELECT b.scope, w.name, b.limit_cents, b.warn_percent, u.username,
        b.published_at
    FROM budgets b
    LEFT JOIN workspaces w ON w.id = b.scope AND w.org_id = b.org_id
    LEFT JOIN users u ON u.id = b.published_by";

fn view(row: &Row) -> ApiResult<BudgetView> {
    Ok(BudgetView {
        scope: row.text(0)?,
        workspace_name: row.opt_text(1)?,
        monthly_limit: row.int(2)? as f64 / 100.0,
        warn_percent: u8::try_from(row.int(3)?).unwrap_or(100),
        currency: "USD".into(),
        published_by: row.opt_text(4)?.unwrap_or_default(),
        published_at: row.int(5)?,
    })
}

/// The budget in force for a workspace: its own, else the organization's default.
pub(crate) async fn in_force(
    tx: &mut Tx,
    org_id: &str,
    workspace_id: &str,
) -> ApiResult<Option<BudgetView>> {
    let rows = tx
        .query(
            &format!("{SELECT} WHERE b.org_id = $1 AND b.scope IN ($2, $3)"),
            &[
                org_id.into(),
                workspace_id.into(),
                DEFAULT_BUDGET_SCOPE.into(),
            ],
        )
        .await?;
    let mut budgets = rows.iter().map(view).collect::<ApiResult<Vec<_>>>()?;
    budgets.sort_by_key(|b| b.scope == DEFAULT_BUDGET_SCOPE);
    Ok(budgets.into_iter().next())
}

fn check(req: &PublishBudget) -> ApiResult<()> {
    if !req.monthly_limit.is_finite() || req.monthly_limit <= 0.0 || req.monthly_limit > MAX_LIMIT {
        return Err(ApiError::bad_request(
            "budget.invalid",
            format!("monthly_limit must be more than 0 and at most {MAX_LIMIT} (US dollars)"),
            "give the most a plan may add to the monthly cost, e.g. 250",
        ));
    }
    if req.warn_percent == 0 || req.warn_percent > 100 {
        return Err(ApiError::bad_request(
            "budget.invalid",
            "warn_percent must be 1 to 100",
            "e.g. 80 warns when a plan adds 80% of the limit",
        ));
    }
    Ok(())
}

/// Checks that `scope` is `default` or a workspace of the caller's organization (another
/// tenant's workspace is "not found", as everywhere).
async fn check_scope(tx: &mut Tx, caller: &Caller, scope: &str) -> ApiResult<()> {
    if scope != DEFAULT_BUDGET_SCOPE {
        caller.access(tx, scope).await?;
    }
    Ok(())
}

async fn current(tx: &mut Tx, org_id: &str, scope: &str) -> ApiResult<Option<BudgetView>> {
    let row = tx
        .query_opt(
            &format!("{SELECT} WHERE b.org_id = $1 AND b.scope = $2"),
            &[org_id.into(), scope.into()],
        )
        .await?;
    row.as_ref().map(view).transpose()
}

#[utoipa::path(put, path = "/v1/budgets/{scope}", tag = "governance",
    params(("scope" = String, Path, description = "`default` or a workspace id")),
    request_body = PublishBudget,
    responses((status = 200, body = BudgetView), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(scope): ApiPath<String>,
    super::ApiJson(req): super::ApiJson<PublishBudget>,
) -> ApiResult<Json<BudgetView>> {
    caller.require_org_admin()?;
    check(&req)?;
    let mut tx = state.db.write().await?;
    check_scope(&mut tx, &caller, &scope).await?;
    let previous = current(&mut tx, &caller.org_id, &scope).await?;
    let cents = (req.monthly_limit * 100.0).round() as i64;
    tx.execute(
        "INSERT INTO budgets (org_id, scope, limit_cents, warn_percent, published_by,
                              published_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, scope) DO UPDATE SET limit_cents = $3, warn_percent = $4,
             published_by = $5, published_at = $6",
        &[
            caller.org_id.as_str().into(),
            scope.as_str().into(),
            cents.into(),
            i64::from(req.warn_percent).into(),
            caller.user_id.as_str().into(),
            crate::now_ms().into(),
        ],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "budget.publish",
            target: &scope,
            detail: json!({
                "monthly_limit": cents as f64 / 100.0, "warn_percent": req.warn_percent,
                "previous": previous.as_ref().map(|p| json!({
                    "monthly_limit": p.monthly_limit, "warn_percent": p.warn_percent,
                })),
            }),
        },
    )
    .await?;
    let published = current(&mut tx, &caller.org_id, &scope)
        .await?
        .ok_or_else(|| ApiError::internal("server.budget", &"budget vanished"))?;
    tx.commit().await?;
    Ok(Json(published))
}

#[utoipa::path(delete, path = "/v1/budgets/{scope}", tag = "governance",
    params(("scope" = String, Path, description = "`default` or a workspace id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(scope): ApiPath<String>,
) -> ApiResult<StatusCode> {
    caller.require_org_admin()?;
    let mut tx = state.db.write().await?;
    check_scope(&mut tx, &caller, &scope).await?;
    let previous = current(&mut tx, &caller.org_id, &scope)
        .await?
        .ok_or_else(|| ApiError::not_found("budget"))?;
    tx.execute(
        "DELETE FROM budgets WHERE org_id = $1 AND scope = $2",
        &[caller.org_id.as_str().into(), scope.as_str().into()],
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            org_id: Some(&caller.org_id),
            actor: &caller.user_id,
            action: "budget.remove",
            target: &scope,
            detail: json!({"monthly_limit": previous.monthly_limit,
                           "warn_percent": previous.warn_percent}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/budgets", tag = "governance",
    responses((status = 200, body = BudgetList), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<BudgetList>> {
    let mut tx = state.db.read().await?;
    let rows = tx
        .query(
            &format!("{SELECT} WHERE b.org_id = $1 ORDER BY b.scope"),
            &[caller.org_id.as_str().into()],
        )
        .await?;
    let mut budgets = Vec::new();
    for row in &rows {
        let b = view(row)?;
        // Members see the default and the budgets of the workspaces they can see.
        if b.scope == DEFAULT_BUDGET_SCOPE || caller.access(&mut tx, &b.scope).await.is_ok() {
            budgets.push(b);
        }
    }
    Ok(Json(BudgetList { budgets }))
}
