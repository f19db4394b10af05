//! Self-service request commands (Requests view): one-line calls into `orbis_app::Session`
//! (requests.rs), on the blocking pool (the network blocks; every request has a timeout).

use crate::commands::blocking;
use orbis_app::team::request_dto::{
    TeamNewRequest, TeamRequest, TeamRequestDecision, TeamRequestWorkspace,
};
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn team_requests(app: AppHandle) -> Result<Vec<TeamRequest>, AppError> {
    blocking(app, move |state| state.session.team_requests()).await
}

#[tauri::command]
pub async fn team_create_request(
    app: AppHandle,
    request: TeamNewRequest,
) -> Result<TeamRequest, AppError> {
    blocking(app, move |state| {
        state.session.team_create_request(&request)
    })
    .await
}

#[tauri::command]
pub async fn team_decide_request(
    app: AppHandle,
    decision: TeamRequestDecision,
) -> Result<TeamRequest, AppError> {
    blocking(app, move |state| {
        state.session.team_decide_request(&decision)
    })
    .await
}

#[tauri::command]
pub async fn team_prepare_request(
    app: AppHandle,
    request_id: String,
    parent: Option<String>,
) -> Result<TeamRequestWorkspace, AppError> {
    blocking(app, move |state| {
        state
            .session
            .team_prepare_request(&request_id, parent.as_deref().map(std::path::Path::new))
    })
    .await
}
