//! The Credentials view's commands: one-line calls into `orbis_app::Session` (credentials/),
//! on the blocking pool (reading cloud config files, the keychain and a live check block).

use crate::commands::blocking;
use orbis_app::credentials::dto::{CredentialCloud, CredentialEntry, CredentialReport, RunSecrets};
use orbis_app::AppError;
use tauri::AppHandle;

/// Every configured cloud context, from files only (no network).
#[tauri::command]
pub async fn credential_report(app: AppHandle) -> Result<CredentialReport, AppError> {
    blocking(app, move |state| state.session.credential_report()).await
}

#[tauri::command]
pub async fn recheck_credential(
    app: AppHandle,
    cloud: CredentialCloud,
    context: Option<String>,
) -> Result<CredentialReport, AppError> {
    blocking(app, move |state| {
        state.session.recheck_credential(cloud, context)
    })
    .await
}

/// The doctor's live check of one context (AWS STS, Azure CLI token, Google token): only
/// when the person asks.
#[tauri::command]
pub async fn check_credential_live(
    app: AppHandle,
    cloud: CredentialCloud,
    context: Option<String>,
) -> Result<CredentialEntry, AppError> {
    blocking(app, move |state| {
        state
            .session
            .check_credential_live(cloud, context.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn run_secrets(app: AppHandle) -> Result<RunSecrets, AppError> {
    blocking(app, move |state| state.session.run_secrets()).await
}

/// The value goes to the OS keychain and is never logged or sent back.
#[tauri::command]
pub async fn set_run_secret(
    app: AppHandle,
    name: String,
    value: String,
) -> Result<RunSecrets, AppError> {
    blocking(app, move |state| state.session.set_run_secret(&name, value)).await
}

#[tauri::command]
pub async fn delete_run_secret(app: AppHandle, name: String) -> Result<RunSecrets, AppError> {
    blocking(app, move |state| state.session.delete_run_secret(&name)).await
}
