//! The state of one running app (or CLI invocation): the local store and the opened workspace.
//! Front ends hold one `Session` and call its methods; each method is one user operation.

use crate::dto::{DirListing, FileContent, RecentWorkspace, Settings, WorkspaceInfo};
use crate::editor::dto::{
    CompletionList, EditResult, HoverInfo, Location, OpenDocument, OutlineItem, RenamePreview,
    RenameResult, SaveResult, SearchQuery, SearchResults, TextChange, WorkspaceProblems,
};
use crate::editor::language::LanguageStatus;
use crate::editor::{Editor, EditorEvent};
use crate::error::{AppError, ErrorCode};
use crate::plan_checks;
use crate::plan_review::{self, LoadedReview, PlanChangeDetail, PlanReviewView, ReportFormat};
use crate::runs::dto::{
    RunEnvironment, RunFilter, RunLog, RunStarted, RunSummary, StartRunRequest,
};
use crate::runs::{RunSink, Runs};
use crate::state_explorer::{self, LoadedState, StateInstanceDetail, StateView};
use crate::workspace::Workspace;
use crate::{files, tree};
use orbis_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

const SETTINGS_KEY: &str = "settings";
const RECENT_LIMIT: usize = 12;

pub struct Session {
    /// Shared with the threads of running runs, which write their history.
    store: Arc<Mutex<Store>>,
    workspace: RwLock<Option<Workspace>>,
    demo_root: Option<PathBuf>,
    /// The plan open in Plan Review (one at a time; opening another replaces it).
    plan: RwLock<Option<LoadedReview>>,
    state: RwLock<Option<LoadedState>>,
    /// The last drift scan (Inventory & Drift; see drift_view.rs).
    drift: Mutex<Option<crate::drift_view::LoadedDrift>>,
    /// Open documents, their diagnostics, and the disk watcher (shared with its thread).
    editor: Arc<Editor>,
    /// Runs started from the app (live ones, approvals of this session).
    runs: Runs,
    /// The module catalog folder and the New Project wizard's chosen folder.
    pub(crate) new_project: crate::new_project::NewProjectState,
    /// The Cost view's usage file and last estimate (`cost_view.rs`).
    pub(crate) cost: crate::cost_view::CostState,
    /// The Clusters view: kubeconfig sources and the live connection (`clusters/`).
    clusters: crate::clusters::Clusters,
    /// The Credentials view's live verdicts and settings (`credentials/`).
    credentials: crate::credentials::Credentials,
    /// Team server sync: connection state and the background sync (`team/`).
    #[cfg_attr(not(feature = "team"), allow(dead_code))]
    pub(crate) team: crate::team::Team,
}

impl Session {
    /// `demo_root` is where the bundled demo workspace was written, if it was.
    pub fn new(store: Store, demo_root: Option<PathBuf>) -> Self {
        let demo_root = demo_root.and_then(|p| p.canonicalize().ok());
        Self {
            store: Arc::new(Mutex::new(store)),
            workspace: RwLock::new(None),
            demo_root,
            plan: RwLock::new(None),
            state: RwLock::new(None),
            drift: Mutex::new(None),
            editor: Arc::new(Editor::default()),
            runs: Runs::default(),
            new_project: Default::default(),
            cost: Default::default(),
            clusters: Default::default(),
            credentials: Default::default(),
            team: Default::default(),
        }
    }

    pub(crate) fn clusters(&self) -> &crate::clusters::Clusters {
        &self.clusters
    }

    pub(crate) fn credentials(&self) -> &crate::credentials::Credentials {
        &self.credentials
    }

