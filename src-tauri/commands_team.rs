//! Team server commands: one-line calls into `orbis_app::Session` (team/), on the blocking
//! pool (the keychain and the network block; every request has a timeout).

use crate::commands::blocking;
use orbis_app::team::audit_dto::{TeamAuditFilter, TeamAuditView};
use orbis_app::team::dto::{
    TeamApprovalRequest, TeamComment, TeamConnectRequest, TeamDecisionRequest, TeamStatus,
    TeamSyncReport,
};
use orbis_app::team::governance_dto::TeamGovernanceView;
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn team_status(app: AppHandle) -> Result<TeamStatus, AppError> {
    blocking(app, move |state| Ok(state.session.team_status())).await
}

/// The password is used for the sign-in only; the token goes to the OS keychain.
#[tauri::command]
pub async fn team_connect(
    app: AppHandle,
    request: TeamConnectRequest,
) -> Result<TeamStatus, AppError> {
    blocking(app, move |state| state.session.team_connect(&request)).await
}

#[tauri::command]
pub async fn team_disconnect(app: AppHandle) -> Result<TeamStatus, AppError> {
    blocking(app, move |state| state.session.team_disconnect()).await
}

#[tauri::command]
pub async fn team_sync_now(app: AppHandle) -> Result<TeamSyncReport, AppError> {
    blocking(app, move |state| state.session.team_sync_now()).await
}

#[tauri::command]
pub async fn team_approvals(app: AppHandle) -> Result<Vec<TeamApprovalRequest>, AppError> {
    blocking(app, move |state| state.session.team_approvals()).await
}

/// The team server's audit log (org administrators), filtered, newest first.
#[tauri::command]
pub async fn team_audit(
    app: AppHandle,
    filter: TeamAuditFilter,
) -> Result<TeamAuditView, AppError> {
    blocking(app, move |state| state.session.team_audit(&filter)).await
}

/// The team budget and policy packs Plan Review applies (as last pulled).
#[tauri::command]
pub async fn team_governance(app: AppHandle) -> Result<TeamGovernanceView, AppError> {
    blocking(app, move |state| Ok(state.session.team_governance())).await
}

#[tauri::command]
pub async fn team_decide(
    app: AppHandle,
    request: TeamDecisionRequest,
) -> Result<Vec<TeamApprovalRequest>, AppError> {
    blocking(app, move |state| state.session.team_decide(&request)).await
}

#[tauri::command]
pub async fn team_comments(
    app: AppHandle,
    run_id: Option<String>,
) -> Result<Vec<TeamComment>, AppError> {
    blocking(app, move |state| {
        state.session.team_comments(run_id.as_deref())
    })
    .await
}

/// The team record id of a local run (comments on a plan opened from the Runs panel).
#[tauri::command]
pub async fn team_run_record_id(app: AppHandle, id: i64) -> Result<Option<String>, AppError> {
    blocking(app, move |state| Ok(state.session.team_run_record_id(id))).await
}

#[tauri::command]
pub async fn team_add_comment(
    app: AppHandle,
    run_id: Option<String>,
    address: Option<String>,
    text: String,
) -> Result<TeamComment, AppError> {
    blocking(app, move |state| {
        state
            .session
            .team_add_comment(run_id.as_deref(), address.as_deref(), &text)
    })
    .await
}
