//! Asking before unsaved editor buffers would be dropped: opening another workspace (menu,
//! button, recent list, a second launch, a dropped folder) or closing the window. Rust holds
//! every buffer's text, so the question and "Save All" work the same whatever started it.

use orbis_app::Session;
use tauri::AppHandle;
use tauri_plugin_dialog::{
    DialogExt, MessageDialogButtons, MessageDialogKind, MessageDialogResult,
};

const SAVE: &str = "Save All";
const DISCARD: &str = "Don't Save";
const CANCEL: &str = "Cancel";

/// True when `action` may go on: nothing is unsaved, or the user saved everything or chose to
/// drop the edits. Blocks on a native dialog: never call it on the main thread.
pub fn confirm_leaving(app: &AppHandle, session: &Session, action: &str) -> bool {
    let unsaved = session.unsaved_documents();
    if unsaved.is_empty() {
        return true;
    }
    let mut list: Vec<String> = unsaved.iter().take(8).map(|p| format!("  • {p}")).collect();
    if unsaved.len() > list.len() {
        list.push(format!("  … and {} more", unsaved.len() - list.len()));
    }
    let files = if unsaved.len() == 1 {
        "file has"
    } else {
        "files have"
    };
    let answer = app
        .dialog()
        .message(format!(
            "{} {files} unsaved changes. Save them before {action}?\n\n{}",
            unsaved.len(),
            list.join("\n")
        ))
        .title("Unsaved changes")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::YesNoCancelCustom(
            SAVE.into(),
            DISCARD.into(),
            CANCEL.into(),
        ))
        .blocking_show_with_result();
    match answer {
        MessageDialogResult::Yes => save_all(app, session),
        MessageDialogResult::Custom(label) if label == SAVE => save_all(app, session),
        MessageDialogResult::No => true,
        MessageDialogResult::Custom(label) if label == DISCARD => true,
        _ => false,
    }
}

/// Saves every buffer; when one cannot be saved, says why and keeps everything open.
fn save_all(app: &AppHandle, session: &Session) -> bool {
    match session.save_all_documents() {
        Ok(saved) => {
            log::info!("saved {} file(s) before leaving", saved.len());
            true
        }
        Err(err) => {
            log::warn!("save all: {err}");
            app.dialog()
                .message(format!("{}\n\n{}", err.message, err.hint))
                .title("Not saved")
                .kind(MessageDialogKind::Error)
                .blocking_show();
            false
        }
    }
}