    pub(crate) fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions), so a
        // poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The store itself, for background threads (the team sync) that outlive a call.
    #[cfg_attr(not(feature = "team"), allow(dead_code))]
    pub(crate) fn shared_store(&self) -> Arc<Mutex<Store>> {
        self.store.clone()
    }

    pub(crate) fn drift_slot(
        &self,
    ) -> std::sync::MutexGuard<'_, Option<crate::drift_view::LoadedDrift>> {
        self.drift.lock().unwrap_or_else(|p| p.into_inner())
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
        let root = ws.root().to_path_buf();
        *self.workspace.write().unwrap_or_else(|p| p.into_inner()) = Some(ws);
        // Documents of the previous workspace close; the watcher follows the new folder.
        self.editor.workspace_changed(&root);
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

    pub(crate) fn with_workspace<T>(
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

    /// Opens a plan inside the workspace in Plan Review (a path from the UI: it is resolved
    /// inside the workspace like every other path the webview sends).
    pub fn open_plan(&self, relative: &str) -> Result<PlanReviewView, AppError> {
        let (path, location) = self.with_workspace(|ws| {
            let path = ws.resolve(relative)?;
            let location = ws.relative(&path).unwrap_or_else(|| relative.to_owned());
            Ok((path, location))
        })?;
        self.load_plan(&path, &location)
    }

    /// Opens a state file of the workspace in the State Explorer (read only, redacted).
    pub fn open_state(&self, relative: &str) -> Result<StateView, AppError> {
        let (path, location) = self.with_workspace(|ws| {
            let path = ws.resolve(relative)?;
            let location = ws.relative(&path).unwrap_or_else(|| relative.to_owned());
            Ok((path, location))
        })?;
        self.load_state(&path, &location)
    }

    /// Opens a state file chosen by the user outside the webview (File → Open State…, a
    /// drop). Never call this with a path that came from the webview.
    pub fn open_state_file(&self, path: &Path) -> Result<StateView, AppError> {
        let location = self
            .workspace_relative(path)
            .unwrap_or_else(|| path.display().to_string());
        self.load_state(path, &location)
    }

    /// Makes `loaded` the State Explorer's open state (a remote state read by `remote_state`).
    #[cfg_attr(not(feature = "cloud"), allow(dead_code))]
    pub(crate) fn set_loaded_state(&self, loaded: LoadedState) {
        *self.state.write().unwrap_or_else(|p| p.into_inner()) = Some(loaded);
    }

    /// The location (`s3://…`) of the remote state open in the State Explorer, if one is.
    pub(crate) fn open_remote_location(&self) -> Option<String> {
        let guard = self.state.read().unwrap_or_else(|p| p.into_inner());
        let remote = guard.as_ref()?.view().remote.as_ref()?;
        Some(remote.url.clone())
    }

    /// A copy of the open remote state when `location` names it (for Inventory & Drift).
    pub(crate) fn open_remote_state_copy(&self, location: &str) -> Option<orbis_state::State> {
        let guard = self.state.read().unwrap_or_else(|p| p.into_inner());
        let loaded = guard.as_ref()?;
        (loaded.view().remote.as_ref()?.url == location).then(|| loaded.state().clone())
    }

    fn load_state(&self, path: &Path, location: &str) -> Result<StateView, AppError> {
        // Its configuration, when it lies inside the workspace ("show in code" needs it).
        let module_dir = state_explorer::module_dir_of(path)
            .filter(|dir| self.workspace_relative(dir).is_some());
        let loaded = state_explorer::load(path, location, module_dir)?;
        let view = loaded.view().clone();
        *self.state.write().unwrap_or_else(|p| p.into_inner()) = Some(loaded);
        Ok(view)
    }

    /// One instance of the open state: attributes (redacted), dependencies, dependents and the
    /// block declaring it.
    pub fn state_instance(&self, address: &str) -> Result<StateInstanceDetail, AppError> {
        let guard = self.state.read().unwrap_or_else(|p| p.into_inner());
        let loaded = guard.as_ref().ok_or_else(no_state)?;
        state_explorer::detail(loaded, address, &|p| self.workspace_relative(p))
    }

    /// Addresses of the open state's instances whose address, id or values contain `query`.
    pub fn search_state(&self, query: &str) -> Result<Vec<String>, AppError> {
        let guard = self.state.read().unwrap_or_else(|p| p.into_inner());
        let loaded = guard.as_ref().ok_or_else(no_state)?;
        Ok(state_explorer::search(loaded, query))
    }

    /// Opens a plan file chosen by the user outside the webview: the native Open Plan dialog,
    /// or a file dropped on the window. Never call this with a path that
    /// came from the webview.
    pub fn open_plan_file(&self, path: &Path) -> Result<PlanReviewView, AppError> {
        let location = self
            .workspace_relative(path)
            .unwrap_or_else(|| path.display().to_string());
        self.load_plan(path, &location)
    }

    /// The workspace-relative path of a file given by the OS (a drop), when it is inside the
    /// open workspace: the only form of it the webview may get and send back.
    pub fn workspace_relative(&self, path: &Path) -> Option<String> {
        let real = path.canonicalize().ok()?;
        self.workspace
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .and_then(|ws| ws.relative(&real))
    }

    fn load_plan(&self, path: &Path, location: &str) -> Result<PlanReviewView, AppError> {
        // The workspace's `.orbis.toml` ([lint], [cost.budgets]); none when no workspace.
        let settings = self
            .with_workspace(|ws| Ok(plan_review::settings_path(ws.root())))
            .ok()
            .map(|p| plan_checks::PlanCheckSettings::load(&p))
            .unwrap_or_else(|| Ok(plan_checks::PlanCheckSettings::default()));
        let settings = crate::team::in_force::with_team_budget(settings, self.team_rules().budget);
        let loaded = plan_review::load(path, location, settings)?;
        let view = loaded.view().clone();
        *self.plan.write().unwrap_or_else(|p| p.into_inner()) = Some(loaded);
        self.record_plan_cost(&view);
        Ok(view)
    }

    pub(crate) fn with_plan<T>(
        &self,
        f: impl FnOnce(&LoadedReview) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let guard = self.plan.read().unwrap_or_else(|p| p.into_inner());
        let plan = guard.as_ref().ok_or_else(no_plan)?;
        f(plan)
    }

    /// Runs the bundled policies on the open plan and returns its view with their results
    /// and the final verdict. Done apart from `open_plan` so a big plan shows at once; if
    /// another plan was opened meanwhile, that plan's view comes back (the UI compares `id`).
    pub fn check_plan_policies(&self) -> Result<PlanReviewView, AppError> {
        let (id, inputs) = self.with_plan(|p| {
            let pending = !p.view().policy_checked;
            Ok((p.view().id, pending.then(|| p.policy_inputs())))
        })?;
        // Outside the lock: Rego on a big plan takes seconds. The team's packs run beside
        // the bundled ones.
        let team = inputs.as_ref().map(|_| self.team_rules().policies);
        let result = inputs
            .zip(team)
            .map(|(docs, team)| plan_review::evaluate_policies(&docs, team));
        let mut guard = self.plan.write().unwrap_or_else(|p| p.into_inner());
        let plan = guard.as_mut().ok_or_else(no_plan)?;
        if let Some((findings, ms)) = result {
            if plan.view().id == id && !plan.view().policy_checked {
                plan.apply_policies(findings, ms);
            }
        }
        Ok(plan.view().clone())
    }

    /// The plan open in Plan Review (after the menu or a drop opened one), if any.
    pub fn current_plan(&self) -> Option<PlanReviewView> {
        self.with_plan(|p| Ok(p.view().clone())).ok()
    }

    /// One change's attribute diff, risk reasons and policy results.
    pub fn plan_change(&self, index: u32) -> Result<PlanChangeDetail, AppError> {
        self.with_plan(|p| p.change(index))
    }

    /// The open review rendered for export (redacted, like everything the engine renders).
    pub fn plan_report(&self, format: ReportFormat) -> Result<String, AppError> {
        // A report without its policy results would understate the verdict.
        self.check_plan_policies()?;
        self.with_plan(|p| Ok(p.report(format)))
    }

    /// Suggested file name for an export (`sample-plan-review.md`).
    pub fn plan_report_file_name(&self, format: ReportFormat) -> Result<String, AppError> {
        self.with_plan(|p| Ok(p.report_file_name(format)))
    }

    /// Writes the export to a path the user chose in the native save dialog.
    pub fn export_plan_report(&self, format: ReportFormat, path: &Path) -> Result<(), AppError> {
        let text = self.plan_report(format)?;
        std::fs::write(path, text).map_err(|e| AppError::io("write", path, &e))
    }
}

