//! The native menu bar. Accelerators use `CmdOrCtrl`, so each OS gets its own habit (⌘ on macOS,
//! Ctrl elsewhere); standard Edit items come from the OS.

use crate::startup::AppState;
use tauri::menu::{AboutMetadata, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_opener::OpenerExt;

const DOCS_URL: &str = "https://github.com/terraorbis/terraorbis#readme";

pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let about = AboutMetadata {
        name: Some("TerraOrbis".into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        comments: Some("Offline IaC editor, linter, plan review and cost".into()),
        ..Default::default()
    };
    let file = Submenu::with_items(
        app,
        "File",
        true,
        &[
            &MenuItem::with_id(app, "new_project", "New Project…", true, None::<&str>)?,
            &MenuItem::with_id(
                app,
                "open_folder",
                "Open Folder…",
                true,
                Some("CmdOrCtrl+O"),
            )?,
            &MenuItem::with_id(
                app,
                "open_plan",
                "Open Plan…",
                true,
                Some("CmdOrCtrl+Shift+O"),
            )?,
            &MenuItem::with_id(app, "open_state", "Open State…", true, None::<&str>)?,
            &MenuItem::with_id(
                app,
                "open_remote_state",
                "Open Remote State",
                true,
                None::<&str>,
            )?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "close_tab", "Close Tab", true, Some("CmdOrCtrl+W"))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, None)?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        "Edit",
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;
    let view = Submenu::with_items(
        app,
        "View",
        true,
        &[
            &MenuItem::with_id(
                app,
                "refresh_tree",
                "Refresh File Tree",
                true,
                Some("CmdOrCtrl+Shift+R"),
            )?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "show_runs", "Runs", true, None::<&str>)?,
            &MenuItem::with_id(app, "open_cost", "Cost", true, None::<&str>)?,
            &MenuItem::with_id(app, "show_credentials", "Credentials", true, None::<&str>)?,
            &MenuItem::with_id(
                app,
                "inventory_drift",
                "Inventory & Drift",
                true,
                None::<&str>,
            )?,
            &MenuItem::with_id(app, "open_clusters", "Clusters", true, None::<&str>)?,
            &MenuItem::with_id(app, "show_team", "Team Server", true, None::<&str>)?,
            &MenuItem::with_id(app, "show_requests", "Requests", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(
                app,
                "toggle_theme",
                "Toggle Theme",
                true,
                Some("CmdOrCtrl+Shift+T"),
            )?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::fullscreen(app, None)?,
        ],
    )?;
    let help = Submenu::with_items(
        app,
        "Help",
        true,
        &[
            &MenuItem::with_id(app, "docs", "Documentation", true, None::<&str>)?,
            &MenuItem::with_id(app, "open_logs", "Open Log Folder", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::about(app, Some("About TerraOrbis"), Some(about))?,
        ],
    )?;
    let menu = Menu::with_items(app, &[&file, &edit, &view, &help])?;
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| handle(app, event.id().as_ref()));
    Ok(())
}

fn handle(app: &AppHandle, id: &str) {
    match id {
        "open_folder" => {
            // The dialog blocks: run it off the main (UI) thread.
            let app = app.clone();
            std::thread::spawn(move || {
                let state = app.state::<AppState>();
                match state.pick_workspace_folder(&app) {
                    Ok(Some(info)) => {
                        let _ = app.emit("workspace-opened", info);
                    }
                    Ok(None) => {}
                    Err(err) => log::warn!("open folder: {err}"),
                }
            });
        }
        "open_plan" => {
            // Same as Open Folder: the dialog blocks, so it runs off the main thread.
            let app = app.clone();
            std::thread::spawn(move || {
                let state = app.state::<AppState>();
                let result = state.pick_plan_file(&app);
                crate::startup::announce_plan(&app, result);
            });
        }
        "open_state" => {
            // As Open Plan: the dialog blocks, so it runs off the main thread.
            let app = app.clone();
            std::thread::spawn(move || {
                let state = app.state::<AppState>();
                crate::startup::announce_state(&app, state.pick_state_file(&app));
            });
        }
        "docs" => {
            if let Err(err) = app.opener().open_url(DOCS_URL, None::<&str>) {
                log::warn!("cannot open documentation: {err}");
            }
        }
        "open_logs" => match app.path().app_log_dir() {
            Ok(dir) => {
                let _ = std::fs::create_dir_all(&dir);
                if let Err(err) = app.opener().open_path(dir.to_string_lossy(), None::<&str>) {
                    log::warn!("cannot open log folder: {err}");
                }
            }
            Err(err) => log::warn!("no log folder: {err}"),
        },
        other => {
            let _ = app.emit("menu", other);
        }
    }
}
