//! The state of one running app (or CLI invocation): the local store and the opened workspace.
//! Front ends hold one `Session` and call its methods; each method is one user operation.

use crate::dto::{DirListing, FileContent, RecentWorkspace, Settings, WorkspaceInfo};
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use crate::{files, tree};
use orbis_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

const SETTINGS_KEY: &str = "settings";
const RECENT_LIMIT: usize = 12;

pub struct Session {
    store: Mutex<Store>,
    workspace: RwLock<Option<Workspace>>,
    demo_root: Option<PathBuf>,
}

impl Session {
    /// `demo_root` is where the bundled demo workspace was written, if it was.
    pub fn new(store: Store, demo_root: Option<PathBuf>) -> Self {
        let demo_root = demo_root.and_then(|p| p.canonicalize().ok());
        Self {
            store: Mutex::new(store),
            workspace: RwLock::new(None),
            demo_root,
        }
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions), so a
        // poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn info(&self, ws: &Workspace) -> WorkspaceInfo {
        WorkspaceInfo {
            root: ws.root().display().to_string(),
            name: ws.name(),
            demo: self.demo_root.as_deref() == Some(ws.root()),
        }
    }

    /// Opens a folder as the workspace and records it in the recent list.
    pub fn open_workspace(&self, path: &Path) -> Result<WorkspaceInfo, AppError> {
        let ws = Workspace::open(path)?;
        let info = self.info(&ws);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        self.store().touch_workspace(&info.root, &info.name, now)?;
        *self.workspace.write().unwrap_or_else(|p| p.into_inner()) = Some(ws);
        Ok(info)
    }

    /// Opens the most recent workspace that still exists, else the demo workspace.
    pub fn open_startup_workspace(&self) -> Result<WorkspaceInfo, AppError> {
        let recent = self.store().recent_workspaces(RECENT_LIMIT)?;
        if let Some(existing) = recent.iter().find(|w| Path::new(&w.path).is_dir()) {
            return self.open_workspace(Path::new(&existing.path));
        }
        self.open_demo_workspace()
    }

    /// Opens the bundled demo workspace.
    pub fn open_demo_workspace(&self) -> Result<WorkspaceInfo, AppError> {
        match &self.demo_root {
            Some(demo) => self.open_workspace(&demo.clone()),
            None => Err(AppError::new(
                ErrorCode::NoWorkspace,
                "No workspace is open (the demo workspace could not be written)",
                "Choose a folder with File → Open Folder.",
            )),
        }
    }

    pub fn current_workspace(&self) -> Option<WorkspaceInfo> {
        self.workspace
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|ws| self.info(ws))
    }

    fn with_workspace<T>(
        &self,
        f: impl FnOnce(&Workspace) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let guard = self.workspace.read().unwrap_or_else(|p| p.into_inner());
        let ws = guard.as_ref().ok_or_else(|| {
            AppError::new(
                ErrorCode::NoWorkspace,
                "No workspace is open",
                "Choose a folder with File → Open Folder.",
            )
        })?;
        f(ws)
    }

    pub fn list_dir(&self, relative: &str) -> Result<DirListing, AppError> {
        let show_ignored = self.settings()?.show_ignored;
        self.with_workspace(|ws| tree::list_dir(ws, relative, show_ignored))
    }

    pub fn read_file(&self, relative: &str) -> Result<FileContent, AppError> {
        self.with_workspace(|ws| files::read_file(ws, relative))
    }

    pub fn recent_workspaces(&self) -> Result<Vec<RecentWorkspace>, AppError> {
        Ok(self
            .store()
            .recent_workspaces(RECENT_LIMIT)?
            .into_iter()
            .map(|w| RecentWorkspace {
                path: w.path,
                name: w.name,
                last_opened: w.last_opened,
            })
            .collect())
    }

    pub fn settings(&self) -> Result<Settings, AppError> {
        // A setting written by another version that no longer parses falls back to defaults
        // rather than locking the user out of the app.
        Ok(self
            .store()
            .setting::<Settings>(SETTINGS_KEY)
            .ok()
            .flatten()
            .unwrap_or_default())
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<Settings, AppError> {
        self.store().set_setting(SETTINGS_KEY, settings)?;
        Ok(settings.clone())
    }
}