/// The editor (issue 6). Paths are workspace-relative like every path from the webview;
/// positions are UTF-16 offsets (see `editor::dto`).
impl Session {
    /// Opens a file in the editor (or returns the open buffer): text, version, diagnostics.
    /// Plans and binary files are refused; files over the editor's size limit too.
    pub fn open_document(&self, path: &str) -> Result<OpenDocument, AppError> {
        self.with_workspace(|ws| self.editor.open(ws, path))
    }

    /// Applies the editor's changes (relative to `version`, which must be the held one) and
    /// returns the new version with the diagnostics of the document and of the other open
    /// documents of its module that changed.
    pub fn edit_document(
        &self,
        path: &str,
        version: u32,
        changes: &[TextChange],
    ) -> Result<EditResult, AppError> {
        self.with_workspace(|ws| self.editor.edit(ws, path, version, changes))
    }

    /// Replaces the whole buffer (after `DocumentOutOfSync`); the version moves on by one.
    pub fn set_document_text(&self, path: &str, text: String) -> Result<EditResult, AppError> {
        self.with_workspace(|ws| self.editor.set_text(ws, path, text))
    }

    /// Writes the buffer atomically. When the file changed on disk since it was read or
    /// saved, nothing is written unless `overwrite` (the result says `conflict`).
    pub fn save_document(&self, path: &str, overwrite: bool) -> Result<SaveResult, AppError> {
        self.with_workspace(|ws| self.editor.save(ws, path, overwrite))
    }

