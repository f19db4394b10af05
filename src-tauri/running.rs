//! Asking before closing the window would leave a terraform run going without TerraOrbis: the
//! process would hold the state lock unseen and its end would never be recorded. The person
//! chooses between keeping the app open and stopping the runs (interrupt, then kill after a
//! grace period) before it closes.

use orbis_app::Session;
use std::time::Duration;
use tauri::AppHandle;
use tauri_plugin_dialog::{
    DialogExt, MessageDialogButtons, MessageDialogKind, MessageDialogResult,
};

const STOP: &str = "Stop and Close";
const KEEP: &str = "Keep Running";
/// How long terraform gets to stop gracefully (it finishes the resource it is changing).
const GRACE: Duration = Duration::from_secs(60);

/// True when the window may close: no run is going, or the person chose to stop them (they
/// are stopped and recorded before this returns). Blocks: never call it on the main thread.
pub fn confirm_stopping(app: &AppHandle, session: &Session) -> bool {
    let running = session.running_runs();
    if running.is_empty() {
        return true;
    }
    let ids: Vec<String> = running.iter().map(|id| format!("#{id}")).collect();
    let answer = app
        .dialog()
        .message(format!(
            "A terraform run is in progress ({}). Closing TerraOrbis stops it: terraform is \
             interrupted and finishes the change it is making (it is killed after {} s), which \
             may leave resources half-changed.",
            ids.join(", "),
            GRACE.as_secs()
        ))
        .title("Run in progress")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            STOP.into(),
            KEEP.into(),
        ))
        .blocking_show_with_result();
    let stop = match answer {
        MessageDialogResult::Ok | MessageDialogResult::Yes => true,
        MessageDialogResult::Custom(label) => label == STOP,
        _ => false,
    };
    if stop {
        session.stop_all_runs(GRACE);
    }
    stop
}
