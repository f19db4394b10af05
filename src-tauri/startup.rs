//! What the shell prepares before the window shows: the local store, the demo workspace, and
//! the folder given on the command line (`terraorbis PATH`).

use orbis_app::dto::WorkspaceInfo;
use orbis_app::plan_review::{PlanReviewView, ReportFormat};
use orbis_app::state_explorer::StateView;
use orbis_app::{AppError, ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

/// The path a native dialog returned, or why it cannot be used (a non-local location, e.g. a
/// content URI where the platform gives one): `what` is "file", "folder" or "location".
pub(crate) fn chosen_path(
    choice: tauri_plugin_dialog::FilePath,
    code: ErrorCode,
    what: &str,
    hint: &str,
) -> Result<PathBuf, AppError> {
    choice
        .into_path()
        .map_err(|e| AppError::new(code, format!("The chosen {what} cannot be used: {e}"), hint))
}

pub struct AppState {
    pub session: Session,
    /// Problems met while starting, shown once as a banner (the app still starts).
    pub problems: Vec<AppError>,
    launch: Launch,
}

/// What the command line asked to open.
#[derive(Debug, Clone, PartialEq)]
enum Launch {
    /// `terraorbis PATH`: that folder.
    Folder(PathBuf),
    /// `terraorbis --demo`: the bundled demo workspace.
    Demo,
    /// Nothing: the last workspace, else the demo.
    Default,
}

impl AppState {
    pub fn initialize(app: &AppHandle) -> Result<Self, Box<dyn std::error::Error>> {
        let data_dir = app.path().app_data_dir()?;
        let mut problems = Vec::new();
        let store = match Store::open(&data_dir.join("orbis.sqlite3")) {
            Ok(store) => store,
            Err(err) => {
                // Never delete or overwrite the user's database: run on a temporary one and say so.
                log::error!("local database unusable: {err}");
                problems.push(AppError::new(
                    ErrorCode::Store,
                    format!("{err}. Settings and recent folders will not be saved this session."),
                    err.hint(),
                ));
                Store::open_in_memory()?
            }
        };
        // Runs left "running" by an app that died (crash, kill -9, power loss) are marked
        // interrupted, so the history never shows a run as still going.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        match store.mark_interrupted_runs(now) {
            Ok(0) => {}
            Ok(n) => log::warn!("{n} run(s) from a previous session were marked interrupted"),
            Err(err) => log::warn!("could not mark interrupted runs: {err}"),
        }
        let demo = match orbis_app::demo::materialize(&data_dir) {
            Ok(root) => Some(root),
            Err(err) => {
                log::warn!("demo workspace not written: {err}");
                None
            }
        };
        let args: Vec<String> = std::env::args().skip(1).collect();
        let launch = match folder_argument(
            args.iter().cloned(),
            &std::env::current_dir().unwrap_or_default(),
        ) {
            Some(folder) => Launch::Folder(folder),
            None if args.iter().any(|a| a == "--demo") => Launch::Demo,
            None => Launch::Default,
        };
        log::info!(
            "TerraOrbis {} starting; data in {}",
            env!("CARGO_PKG_VERSION"),
            data_dir.display()
        );
        let session = Session::new(store, demo);
        // Provider schemas read from the user's initialised folders are cached there.
        session.set_cache_dir(app.path().app_cache_dir().ok());
        // The language index is built as soon as a workspace opens, not at the first F12.
        session.set_language_preload(true);
        // Saved plans hold sensitive values in clear: they live in the app's data folder
        // (private to the user), never in the workspace where they could be committed.
        session.set_runs_dir(Some(data_dir.join("runs")));
        // The module catalog behind File → New Project… and the Modules view.
        session.set_catalog_dir(crate::commands_new_project::locate_catalog(app));
        // A saved team server connection syncs again in the background (never blocks start).
        session.team_resume();
        Ok(Self {
            session,
            problems,
            launch,
        })
    }

    pub fn startup_workspace(&self) -> Result<Option<WorkspaceInfo>, AppError> {
        if let Some(current) = self.session.current_workspace() {
            return Ok(Some(current));
        }
        let opened = match &self.launch {
            Launch::Folder(folder) => return self.session.open_workspace(folder).map(Some),
            Launch::Demo => self.session.open_demo_workspace(),
            Launch::Default => self.session.open_startup_workspace(),
        };
        match opened {
            Ok(info) => Ok(Some(info)),
            Err(err) if err.code == ErrorCode::NoWorkspace => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// The native folder picker. The webview never sends a path to open: only the user's
    /// choice here, the command line or the recent list open a workspace.
    pub fn pick_workspace_folder(
        &self,
        app: &AppHandle,
    ) -> Result<Option<WorkspaceInfo>, AppError> {
        let Some(choice) = app
            .dialog()
            .file()
            .set_title("Open Folder")
            .blocking_pick_folder()
        else {
            return Ok(None);
        };
        let path = chosen_path(
            choice,
            ErrorCode::WorkspaceNotFound,
            "folder",
            "Choose a local folder.",
        )?;
        if !crate::unsaved::confirm_leaving(app, &self.session, "opening another folder") {
            return Ok(None);
        }
        self.session.open_workspace(&path).map(Some)
    }

    /// The native Open Plan dialog (plans may live anywhere, e.g. a CI artifact download).
    pub fn pick_plan_file(&self, app: &AppHandle) -> Result<Option<PlanReviewView>, AppError> {
        let mut dialog = app
            .dialog()
            .file()
            .set_title("Open Plan")
            .add_filter("Plan JSON (terraform show -json)", &["json"]);
        if let Some(ws) = self.session.current_workspace() {
            dialog = dialog.set_directory(ws.root);
        }
        let Some(choice) = dialog.blocking_pick_file() else {
            return Ok(None);
        };
        let path = chosen_path(
            choice,
            ErrorCode::PlanInvalid,
            "file",
            "Choose a local plan JSON file.",
        )?;
        self.session.open_plan_file(&path).map(Some)
    }

    /// The native Open State dialog (states are usually git-ignored, so often hidden in the
    /// tree, and may live outside the workspace, e.g. a `terraform state pull` output).
    pub fn pick_state_file(&self, app: &AppHandle) -> Result<Option<StateView>, AppError> {
        let mut dialog = app
            .dialog()
            .file()
            .set_title("Open State")
            .add_filter("Terraform state", &["tfstate", "backup", "json"]);
        if let Some(ws) = self.session.current_workspace() {
            dialog = dialog.set_directory(ws.root);
        }
        let Some(choice) = dialog.blocking_pick_file() else {
            return Ok(None);
        };
        let path = chosen_path(
            choice,
            ErrorCode::StateInvalid,
            "file",
            "Choose a local state file.",
        )?;
        self.session.open_state_file(&path).map(Some)
    }

    /// The native save dialog for a Plan Review export; returns where it was saved.
    pub fn export_plan_report(
        &self,
        app: &AppHandle,
        format: ReportFormat,
    ) -> Result<Option<String>, AppError> {
        let name = self.session.plan_report_file_name(format)?;
        let Some(choice) = app
            .dialog()
            .file()
            .set_title(format!("Export Plan Review as {}", format.label()))
            .set_file_name(name)
            .add_filter(format.label(), &[format.extension()])
            .blocking_save_file()
        else {
            return Ok(None);
        };
        let path = chosen_path(choice, ErrorCode::Io, "location", "Choose a local folder.")?;
        self.session.export_plan_report(format, &path)?;
        Ok(Some(path.display().to_string()))
    }

    /// Opens a folder of the recent list; `None` when the user chose to stay (unsaved edits).
    pub fn open_recent_workspace(
        &self,
        app: &AppHandle,
        path: &str,
    ) -> Result<Option<WorkspaceInfo>, AppError> {
        let known = self
            .session
            .recent_workspaces()?
            .iter()
            .any(|w| w.path == path);
        if !known {
            return Err(AppError::new(
                ErrorCode::OutsideWorkspace,
                format!("{path} is not in the recent folders list"),
                "Open it with File → Open Folder.",
            ));
        }
        if !crate::unsaved::confirm_leaving(app, &self.session, "opening another folder") {
            return Ok(None);
        }
        self.session.open_workspace(Path::new(path)).map(Some)
    }
}

/// Forwards the editor's disk events to the UI: `file-changed` (a `DiskChange`) and
/// `diagnostics` (a `DocumentDiagnostics`). The watcher lives in `orbis-app` and follows the
/// workspace when another one is opened.
pub fn watch_workspace(app: &AppHandle, state: &AppState) {
    let app = app.clone();
    let started = state.session.watch(move |event| match event {
        orbis_app::editor::EditorEvent::FileChanged(change) => {
            let _ = app.emit("file-changed", change);
        }
        orbis_app::editor::EditorEvent::Diagnostics(diags) => {
            let _ = app.emit("diagnostics", diags);
        }
    });
    if let Err(err) = started {
        log::warn!("workspace watcher not started: {err}");
    }
}

/// The first argument that names an existing folder (flags are skipped).
fn folder_argument(args: impl Iterator<Item = String>, cwd: &Path) -> Option<PathBuf> {
    args.filter(|a| !a.starts_with('-'))
        .map(|a| cwd.join(a))
        .find(|p| p.is_dir())
}

/// A second launch hands over its arguments: focus the window and open the folder it names.
pub fn open_from_second_instance(app: &AppHandle, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    let Some(folder) = folder_argument(argv.into_iter().skip(1), Path::new(&cwd)) else {
        return;
    };
    // Asking about unsaved edits blocks on a dialog: not on the main thread.
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        if !crate::unsaved::confirm_leaving(&app, &state.session, "opening another folder") {
            return;
        }
        match state.session.open_workspace(&folder) {
            Ok(info) => {
                let _ = app.emit("workspace-opened", info);
            }
            Err(err) => log::warn!("second instance folder not opened: {err}"),
        }
    });
}