    /// Discards the buffer and reads the file again.
    pub fn reload_document(&self, path: &str) -> Result<OpenDocument, AppError> {
        self.with_workspace(|ws| self.editor.reload(ws, path))
    }

    /// Open documents with unsaved edits: the app asks before anything would drop them
    /// (opening another workspace, closing the window).
    pub fn unsaved_documents(&self) -> Vec<String> {
        self.editor.unsaved()
    }

    /// Saves every open document with unsaved edits. Stops at the first file that changed on
    /// disk meanwhile (nothing is overwritten without the user's say: they resolve it in the
    /// editor) or cannot be written; the files saved before it stay saved.
    pub fn save_all_documents(&self) -> Result<Vec<String>, AppError> {
        let mut saved = Vec::new();
        for path in self.unsaved_documents() {
            let r = self.save_document(&path, false)?;
            if r.conflict {
                return Err(AppError::new(
                    ErrorCode::Io,
                    format!("{path} changed on disk since it was opened; it was not saved."),
                    "Open it, choose Overwrite or Reload in its banner, then try again.",
                ));
            }
            saved.push(r.path);
        }
        Ok(saved)
    }

    pub fn close_document(&self, path: &str) -> Result<(), AppError> {
        self.with_workspace(|ws| self.editor.close(ws, path))
    }

    /// Parse errors and lint findings of every indexed file of the workspace.
    pub fn workspace_problems(&self) -> Result<WorkspaceProblems, AppError> {
        self.with_workspace(|ws| Ok(self.editor.workspace_problems(ws)))
    }

    /// Text, regex or symbol search over the workspace.
    pub fn search_workspace(&self, query: &SearchQuery) -> Result<SearchResults, AppError> {
        self.with_workspace(|ws| self.editor.search(ws, query))
    }

    /// The workspace opened now (a copy, so long operations do not hold the lock that opening
    /// another workspace needs).
    pub(crate) fn current(&self) -> Result<Workspace, AppError> {
        self.with_workspace(|ws| Ok(ws.clone()))
    }

    /// Go to definition of the symbol at `offset` (UTF-16) of `path`: its declarations (empty
    /// when it is declared nowhere; `NoSymbol` when there is no symbol at the cursor).
    pub fn definition(&self, path: &str, offset: u32) -> Result<Vec<Location>, AppError> {
        self.editor.definition(&self.current()?, path, offset)
    }

    /// Every reference of the symbol at the cursor across the workspace, its declaration
    /// included.
    pub fn references(&self, path: &str, offset: u32) -> Result<Vec<Location>, AppError> {
        self.editor.references(&self.current()?, path, offset)
    }

