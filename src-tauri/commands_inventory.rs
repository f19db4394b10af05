//! The cross-cloud inventory table's commands: one-line calls into `orbis_app::Session`
//! (inventory_view.rs) on the blocking pool — a scan takes seconds.

use crate::commands::blocking;
use orbis_app::inventory_view::{InventoryScope, InventoryTable};
use orbis_app::AppError;
use tauri::AppHandle;

/// The table from the newest cached scan of every scope (no cloud call).
#[tauri::command]
pub async fn inventory_table(app: AppHandle) -> Result<InventoryTable, AppError> {
    blocking(app, |state| state.session.inventory_table()).await
}

/// Scans (or refreshes) one scope now with the user's credentials, then the whole table.
#[tauri::command]
pub async fn inventory_scan(
    app: AppHandle,
    scope: InventoryScope,
) -> Result<InventoryTable, AppError> {
    blocking(app, move |state| state.session.inventory_scan(&scope)).await
}
