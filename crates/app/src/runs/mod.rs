//! Runs from the app (issue 9): init / plan / apply of the open workspace through
//! `orbis-runner`, with live updates to a sink, cancel, history in the store and the approval
//! gate. Saved plans live in the app's data folder (`<runs dir>/<workspace hash>/plan-ID.tfplan`),
//! never in the workspace: a plan file holds sensitive values in clear and must not end up in
//! the user's repository, the file tree or the watcher. An apply takes only the saved plan of an
//! earlier plan run that was opened in Plan Review and confirmed there; the confirmation is
//! kept in the store (it survives a restart) and the file is hashed again against it right
//! before running. One run at a time: a second start while one goes is refused.

pub mod dto;
pub mod environments;
pub mod identity;
pub mod prune;
pub mod updates;

use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use dto::*;
use orbis_runner::{
    CancelHandle, Environment, Operation, Outcome, RunError, RunEvent, RunRequest,
    WorkspaceSettings,
};
use orbis_store::{NewRun, RunApproval, RunEnd, RunRecord, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::time::Duration;

/// Receives a run's updates, from a background thread.
pub type RunSink = Arc<dyn Fn(RunEventMessage) + Send + Sync>;

/// How often the log gathered so far is written to history while a run goes (a run the app
/// dies during keeps it), and at most how much is held before that.
const LOG_FLUSH_BYTES: usize = 16 * 1024;
const SHOW_TIMEOUT: Duration = Duration::from_secs(120);

struct Active {
    cancel: CancelHandle,
    requests: u32,
    /// "A plan of my-workspace": what a refused second start names.
    what: String,
}

/// The plan open in Plan Review, when it came from a run: what "confirm" approves.
#[derive(Clone)]
struct Reviewed {
    view_id: u32,
    run_id: i64,
}

#[derive(Default)]
pub struct Runs {
    rt: OnceLock<Result<tokio::runtime::Runtime, String>>,
    dir: RwLock<Option<PathBuf>>,
    binary: RwLock<Option<PathBuf>>,
    /// Plain (non-secret) variables added to every run's environment.
    env: RwLock<Vec<(String, String)>>,
    active: Arc<Mutex<HashMap<i64, Active>>>,
    /// Held for the whole of `start`, so two starts cannot both find no run going.
    starting: Mutex<()>,
    /// Signalled whenever a run ends (`wait_idle`).
    ended: Arc<Condvar>,
    reviewed: Mutex<Option<Reviewed>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn internal(what: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        format!("Runs are unavailable: {what}"),
        "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
    )
}

/// The runner's refusals and failures, told apart for the UI.
pub fn run_error(err: &RunError) -> AppError {
    let code = match err {
        RunError::NotApproved { .. } => ErrorCode::RunNotApproved,
        RunError::ConfirmationMismatch { .. } => ErrorCode::RunConfirmation,
        RunError::Spawn { .. } | RunError::Version { .. } => ErrorCode::RunnerMissing,
        RunError::WorkingDir { .. } | RunError::Io { .. } => ErrorCode::NotFound,
        RunError::Usage(_) => ErrorCode::RunFailed,
    };
    AppError::new(code, err.to_string(), err.hint())
}

fn not_approved(id: i64) -> AppError {
    AppError::new(
        ErrorCode::RunNotApproved,
        format!("The plan of run #{id} has not been confirmed"),
        "Open it in Plan Review, read it, and confirm it there; then apply.",
    )
}

fn status(s: orbis_store::RunStatus) -> RunStatus {
    use orbis_store::RunStatus as S;
    match s {
        S::Running => RunStatus::Running,
        S::Succeeded => RunStatus::Succeeded,
        S::Failed => RunStatus::Failed,
        S::Cancelled => RunStatus::Cancelled,
        S::Interrupted => RunStatus::Interrupted,
    }
}

/// The subcommand of a recorded command line (`terraform plan -json …` → `plan`).
fn operation_of(command: &str) -> String {
    command
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

impl Runs {
    fn rt(&self) -> Result<&tokio::runtime::Runtime, AppError> {
        self.rt
            .get_or_init(|| {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("orbis-runs")
                    .enable_all()
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(internal)
    }

    /// Waits for a future on the runs runtime from any thread (a Tauri blocking thread
    /// included, where `block_on` would be refused).
    fn wait<T: Send + 'static>(
        &self,
        fut: impl std::future::Future<Output = T> + Send + 'static,
    ) -> Result<T, AppError> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.rt()?.spawn(async move {
            let _ = tx.send(fut.await);
        });
        rx.recv().map_err(internal)
    }

    pub fn set_dir(&self, dir: Option<PathBuf>) {
        *self.dir.write().unwrap_or_else(|p| p.into_inner()) = dir;
    }

    pub fn set_binary(&self, binary: Option<PathBuf>) {
        *self.binary.write().unwrap_or_else(|p| p.into_inner()) = binary;
    }

    pub fn set_env(&self, env: Vec<(String, String)>) {
        *self.env.write().unwrap_or_else(|p| p.into_inner()) = env;
    }

    fn env(&self) -> Vec<(String, String)> {
        self.env.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn binary(&self) -> Result<PathBuf, AppError> {
        let chosen = self
            .binary
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        chosen
            .or_else(|| orbis_runner::which("terraform"))
            .or_else(|| orbis_runner::which("tofu"))
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::RunnerMissing,
                    "No terraform or tofu was found on PATH",
                    "Install Terraform or OpenTofu (or put it on PATH) and restart TerraOrbis.",
                )
            })
    }

    /// This workspace's folder for saved plans (created private to the user).
    fn plans_dir(&self, root: &Path) -> Result<PathBuf, AppError> {
        let base = self
            .dir
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::Io,
                    "There is no data folder to keep saved plans in",
                    "Check that the app's data folder is writable and restart TerraOrbis.",
                )
            })?;
        use sha2::{Digest, Sha256};
        let hash = hex::encode(Sha256::digest(root.to_string_lossy().as_bytes()));
        let dir = base.join(&hash[..16]);
        create_private_dir(&dir)?;
        Ok(dir)
    }

    fn plan_file(&self, root: &Path, id: i64) -> Result<PathBuf, AppError> {
        Ok(self.plans_dir(root)?.join(format!("plan-{id}.tfplan")))
    }

    fn summary(&self, store: &Mutex<Store>, root: &Path, r: RunRecord) -> RunSummary {
        let approved = lock(store)
            .run_approval(r.id)
            .ok()
            .flatten()
            .map(|a| a.plan_sha256);
        summarize(r, self.plans_dir(root).ok().as_deref(), approved.as_ref())
    }

    fn record(store: &Mutex<Store>, ws: &Workspace, id: i64) -> Result<RunRecord, AppError> {
        let found = lock(store).run(id)?;
        found
            .filter(|r| Path::new(&r.workspace) == ws.root())
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("There is no run #{id} in this workspace"),
                    "Pick a run from the history list.",
                )
            })
    }

    /// The succeeded plan run `id` and its saved plan file.
    fn saved_plan(
        &self,
        store: &Mutex<Store>,
        ws: &Workspace,
        id: i64,
    ) -> Result<(RunRecord, PathBuf), AppError> {
        let r = Self::record(store, ws, id)?;
        let path = self.plan_file(ws.root(), id)?;
        if operation_of(&r.command) != "plan"
            || r.status != orbis_store::RunStatus::Succeeded
            || r.plan_sha256.is_none()
            || !path.is_file()
        {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("Run #{id} has no saved plan"),
                "Only a plan run that succeeded has one, while its file is kept; run a new plan.",
            ));
        }
        Ok((r, path))
    }

    pub fn environments(&self, ws: &Workspace) -> Result<Vec<RunEnvironment>, AppError> {
        environments::load(ws.root())
    }

    pub fn start(
        &self,
        ws: &Workspace,
        store: &Arc<Mutex<Store>>,
        req: &StartRunRequest,
        secret_env: Vec<(String, String)>,
        verified: &dyn Fn(&str) -> Option<String>,
        sink: RunSink,
    ) -> Result<RunStarted, AppError> {
        let _starting = lock(&self.starting);
        if let Some(busy) = lock(&self.active).values().next() {
            return Err(AppError::new(
                ErrorCode::RunBusy,
                format!("{} is running; cancel it or wait", busy.what),
                "One run at a time: two terraform processes would fight over the state and its lock. Cancel that run in the Runs view or wait for it to finish.",
            ));
        }
        let binary = self.binary()?;
        let root = ws.root().to_path_buf();
        let mut env_name = req.environment.clone();
        let mut plan_to_apply = None;
        if req.kind == RunKind::Apply {
            let id = req.plan_run_id.ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidRequest,
                    "An apply needs the plan run to apply",
                    "Pick a finished plan in the history, review and confirm it, then apply.",
                )
            })?;
            let (record, path) = self.saved_plan(store, ws, id)?;
            let sha = record.plan_sha256.clone().unwrap_or_default();
            let approval = lock(store).run_approval(id)?;
            let approved = approval.filter(|a| {
                a.plan_sha256 == sha
                    && a.environment == record.environment
                    && Path::new(&a.workspace) == ws.root()
            });
            if approved.is_none() {
                return Err(not_approved(id));
            }
            // The file as it is now, not as it was when confirmed (maybe before a restart).
            let actual = orbis_runner::sha256_file(&path).map_err(|e| run_error(&e))?;
            if actual != sha {
                return Err(AppError::new(
                    ErrorCode::RunNotApproved,
                    format!("The saved plan of run #{id} changed since you confirmed it, so it was not applied"),
                    "Run a new plan, review it in Plan Review and confirm it there.",
                ));
            }
            if is_destroy_plan(&record.command) {
                // As for production: destroying needs the name typed, whatever the environment.
                let expected = record.environment.clone().unwrap_or_else(|| ws.name());
                if req.typed_confirmation.trim() != expected {
                    return Err(AppError::new(
                        ErrorCode::RunConfirmation,
                        format!("Applying the destroy plan of run #{id} destroys every resource it lists"),
                        format!("Type {expected} to confirm the destroy."),
                    ));
                }
            }
            // The plan's own environment: its var files are baked into the saved plan.
            env_name = record.environment.clone();
            plan_to_apply = Some((path, sha));
        }
        let environment = match &env_name {
            None => None,
            Some(name) => Some(
                self.environments(ws)?
                    .into_iter()
                    .find(|e| &e.name == name)
                    .ok_or_else(|| {
                        AppError::new(
                            ErrorCode::InvalidRequest,
                            format!("There is no environment {name:?} in .orbis.toml"),
                            "Pick one of the listed environments.",
                        )
                    })?,
            ),
        };
        let mut settings = WorkspaceSettings::new(&binary, &root);
        settings.env = self.env();
        settings.environment = environment.as_ref().map(|e| Environment {
            name: e.name.clone(),
            var_files: e.var_files.iter().map(PathBuf::from).collect(),
            backend_config: Vec::new(),
            production: e.production,
        });
        // The runtime first: a run recorded as started must get a driver that ends it.
        let rt = self.rt()?;
        let tool_version = self.tool_version(&binary);
        if matches!(
            req.kind,
            RunKind::Plan | RunKind::Destroy | RunKind::RefreshOnly
        ) {
            // A new plan is a good moment to drop saved plans nobody will apply any more.
            if let Ok(dir) = self.plans_dir(&root) {
                prune::prune_plans(store, &root, &dir, now());
            }
        }
        let id = lock(store).start_run(&NewRun {
            command: format!("{} {}", settings.tool_name(), kind_name(req.kind)),
            tool: settings.tool_name(),
            tool_version,
            workspace: root.display().to_string(),
            environment: env_name.clone(),
            identity: {
                // Names only matter here (which credentials terraform will pick), never values.
                let mut run_env = settings.env.clone();
                run_env.extend(
                    secret_env
                        .iter()
                        .map(|(k, _)| (k.clone(), "set".to_string())),
                );
                let process = identity::process_env();
                let aws = identity::aws_context(&run_env, &process);
                let who = aws.as_deref().and_then(verified);
                identity::label(aws.as_deref(), who.as_deref(), &process)
            },
            plan_sha256: plan_to_apply.as_ref().map(|(_, sha)| sha.clone()),
            started_at: now(),
        })?;
        let operation = match (req.kind, plan_to_apply) {
            (RunKind::Init, _) => Operation::Init,
            (RunKind::RefreshOnly, _) => match self.plan_file(&root, id) {
                Ok(out) => Operation::RefreshPlan { out },
                Err(e) => return Err(fail_start(store, id, e)),
            },
            (RunKind::Plan | RunKind::Destroy, _) => match self.plan_file(&root, id) {
                Ok(out) => Operation::Plan {
                    out,
                    destroy: req.kind == RunKind::Destroy,
                },
                Err(e) => return Err(fail_start(store, id, e)),
            },
            (RunKind::Apply, Some((plan, approved_sha256))) => Operation::Apply {
                plan,
                approved_sha256,
            },
            (RunKind::Apply, None) => return Err(fail_start(store, id, not_approved(id))),
        };
        let mut request = RunRequest::new(settings, operation);
        request.typed_confirmation = req.typed_confirmation.clone();
        // Run secrets reach only the child's environment; the runner redacts their values
        // from every event and log line.
        request.secret_env = secret_env;
        let started = {
            let _guard = rt.enter();
            orbis_runner::start(request)
        };
        let handle = match started {
            Ok(h) => h,
            Err(e) => return Err(fail_start(store, id, run_error(&e))),
        };
        let command = handle.command.join(" ");
        lock(store).set_run_command(id, &command)?;
        let (events, cancel, done) = handle.split();
        let what = format!(
            "{} of {}",
            match req.kind {
                RunKind::Init => "An init",
                RunKind::Plan => "A plan",
                RunKind::Apply => "An apply",
                RunKind::Destroy => "A destroy plan",
                RunKind::RefreshOnly => "A refresh-only plan",
            },
            ws.name()
        );
        lock(&self.active).insert(
            id,
            Active {
                cancel,
                requests: 0,
                what,
            },
        );
        let ctx = Driver {
            id,
            store: store.clone(),
            sink,
            active: self.active.clone(),
            ended: self.ended.clone(),
            seq: 0,
        };
        // The summary at the end needs `self` (plan file): hand over what it reads.
        let plans = self.plans_dir(ws.root()).ok();
        rt.spawn(ctx.drive(events, done, plans));
        Ok(RunStarted { id, command })
    }

    fn tool_version(&self, binary: &Path) -> String {
        let binary = binary.to_path_buf();
        self.wait(async move { orbis_runner::detect(&binary).await })
            .ok()
            .and_then(|r| r.ok())
            .map(|t| t.version)
            .unwrap_or_default()
    }

    /// First call: interrupt (graceful). With `hard` (after the person confirmed): kill.
    pub fn cancel(&self, id: i64, hard: bool) -> Result<(), AppError> {
        let mut active = lock(&self.active);
        let run = active.get_mut(&id).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("Run #{id} is not running"),
                "It has already finished; see its outcome in the history.",
            )
        })?;
        let wanted = if hard { 2 } else { 1 };
        while run.requests < wanted {
            run.cancel.request();
            run.requests += 1;
        }
        Ok(())
    }

    /// The runs still going (any workspace).
    pub fn running(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = lock(&self.active).keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Waits until no run is going, at most `timeout`; true when none is.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let guard = lock(&self.active);
        let (guard, _) = self
            .ended
            .wait_timeout_while(guard, timeout, |active| !active.is_empty())
            .unwrap_or_else(|p| p.into_inner());
        guard.is_empty()
    }

    pub fn list(
        &self,
        ws: &Workspace,
        store: &Mutex<Store>,
        filter: &RunFilter,
    ) -> Result<Vec<RunSummary>, AppError> {
        let limit = filter.limit.unwrap_or(200).clamp(1, 1000) as usize;
        let workspace = ws.root().display().to_string();
        let (records, approvals) = {
            let store = lock(store);
            (
                store.recent_runs_without_logs(Some(&workspace), 1000)?,
                store.run_approvals(&workspace)?,
            )
        };
        let plans = self.plans_dir(ws.root()).ok();
        Ok(records
            .into_iter()
            .map(|r| {
                let approved = approvals.get(&r.id);
                summarize(r, plans.as_deref(), approved)
            })
            .filter(|r| filter.status.is_none_or(|s| s == r.status))
            .filter(|r| filter.operation.as_ref().is_none_or(|o| o == &r.operation))
            .filter(|r| {
                filter
                    .environment
                    .as_ref()
                    .is_none_or(|e| Some(e) == r.environment.as_ref())
            })
            .take(limit)
            .collect())
    }

    pub fn log(&self, ws: &Workspace, store: &Mutex<Store>, id: i64) -> Result<RunLog, AppError> {
        let r = Self::record(store, ws, id)?;
        Ok(RunLog {
            id,
            log: r.log,
            truncated: r.log_truncated,
        })
    }

    /// `show -json` of a plan run's saved plan, written next to it (private to the user) for
    /// Plan Review, which redacts it on load. Returns the JSON's path.
    pub fn plan_json(
        &self,
        ws: &Workspace,
        store: &Mutex<Store>,
        id: i64,
    ) -> Result<PathBuf, AppError> {
        let (_, plan) = self.saved_plan(store, ws, id)?;
        let mut settings = WorkspaceSettings::new(self.binary()?, ws.root());
        settings.env = self.env();
        let p = plan.clone();
        let bytes = self
            .wait(async move { orbis_runner::show_json(&settings, &p, &[], SHOW_TIMEOUT).await })?
            .map_err(|e| run_error(&e))?;
        let json = plan.with_extension("json");
        write_private(&json, &bytes)?;
        Ok(json)
    }

    /// Removes old saved plans of the workspace (the rule is in `prune.rs`); returns the run
    /// ids whose plan files went.
    pub fn prune(&self, ws: &Workspace, store: &Mutex<Store>) -> Result<Vec<i64>, AppError> {
        let dir = self.plans_dir(ws.root())?;
        Ok(prune::prune_plans(store, ws.root(), &dir, now()))
    }

    /// Remembers that Plan Review now shows run `id`'s plan (view `view_id`).
    pub fn reviewing(&self, view_id: u32, run_id: i64) {
        *lock(&self.reviewed) = Some(Reviewed { view_id, run_id });
    }

    /// Confirms the plan of run `id` for apply: it must be the plan open in Plan Review
    /// (`open_view_id`), and its file must still be the one the run wrote.
    /// Confirms run `id`'s plan from a team approval: when `team_approves(plan hash,
    /// environment)` (an approver's approval of exactly this plan, pulled from the team
    /// server) holds and the saved file still has that hash, the plan is recorded as
    /// confirmed, as from Plan Review. Returns whether it was; anything else leaves the gate
    /// as it is.
    pub fn approve_from_team(
        &self,
        ws: &Workspace,
        store: &Mutex<Store>,
        id: i64,
        team_approves: &dyn Fn(&str, &str) -> bool,
    ) -> bool {
        let Ok((record, path)) = self.saved_plan(store, ws, id) else {
            return false;
        };
        let sha = record.plan_sha256.clone().unwrap_or_default();
        let env = record
            .environment
            .clone()
            .unwrap_or_else(|| "default".into());
        if !team_approves(&sha, &env) {
            return false;
        }
        match orbis_runner::sha256_file(&path) {
            Ok(actual) if actual == sha => {}
            _ => return false,
        }
        let recorded = lock(store).approve_run_plan(&RunApproval {
            run_id: id,
            workspace: ws.root().display().to_string(),
            environment: record.environment.clone(),
            plan_sha256: sha,
            approved_at: now(),
        });
        recorded.is_ok()
    }

    pub fn approve(
        &self,
        ws: &Workspace,
        store: &Mutex<Store>,
        id: i64,
        open_view_id: Option<u32>,
    ) -> Result<RunSummary, AppError> {
        let reviewed = lock(&self.reviewed).clone();
        let shown = matches!((&reviewed, open_view_id), (Some(r), Some(v)) if r.run_id == id && r.view_id == v);
        if !shown {
            return Err(AppError::new(
                ErrorCode::RunNotApproved,
                format!("The plan of run #{id} is not the one open in Plan Review"),
                "Open it with “Open in Plan Review” and confirm it from there.",
            ));
        }
        let (record, path) = self.saved_plan(store, ws, id)?;
        let recorded = record.plan_sha256.clone().unwrap_or_default();
        let actual = orbis_runner::sha256_file(&path).map_err(|e| run_error(&e))?;
        if actual != recorded {
            return Err(AppError::new(
                ErrorCode::RunNotApproved,
                format!("The saved plan of run #{id} changed since it was written"),
                "Run a new plan and review that one.",
            ));
        }
        lock(store).approve_run_plan(&RunApproval {
            run_id: id,
            workspace: ws.root().display().to_string(),
            environment: record.environment.clone(),
            plan_sha256: actual,
            approved_at: now(),
        })?;
        Ok(self.summary(store, ws.root(), record))
    }
}