/// Tells the UI about a state opened outside its own calls (menu dialog, drop).
pub fn announce_state(app: &AppHandle, result: Result<Option<StateView>, AppError>) {
    match result {
        Ok(Some(view)) => {
            log::info!("state {} opened in {} ms", view.location, view.elapsed_ms);
            let _ = app.emit("state-opened", view);
        }
        Ok(None) => {}
        Err(err) => {
            log::warn!("state not opened: {err}");
            let _ = app.emit("plan-error", err);
        }
    }
}

/// Tells the UI about a plan opened outside its own calls (menu dialog, drop): the review, or
/// the error with its hint for the banner.
pub fn announce_plan(app: &AppHandle, result: Result<Option<PlanReviewView>, AppError>) {
    match result {
        Ok(Some(view)) => {
            log::info!("plan {} opened in {} ms", view.location, view.elapsed_ms);
            let _ = app.emit("plan-opened", view);
        }
        Ok(None) => {}
        Err(err) => {
            log::warn!("plan not opened: {err}");
            let _ = app.emit("plan-error", err);
        }
    }
}

/// A drop on the window: a folder opens as the workspace, a file in Plan Review. Runs off the
/// event loop (loading a big plan takes a while).
pub fn open_dropped(app: &AppHandle, paths: Vec<PathBuf>) {
    let Some(first) = paths.into_iter().next() else {
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        if first.is_dir() {
            if !crate::unsaved::confirm_leaving(&app, &state.session, "opening another folder") {
                return;
            }
            match state.session.open_workspace(&first) {
                Ok(info) => {
                    let _ = app.emit("workspace-opened", info);
                }
                Err(err) => {
                    let _ = app.emit("plan-error", err);
                }
            }
            return;
        }
        // A workspace file that is not a plan (main.tf) opens in the editor, by the relative
        // path the webview is allowed to use; anything else is reviewed as a plan (or its
        // error is shown).
        if orbis_app::state_explorer::is_state_file(&first) {
            announce_state(&app, state.session.open_state_file(&first).map(Some));
            return;
        }
        if !orbis_app::plan_review::file_looks_like_plan(&first) {
            if let Some(relative) = state.session.workspace_relative(&first) {
                let _ = app.emit("open-file", relative);
                return;
            }
        }
        announce_plan(&app, state.session.open_plan_file(&first).map(Some));
    });
}
