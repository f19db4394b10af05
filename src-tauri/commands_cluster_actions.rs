//! Cluster actions (issue 11): preview, run with the preview's confirmation token, and the
//! audit log. One-line calls into `orbis_app::Session`; the webview never sends a request the
//! Session has not previewed and the user confirmed.

use crate::commands::blocking;
use orbis_app::clusters::actions_dto::{
    ClusterActionDone, ClusterActionPreview, ClusterActionRequest, ClusterAuditEntry,
};
use orbis_app::clusters::apply_dto::{ClusterApplyDone, ClusterApplyPreview};
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn preview_cluster_action(
    app: AppHandle,
    request: ClusterActionRequest,
) -> Result<ClusterActionPreview, AppError> {
    blocking(app, move |state| {
        state.session.preview_cluster_action(&request)
    })
    .await
}

#[tauri::command]
pub async fn run_cluster_action(
    app: AppHandle,
    request: ClusterActionRequest,
    confirmation: Option<String>,
) -> Result<ClusterActionDone, AppError> {
    blocking(app, move |state| {
        state
            .session
            .run_cluster_action(&request, confirmation.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn cluster_audit(app: AppHandle, limit: u32) -> Result<Vec<ClusterAuditEntry>, AppError> {
    blocking(app, move |state| {
        state.session.cluster_audit(limit as usize)
    })
    .await
}

/// The dry-run diff of applying a workspace YAML file (its editor buffer) to the live cluster.
#[tauri::command]
pub async fn preview_cluster_apply(
    app: AppHandle,
    path: String,
) -> Result<ClusterApplyPreview, AppError> {
    blocking(app, move |state| state.session.preview_cluster_apply(&path)).await
}

/// Applies the previewed file; `confirmation` is the preview's token.
#[tauri::command]
pub async fn run_cluster_apply(
    app: AppHandle,
    source: String,
    confirmation: Option<String>,
) -> Result<ClusterApplyDone, AppError> {
    blocking(app, move |state| {
        state
            .session
            .run_cluster_apply(&source, confirmation.as_deref())
    })
    .await
}