fn kind_name(kind: RunKind) -> &'static str {
    match kind {
        RunKind::Init => "init",
        RunKind::Plan => "plan",
        RunKind::Apply => "apply",
        // Recorded as a plan (`plan -destroy`): it is reviewed and applied like one.
        RunKind::Destroy => "plan -destroy",
        RunKind::RefreshOnly => "plan -refresh-only",
    }
}

/// A plan run of `plan -destroy` (its recorded command line says so).
fn is_destroy_plan(command: &str) -> bool {
    operation_of(command) == "plan" && command.split_whitespace().any(|w| w == "-destroy")
}

/// A run that could not start is still recorded (failed, with why) before the error returns.
fn fail_start(store: &Mutex<Store>, id: i64, err: AppError) -> AppError {
    let store = lock(store);
    let _ = store.append_run_log(id, &format!("{}\n{}\n", err.message, err.hint));
    let _ = store.finish_run(
        id,
        &RunEnd {
            status: orbis_store::RunStatus::Failed,
            exit_code: None,
            changes: None,
            plan_sha256: None,
            ended_at: now(),
        },
    );
    err
}

fn create_private_dir(dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::io("create", dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| AppError::io("write", path, &e))
}

/// Forwards one run's events to the sink and the history, then records how it ended.
struct Driver {
    id: i64,
    store: Arc<Mutex<Store>>,
    sink: RunSink,
    active: Arc<Mutex<HashMap<i64, Active>>>,
    ended: Arc<Condvar>,
    seq: u32,
}