    /// What renaming the symbol at the cursor to `new_name` would change (nothing is changed).
    pub fn rename_preview(
        &self,
        path: &str,
        offset: u32,
        new_name: &str,
    ) -> Result<RenamePreview, AppError> {
        self.editor
            .rename_preview(&self.current()?, path, offset, new_name)
    }

    /// Renames (the plan is computed again): open documents change in their buffers, left
    /// unsaved; other files are written. Nothing changes when any file cannot be.
    pub fn apply_rename(
        &self,
        path: &str,
        offset: u32,
        new_name: &str,
    ) -> Result<RenameResult, AppError> {
        self.editor
            .apply_rename(&self.current()?, path, offset, new_name)
    }

    /// Completion candidates at the cursor.
    pub fn completions(&self, path: &str, offset: u32) -> Result<CompletionList, AppError> {
        self.editor.completions(&self.current()?, path, offset)
    }

    /// Hover text at the cursor (Markdown), if there is any.
    pub fn hover(&self, path: &str, offset: u32) -> Result<Option<HoverInfo>, AppError> {
        self.editor.hover(&self.current()?, path, offset)
    }

    /// The blocks and attributes of a file, as a tree.
    pub fn outline(&self, path: &str) -> Result<Vec<OutlineItem>, AppError> {
        self.editor.outline(&self.current()?, path)
    }

    /// The changes that format an open document like `terraform fmt` (empty when it already
    /// is); `FormatSyntaxError` when it does not parse.
    pub fn format_document(&self, path: &str) -> Result<Vec<TextChange>, AppError> {
        self.editor.format_document(&self.current()?, path)
    }

    /// Where provider schemas read from initialised folders are cached between runs (the
    /// app's cache folder; without one they are read again each session).
    pub fn set_cache_dir(&self, dir: Option<PathBuf>) {
        self.editor.set_schema_cache_dir(dir);
    }

    /// Loads the language model of each workspace in the background as soon as it opens (the
    /// desktop app), instead of at the first definition/completion/… request.
    pub fn set_language_preload(&self, preload: bool) {
        self.editor.set_language_preload(preload);
    }

    /// The terraform (or tofu) binary that reads provider schemas, instead of the one on
    /// `PATH`.
    pub fn set_terraform_binary(&self, binary: Option<PathBuf>) {
        self.editor.set_schema_binary(binary);
    }

    /// How far the language model of the workspace is (index, provider schemas).
    pub fn language_status(&self) -> LanguageStatus {
        self.editor.language_status()
    }

    /// Reports disk changes of the workspace (and the diagnostics they change) to `sink`,
    /// from a background thread, until the session ends; follows the workspace when another
    /// one is opened.
    pub fn watch(
        &self,
        sink: impl Fn(EditorEvent) + Send + Sync + 'static,
    ) -> Result<(), AppError> {
        self.editor.watch(Arc::new(sink))
    }
}

/// Runs (issue 9): init / plan / apply of the open workspace, live updates, cancel, history,
/// and the approval gate between a plan's review and its apply (see `runs`).
impl Session {
    /// Where saved plans are kept (the app's data folder; a temp folder in tests).
    pub fn set_runs_dir(&self, dir: Option<PathBuf>) {
        self.runs.set_dir(dir);
    }

    /// The terraform (or tofu) binary for runs, instead of the one on `PATH`.
    pub fn set_run_binary(&self, binary: Option<PathBuf>) {
        self.runs.set_binary(binary);
    }

    /// Plain (non-secret) variables for every run, e.g. `TF_CLI_CONFIG_FILE`.
    pub fn set_run_env(&self, env: Vec<(String, String)>) {
        self.runs.set_env(env);
    }

    /// The environments of `.orbis.toml` (`[runs.environments.NAME]`).
    pub fn run_environments(&self) -> Result<Vec<RunEnvironment>, AppError> {
        self.with_workspace(|ws| self.runs.environments(ws))
    }

