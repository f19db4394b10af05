//! Single sign-on to the team server: one-line calls into `orbis_app::Session`
//! (team/sso.rs). The sign-in waits for the browser on the blocking pool (bounded by its
//! timeout); `team_cancel_sso` ends that wait from another call.

use crate::commands::blocking;
use orbis_app::team::dto::TeamStatus;
use orbis_app::team::sso_dto::{TeamSsoInfo, TeamSsoRequest};
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn team_sso_info(app: AppHandle, server_url: String) -> Result<TeamSsoInfo, AppError> {
    blocking(app, move |state| state.session.team_sso_info(&server_url)).await
}

#[tauri::command]
pub async fn team_sign_in_sso(
    app: AppHandle,
    request: TeamSsoRequest,
) -> Result<TeamStatus, AppError> {
    blocking(app, move |state| state.session.team_sign_in_sso(&request)).await
}

#[tauri::command]
pub async fn team_cancel_sso(app: AppHandle) -> Result<(), AppError> {
    blocking(app, move |state| {
        state.session.team_cancel_sso();
        Ok(())
    })
    .await
}