impl Driver {
    fn send(&mut self, update: RunUpdate) {
        let msg = RunEventMessage {
            run_id: self.id,
            seq: self.seq,
            update,
        };
        self.seq += 1;
        (self.sink)(msg);
    }

    fn flush(&self, batch: &mut String) {
        if !batch.is_empty() {
            if let Err(e) = lock(&self.store).append_run_log(self.id, batch) {
                log::warn!("run #{}: history log not written: {e}", self.id);
            }
            batch.clear();
        }
    }

    async fn drive(
        mut self,
        mut events: tokio::sync::mpsc::UnboundedReceiver<RunEvent>,
        done: impl std::future::Future<Output = orbis_runner::RunReport>,
        plans: Option<PathBuf>,
    ) {
        let mut batch = String::new();
        while let Some(event) = events.recv().await {
            if let Some(line) = orbis_runner::render(&event) {
                batch.push_str(&updates::keep_colours(&line));
                batch.push('\n');
                if batch.len() > LOG_FLUSH_BYTES {
                    self.flush(&mut batch);
                }
            }
            // The finished update is sent below, once history has the end.
            if !matches!(event, RunEvent::RunFinished { .. }) {
                for u in updates::updates(&event) {
                    self.send(u);
                }
            }
        }
        let report = done.await;
        self.flush(&mut batch);
        let status = match report.outcome {
            Outcome::Succeeded => orbis_store::RunStatus::Succeeded,
            Outcome::Failed => orbis_store::RunStatus::Failed,
            Outcome::Cancelled => orbis_store::RunStatus::Cancelled,
            Outcome::Interrupted => orbis_store::RunStatus::Interrupted,
        };
        let end = RunEnd {
            status,
            exit_code: report.exit_code,
            changes: report.change_summary.map(|c| orbis_store::RunChanges {
                add: c.add,
                change: c.change,
                remove: c.remove,
                import: c.import,
            }),
            plan_sha256: report.plan_sha256.clone(),
            ended_at: now(),
        };
        let record = {
            let store = lock(&self.store);
            if let Err(e) = store.finish_run(self.id, &end) {
                log::warn!("run #{}: history not completed: {e}", self.id);
            }
            let approved = store.run_approval(self.id).ok().flatten();
            store
                .run(self.id)
                .ok()
                .flatten()
                .map(|r| (r, approved.map(|a| a.plan_sha256)))
        };
        lock(&self.active).remove(&self.id);
        self.ended.notify_all();
        if let Some((r, approved)) = record {
            let run = summarize(r, plans.as_deref(), approved.as_ref());
            self.send(RunUpdate::Finished { run });
        }
    }
}