    /// Starts a run and returns at once; its updates go to `sink` from another thread, the
    /// last one `finished`.
    pub fn start_run(
        &self,
        request: &StartRunRequest,
        sink: RunSink,
    ) -> Result<RunStarted, AppError> {
        let ws = self.current()?;
        // The workspace's run secrets from the OS keychain, for the child process only.
        let secrets = self.run_secret_env(ws.root())?;
        // A "Check live" of the run's AWS context this session names who runs (offline).
        let verified = |ctx: &str| self.live_aws_identity(ctx);
        // A teammate's approval of exactly this plan, pulled from the team server, confirms it.
        if let (crate::runs::dto::RunKind::Apply, Some(plan)) = (request.kind, request.plan_run_id)
        {
            let approves = |sha: &str, env: &str| self.team_approves_plan(sha, env);
            self.runs
                .approve_from_team(&ws, &self.store, plan, &approves);
        }
        self.runs
            .start(&ws, &self.store, request, secrets, &verified, sink)
    }

    /// First: interrupt (terraform stops gracefully). `hard` (after the person confirmed):
    /// kill, which may leave the state locked or an `errored.tfstate`.
    pub fn cancel_run(&self, id: i64, hard: bool) -> Result<(), AppError> {
        self.runs.cancel(id, hard)
    }

    /// Runs still going (the app asks before quitting would orphan them).
    pub fn running_runs(&self) -> Vec<i64> {
        self.runs.running()
    }

    /// Interrupts every running run (graceful), waits up to `grace` for them to stop, then
    /// kills what is left and waits for those to be recorded. For quitting the app: a
    /// terraform left running without it would hold the state lock unseen.
    pub fn stop_all_runs(&self, grace: std::time::Duration) {
        for id in self.runs.running() {
            let _ = self.runs.cancel(id, false);
        }
        if !self.runs.wait_idle(grace) {
            for id in self.runs.running() {
                let _ = self.runs.cancel(id, true);
            }
            self.runs.wait_idle(std::time::Duration::from_secs(10));
        }
    }

    /// Removes the open workspace's old saved plans (also done when a plan starts): see
    /// `runs::prune` for what is kept. Returns the run ids whose plans were removed.
    pub fn prune_run_plans(&self) -> Result<Vec<i64>, AppError> {
        let ws = self.current()?;
        self.runs.prune(&ws, &self.store)
    }

    /// The open workspace's runs, newest first.
    pub fn list_runs(&self, filter: &RunFilter) -> Result<Vec<RunSummary>, AppError> {
        let ws = self.current()?;
        self.runs.list(&ws, &self.store, filter)
    }

    /// A run's log as kept in history (redacted by the runner, bounded).
    pub fn run_log(&self, id: i64) -> Result<RunLog, AppError> {
        let ws = self.current()?;
        self.runs.log(&ws, &self.store, id)
    }

    /// Opens a plan run's saved plan in Plan Review.
    pub fn open_run_plan(&self, id: i64) -> Result<PlanReviewView, AppError> {
        let ws = self.current()?;
        let json = self.runs.plan_json(&ws, &self.store, id)?;
        let loaded = self.load_plan(&json, &format!("plan of run #{id}"));
        // The review keeps its redacted model: the clear-text JSON is not needed any more.
        let _ = std::fs::remove_file(&json);
        let view = loaded?;
        self.runs.reviewing(view.id, id);
        Ok(view)
    }

    /// Confirms run `id`'s plan for apply; it must be the plan open in Plan Review now.
    pub fn approve_run_plan(&self, id: i64) -> Result<RunSummary, AppError> {
        let ws = self.current()?;
        let open = self.current_plan().map(|v| v.id);
        let run = self.runs.approve(&ws, &self.store, id, open)?;
        self.team_local_approval(&run);
        Ok(run)
    }
}

fn no_plan() -> AppError {
    AppError::new(
        ErrorCode::NoPlan,
        "No plan is open",
        "Open one with File → Open Plan… or click a plan JSON file in the tree.",
    )
}

fn no_state() -> AppError {
    AppError::new(
        ErrorCode::NoState,
        "No state is open.",
        "Open a terraform.tfstate file from the file tree (show ignored files) or File → Open State….",
    )
}
