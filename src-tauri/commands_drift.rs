//! Inventory & Drift commands: one-line calls into `orbis_app::Session` (drift_view.rs) on
//! the blocking pool — a live cloud scan takes seconds.

use crate::commands::blocking;
use orbis_app::drift_view::{
    DriftAccept, DriftCapabilities, DriftImport, DriftScanRequest, DriftTimeline, DriftView,
};
use orbis_app::AppError;
use tauri::AppHandle;

#[tauri::command]
pub async fn drift_capabilities(app: AppHandle) -> Result<DriftCapabilities, AppError> {
    blocking(app, |state| state.session.drift_capabilities()).await
}

/// State vs live AWS (scanned now) or a snapshot file; recorded for the timeline.
#[tauri::command]
pub async fn drift_scan(app: AppHandle, request: DriftScanRequest) -> Result<DriftView, AppError> {
    blocking(app, move |state| state.session.drift_scan(&request)).await
}

#[tauri::command]
pub async fn drift_import_block(
    app: AppHandle,
    resource_type: String,
    id: String,
) -> Result<DriftImport, AppError> {
    blocking(app, move |state| {
        state.session.drift_import_block(&resource_type, &id)
    })
    .await
}

#[tauri::command]
pub async fn drift_accept_preview(
    app: AppHandle,
    resource_type: String,
    id: String,
) -> Result<DriftAccept, AppError> {
    blocking(app, move |state| {
        state.session.drift_accept_preview(&resource_type, &id)
    })
    .await
}

#[tauri::command]
pub async fn drift_timeline(app: AppHandle, dark: bool) -> Result<DriftTimeline, AppError> {
    blocking(app, move |state| state.session.drift_timeline(dark)).await
}