/// A history row for the UI: the stored record plus what the files and approvals say (is the
/// saved plan still there, was this hash of it confirmed).
fn summarize(r: RunRecord, plans: Option<&Path>, approved: Option<&String>) -> RunSummary {
    let operation = operation_of(&r.command);
    let destroy = is_destroy_plan(&r.command);
    let refresh_only =
        operation == "plan" && r.command.split_whitespace().any(|w| w == "-refresh-only");
    let is_plan = operation == "plan" && r.status == orbis_store::RunStatus::Succeeded;
    let plan_available =
        is_plan && plans.is_some_and(|d| d.join(format!("plan-{}.tfplan", r.id)).is_file());
    let approved = is_plan && r.plan_sha256.is_some() && approved == r.plan_sha256.as_ref();
    RunSummary {
        id: r.id,
        operation,
        command: r.command,
        tool: r.tool,
        tool_version: r.tool_version,
        environment: r.environment,
        identity: r.identity,
        plan_sha256: r.plan_sha256,
        started_at: r.started_at,
        ended_at: r.ended_at,
        status: status(r.status),
        exit_code: r.exit_code,
        changes: r.changes.map(|c| RunChanges {
            add: c.add,
            change: c.change,
            remove: c.remove,
            import: c.import,
        }),
        plan_available,
        approved,
        destroy,
        refresh_only,
    }
}
