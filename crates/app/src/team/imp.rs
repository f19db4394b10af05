//! The `team` feature's implementation: keychain, HTTP (orbis-sync), background worker.

use super::dto::*;
use super::KEYCHAIN_SERVICE;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_store::{OutboxItem, Store, TeamRecord};
use orbis_sync::{ClientError, Outcome, PushItem, RecordKind, SyncClient};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

const CONNECTION_KEY: &str = "team.connection";
const DEVICE_KEY: &str = "team.device_id";
const LAST_SYNC_KEY: &str = "team.last_sync_at";
/// The keychain item of the token (an environment-variable-like name, as the store wants).
const TOKEN_PREFIX: &str = "TEAM_TOKEN_";
/// Every request is given up after this: a sync never hangs on a server that stopped
/// answering.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
const PUSH_BATCH: usize = 100;
const PULL_PAGE: u32 = 500;

/// The saved connection (settings table; no secret in it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Connection {
    server_url: String,
    org: String,
    username: String,
    user_id: String,
    workspace_id: String,
    workspace_name: String,
    role: String,
    /// Local runs up to this id ended before the connection and are not shared.
    runs_after: i64,
}

#[derive(Default)]
struct State {
    token: Option<String>,
    last_error: Option<AppError>,
    syncing: bool,
}

/// Wakes the worker: `kicked` (a local record), or a new `generation` (it must stop).
#[derive(Default)]
struct Signal {
    kicked: bool,
    generation: u64,
}

struct Shared {
    state: Mutex<State>,
    signal: Mutex<Signal>,
    wake: Condvar,
    /// One sync at a time (background and "Sync now").
    syncing: Mutex<()>,
    interval: Mutex<Duration>,
    service: RwLock<String>,
}

pub(crate) struct TeamInner {
    shared: Arc<Shared>,
}

impl Default for TeamInner {
    fn default() -> Self {
        Self {
            shared: Arc::new(Shared {
                state: Mutex::default(),
                signal: Mutex::default(),
                wake: Condvar::new(),
                syncing: Mutex::new(()),
                interval: Mutex::new(DEFAULT_INTERVAL),
                service: RwLock::new(KEYCHAIN_SERVICE.to_string()),
            }),
        }
    }
}

impl Drop for TeamInner {
    fn drop(&mut self) {
        // The worker holds only `Shared`: a new generation tells it to end.
        self.shared.stop_worker();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl TeamInner {
    pub(crate) fn kick(&self) {
        lock(&self.shared.signal).kicked = true;
        self.shared.wake.notify_all();
    }

    pub(crate) fn set_service(&self, service: &str) {
        *self
            .shared
            .service
            .write()
            .unwrap_or_else(|p| p.into_inner()) = service.to_string();
    }

    pub(crate) fn set_interval(&self, interval: Duration) {
        *lock(&self.shared.interval) = interval.max(Duration::from_millis(50));
        self.shared.wake.notify_all();
    }
}

impl Shared {
    fn stop_worker(&self) {
        lock(&self.signal).generation += 1;
        self.wake.notify_all();
    }

    fn service(&self) -> String {
        self.service
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn team(session: &Session) -> &TeamInner {
    &session.team.inner
}

fn connection(store: &Store) -> Result<Option<Connection>, AppError> {
    Ok(store.setting::<Connection>(CONNECTION_KEY)?)
}

fn not_connected() -> AppError {
    AppError::new(
        ErrorCode::TeamNotConnected,
        "TerraOrbis is not connected to a team server",
        "Connect in Team server (View → Team Server) with your server's address and account.",
    )
}

/// A random id made once per app profile: record ids are `<device>-…`, unique across
/// desktops without coordination.
fn device_id(store: &Store) -> Result<String, AppError> {
    if let Some(id) = store.setting::<String>(DEVICE_KEY)? {
        return Ok(id);
    }
    // RandomState is seeded from the OS's randomness; time and pid tell apart copies of one
    // profile made at once.
    let seed = format!(
        "{:?}{}{:?}",
        std::time::SystemTime::now(),
        std::process::id(),
        std::thread::current().id(),
    );
    let random = std::collections::hash_map::RandomState::new();
    let mut hasher = Sha256::new();
    hasher.update(seed.as_bytes());
    hasher.update(std::hash::BuildHasher::hash_one(&random, &seed).to_le_bytes());
    let id = hex::encode(&hasher.finalize()[..8]);
    store.set_setting(DEVICE_KEY, &id)?;
    Ok(id)
}

fn token_name(device: &str) -> String {
    format!("{TOKEN_PREFIX}{device}")
}

fn keychain(service: &str) -> Result<orbis_cloud::secrets::SecretStore, AppError> {
    orbis_cloud::secrets::SecretStore::open_service(service).map_err(keychain_error)
}

fn keychain_error(e: orbis_cloud::CloudError) -> AppError {
    AppError::new(
        ErrorCode::KeychainUnavailable,
        format!(
            "The team server token cannot be kept: {} It is never stored anywhere else.",
            e.message
        ),
        e.hint,
    )
}

/// The error of a request, in plain words with what to do.
fn client_error(e: ClientError, server: &str) -> AppError {
    match e {
        ClientError::Transport(cause) => AppError::new(
            ErrorCode::TeamUnreachable,
            format!("The team server at {server} cannot be reached ({cause})"),
            "Check that the server is running and that this computer is online. Your records wait in the outbox and are sent when it answers.",
        ),
        ClientError::Api { status: 401, body } if body.code == "auth.bad_credentials" => {
            AppError::new(
                ErrorCode::TeamSignInNeeded,
                "The organization, account or password is not right",
                "Check them and sign in again (your team server's admin can reset the password).",
            )
        }
        ClientError::Api { status: 401, .. } => AppError::new(
            ErrorCode::TeamSignInNeeded,
            "Your team server session has expired or was revoked",
            "Sign in again: Team Server → Connect. Your records wait in the outbox meanwhile.",
        ),
        ClientError::Api { status, body } if status == 429 || status >= 500 => AppError::new(
            ErrorCode::TeamUnreachable,
            format!("The team server is busy or failing (HTTP {status}: {})", body.message),
            "Sync retries by itself; if this stays, ask your server's admin to check its log.",
        ),
        ClientError::Api { body, .. } => AppError::new(
            ErrorCode::TeamRefused,
            format!("The team server refused: {} ({})", body.message, body.code),
            body.hint,
        ),
    }
}

fn invalid(message: &str, hint: &str) -> AppError {
    AppError::new(ErrorCode::TeamInvalid, message, hint)
}

fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("Cannot start the sync runtime: {e}"),
                "Restart TerraOrbis.",
            )
        })
}

fn normalize_url(url: &str) -> Result<String, AppError> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| {
            invalid(
                "The server address must start with http:// or https://",
                "Type it as your admin gave it, e.g. https://orbis.example.com or http://127.0.0.1:8080.",
            )
        })?;
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err(invalid(
            "The server address has no host name",
            "Type it as your admin gave it, e.g. https://orbis.example.com.",
        ));
    }
    Ok(url.to_string())
}

pub(crate) fn status(session: &Session) -> TeamStatus {
    let shared = &team(session).shared;
    let (conn, counts, rejected, last_sync) = {
        let store = session.store();
        (
            connection(&store).ok().flatten(),
            store.team_outbox_counts().unwrap_or((0, 0)),
            store.team_rejected(20).unwrap_or_default(),
            store.setting::<i64>(LAST_SYNC_KEY).ok().flatten(),
        )
    };
    let state = lock(&shared.state);
    TeamStatus {
        available: true,
        connected: conn.is_some(),
        server_url: conn.as_ref().map(|c| c.server_url.clone()),
        org: conn.as_ref().map(|c| c.org.clone()),
        username: conn.as_ref().map(|c| c.username.clone()),
        workspace_id: conn.as_ref().map(|c| c.workspace_id.clone()),
        workspace_name: conn.as_ref().map(|c| c.workspace_name.clone()),
        role: conn.as_ref().map(|c| c.role.clone()),
        pending: counts.0 as u32,
        rejected: counts.1 as u32,
        rejected_records: rejected
            .into_iter()
            .map(|r| {
                let (code, message) = r.rejected.unwrap_or_default();
                TeamRejectedRecord {
                    id: r.item.id,
                    kind: r.item.kind,
                    code,
                    message,
                }
            })
            .collect(),
        last_sync_at: last_sync.filter(|_| conn.is_some()),
        syncing: state.syncing,
        last_error: if conn.is_some() {
            state.last_error.clone()
        } else {
            None
        },
    }
}

pub(crate) fn connect(
    session: &Session,
    request: &TeamConnectRequest,
) -> Result<TeamStatus, AppError> {
    let server = normalize_url(&request.server_url)?;
    for (value, what) in [
        (&request.org, "organization"),
        (&request.username, "account"),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(
                &format!("The {what} is empty"),
                "Fill in the organization and account your admin created for you.",
            ));
        }
    }
    if request.password.is_empty() {
        return Err(invalid("The password is empty", "Type your password."));
    }
    let shared = team(session).shared.clone();
    // No keychain: refuse before signing in, so no token is created that could not be kept.
    let keys = keychain(&shared.service())?;
    let rt = runtime()?;
    let anonymous = SyncClient::with_timeout(&server, "", REQUEST_TIMEOUT);
    let signed_in = rt
        .block_on(anonymous.login(
            request.org.trim(),
            request.username.trim(),
            &request.password,
        ))
        .map_err(|e| client_error(e, &server))?;
    let client = SyncClient::with_timeout(&server, &signed_in.token, REQUEST_TIMEOUT);
    let (me, workspaces) = rt
        .block_on(async { Ok::<_, ClientError>((client.me().await?, client.workspaces().await?)) })
        .map_err(|e| client_error(e, &server))?;
    let wanted = request
        .workspace
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty());
    let workspace = match wanted {
        Some(w) => workspaces.iter().find(|x| x.name == w || x.id == w),
        None => workspaces.first(),
    };
    let Some(workspace) = workspace else {
        let _ = rt.block_on(client.logout());
        let names: Vec<&str> = workspaces.iter().map(|w| w.name.as_str()).collect();
        return Err(AppError::new(
            ErrorCode::TeamRefused,
            match wanted {
                Some(w) => format!(
                    "No workspace \"{w}\" is shared with {} on this server",
                    me.username
                ),
                None => format!("No workspace is shared with {} on this server", me.username),
            },
            if names.is_empty() {
                "Ask your team server's admin to give you a role in a workspace.".to_string()
            } else {
                format!("Pick one of: {}.", names.join(", "))
            },
        ));
    };
    let (device, runs_after) = {
        let store = session.store();
        (device_id(&store)?, store.team_last_run_id()?)
    };
    if let Err(e) = keys.set(
        &token_name(&device),
        &secrecy::SecretString::from(signed_in.token.clone()),
    ) {
        let _ = rt.block_on(client.logout());
        return Err(keychain_error(e));
    }
    let conn = Connection {
        server_url: server,
        org: request.org.trim().to_string(),
        username: me.username,
        user_id: me.user_id,
        workspace_id: workspace.id.clone(),
        workspace_name: workspace.name.clone(),
        role: workspace.role.as_str().to_string(),
        runs_after,
    };
    {
        let store = session.store();
        // Another server or workspace: what was pulled before belongs to that one.
        let previous = connection(&store)?;
        let keep_floor = previous
            .as_ref()
            .filter(|p| p.server_url == conn.server_url && p.workspace_id == conn.workspace_id)
            .map(|p| p.runs_after);
        let conn = Connection {
            runs_after: keep_floor.unwrap_or(conn.runs_after),
            ..conn.clone()
        };
        store.set_setting(CONNECTION_KEY, &conn)?;
    }
    {
        let mut state = lock(&shared.state);
        state.token = Some(signed_in.token);
        state.last_error = None;
    }
    log::info!("team server: connected to {}", conn.server_url);
    start_worker(session);
    Ok(status(session))
}

pub(crate) fn resume(session: &Session) {
    let connected = connection(&session.store()).ok().flatten().is_some();
    if connected {
        start_worker(session);
    }
}

pub(crate) fn disconnect(session: &Session) -> Result<TeamStatus, AppError> {
    let shared = team(session).shared.clone();
    shared.stop_worker();
    let (conn, device) = {
        let store = session.store();
        (connection(&store)?, device_id(&store)?)
    };
    let Some(conn) = conn else {
        return Ok(status(session));
    };
    let token = lock(&shared.state).token.take();
    if let Some(token) = token {
        // Best effort: the server ends the session; offline, it expires by itself.
        if let Ok(rt) = runtime() {
            let client = SyncClient::with_timeout(&conn.server_url, &token, Duration::from_secs(5));
            let _ = rt.block_on(client.logout());
        }
    }
    if let Ok(keys) = keychain(&shared.service()) {
        if let Err(e) = keys.delete(&token_name(&device)) {
            log::warn!(
                "team server: token not removed from the keychain: {}",
                e.message
            );
        }
    }
    session.store().remove_setting(CONNECTION_KEY)?;
    lock(&shared.state).last_error = None;
    log::info!("team server: disconnected from {}", conn.server_url);
    Ok(status(session))
}

/// The token: in memory once read, else from the keychain.
fn token(shared: &Shared, device: &str) -> Result<String, AppError> {
    if let Some(t) = lock(&shared.state).token.clone() {
        return Ok(t);
    }
    let keys = keychain(&shared.service())?;
    let token = match keys.get(&token_name(device)) {
        Ok(t) => secrecy::ExposeSecret::expose_secret(&t).to_string(),
        Err(e) if e.code == orbis_cloud::ErrorCode::SecretNotFound => {
            return Err(AppError::new(
                ErrorCode::TeamSignInNeeded,
                "The team server token is not in the keychain any more",
                "Sign in again: Team Server → Connect.",
            ))
        }
        Err(e) => return Err(keychain_error(e)),
    };
    lock(&shared.state).token = Some(token.clone());
    Ok(token)
}

pub(crate) fn sync_now(session: &Session) -> Result<TeamSyncReport, AppError> {
    let rt = runtime()?;
    sync(&rt, &session.shared_store(), &team(session).shared)
}

/// One sync, recorded in the state (syncing, last error, last sync time).
fn sync(
    rt: &tokio::runtime::Runtime,
    store: &Mutex<Store>,
    shared: &Shared,
) -> Result<TeamSyncReport, AppError> {
    let _one = lock(&shared.syncing);
    lock(&shared.state).syncing = true;
    let result = sync_inner(rt, store, shared);
    let mut state = lock(&shared.state);
    state.syncing = false;
    match &result {
        Ok(_) => {
            state.last_error = None;
            drop(state);
            let _ = lock(store).set_setting(LAST_SYNC_KEY, &now_ms());
        }
        Err(e) => {
            if e.code == ErrorCode::TeamSignInNeeded {
                state.token = None;
            }
            state.last_error = Some(e.clone());
        }
    }
    result
}

fn sync_inner(
    rt: &tokio::runtime::Runtime,
    store: &Mutex<Store>,
    shared: &Shared,
) -> Result<TeamSyncReport, AppError> {
    let (conn, device) = {
        let s = lock(store);
        (connection(&s)?.ok_or_else(not_connected)?, device_id(&s)?)
    };
    queue_ended_runs(&lock(store), &conn, &device)?;
    let token = token(shared, &device)?;
    let client = SyncClient::with_timeout(&conn.server_url, &token, REQUEST_TIMEOUT);
    let server = conn.server_url.as_str();
    let mut report = TeamSyncReport::default();
    // Push in queue order, a batch per workspace at a time. A batch that gets no answer
    // stays queued and is sent again as it is: the server answers `unchanged` for what had
    // landed.
    loop {
        let rows = lock(store).team_queued(PUSH_BATCH)?;
        let Some(first) = rows.first() else { break };
        let workspace = first.item.workspace_id.clone();
        let batch: Vec<_> = rows
            .into_iter()
            .take_while(|r| r.item.workspace_id == workspace)
            .collect();
        let items = batch
            .iter()
            .map(|r| {
                Ok(PushItem {
                    kind: RecordKind::parse(&r.item.kind).unwrap_or(RecordKind::Comment),
                    id: r.item.id.clone(),
                    body: serde_json::from_str(&r.item.body).map_err(|e| {
                        AppError::new(
                            ErrorCode::Internal,
                            format!("A queued record is not JSON: {e}"),
                            "This is a bug in TerraOrbis; please report it.",
                        )
                    })?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let results = rt
            .block_on(client.push(&workspace, items))
            .map_err(|e| client_error(e, server))?;
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        for row in &batch {
            let Some(result) = results.iter().find(|r| r.id == row.item.id) else {
                continue; // not answered for: stays queued
            };
            match result.outcome {
                Outcome::Created | Outcome::Updated => {
                    report.pushed += 1;
                    accepted.push(row.seq);
                }
                Outcome::Unchanged => {
                    report.unchanged += 1;
                    accepted.push(row.seq);
                }
                Outcome::Rejected => {
                    report.rejected += 1;
                    let code = result.code.clone().unwrap_or_else(|| "rejected".into());
                    log::warn!("team server refused record {} ({code})", row.item.id);
                    rejected.push((row.seq, code, result.message.clone().unwrap_or_default()));
                }
            }
        }
        if accepted.is_empty() && rejected.is_empty() {
            return Err(AppError::new(
                ErrorCode::TeamUnreachable,
                "The team server answered a push without results",
                "Check that the address points to an orbis-server of this version.",
            ));
        }
        lock(store).team_resolve(&accepted, &rejected)?;
    }
    // Pull the workspace's feed from the saved cursor; each page and its cursor are stored
    // together, so an interrupted pull resumes where it stopped.
    loop {
        let cursor = lock(store).team_cursor(&conn.workspace_id)?;
        let page = rt
            .block_on(client.pull(&conn.workspace_id, cursor, PULL_PAGE))
            .map_err(|e| client_error(e, server))?;
        let records: Vec<TeamRecord> = page
            .changes
            .iter()
            .map(|c| TeamRecord {
                workspace_id: c.record.workspace_id.clone(),
                id: c.record.id.clone(),
                kind: c.record.kind.as_str().to_string(),
                author_id: c.record.author_id.clone(),
                created_at: c.record.created_at,
                updated_at: c.record.updated_at,
                seq: c.seq,
                body: c.record.body.to_string(),
            })
            .collect();
        report.pulled += records.len() as u32;
        lock(store).team_store_pulled(&conn.workspace_id, &records, page.cursor)?;
        if !page.more || page.cursor <= cursor {
            break;
        }
    }
    Ok(report)
}

/// Puts the runs that ended since the connection into the outbox (each once).
fn queue_ended_runs(store: &Store, conn: &Connection, device: &str) -> Result<(), AppError> {
    loop {
        let runs = store.team_runs_to_queue(conn.runs_after, 100)?;
        if runs.is_empty() {
            return Ok(());
        }
        let items: Vec<OutboxItem> = runs
            .iter()
            .map(|run| {
                let item = orbis_sync::run_item(device, run);
                OutboxItem {
                    workspace_id: conn.workspace_id.clone(),
                    kind: item.kind.as_str().to_string(),
                    id: item.id,
                    body: item.body.to_string(),
                }
            })
            .collect();
        let ids: Vec<i64> = runs.iter().map(|r| r.id).collect();
        store.team_enqueue(&items, &ids, now_ms())?;
    }
}

fn start_worker(session: &Session) {
    let shared = team(session).shared.clone();
    let store = session.shared_store();
    let generation = {
        let mut signal = lock(&shared.signal);
        signal.generation += 1;
        signal.kicked = true;
        signal.generation
    };
    shared.wake.notify_all();
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || worker(shared, store, generation));
    if let Err(e) = spawned {
        log::warn!("team server: background sync not started: {e}");
    }
}

/// Syncs when kicked and every interval, until its generation is over. A failed sync is
/// retried at the next period; a rejected sign-in waits for a new one.
fn worker(shared: Arc<Shared>, store: Arc<Mutex<Store>>, generation: u64) {
    let Ok(rt) = runtime() else { return };
    loop {
        {
            let interval = *lock(&shared.interval);
            let signal = lock(&shared.signal);
            let (mut signal, _) = shared
                .wake
                .wait_timeout_while(signal, interval, |s| {
                    !s.kicked && s.generation == generation
                })
                .unwrap_or_else(|p| p.into_inner());
            if signal.generation != generation {
                return;
            }
            signal.kicked = false;
        }
        let sign_in_needed = lock(&shared.state)
            .last_error
            .as_ref()
            .is_some_and(|e| e.code == ErrorCode::TeamSignInNeeded);
        if sign_in_needed {
            continue;
        }
        if let Err(e) = sync(&rt, &store, &shared) {
            log::info!("team server: sync failed: {}", e.message);
        }
    }
}

/// `<device>-a-<plan hash prefix>-<environment hash>`: one decision per plan and
/// environment from this desktop, so a repeated click is the same record.
fn approval_id(device: &str, plan_sha256: &str, environment: &str) -> String {
    let env = hex::encode(&Sha256::digest(environment.as_bytes())[..4]);
    format!(
        "{device}-a-{}-{env}",
        &plan_sha256[..plan_sha256.len().min(24)]
    )
}

fn queue(
    session: &Session,
    conn: &Connection,
    kind: RecordKind,
    id: String,
    body: serde_json::Value,
) -> Result<(), AppError> {
    session.store().team_enqueue(
        &[OutboxItem {
            workspace_id: conn.workspace_id.clone(),
            kind: kind.as_str().to_string(),
            id,
            body: body.to_string(),
        }],
        &[],
        now_ms(),
    )?;
    team(session).kick();
    Ok(())
}

pub(crate) fn run_record_id(session: &Session, local_id: i64) -> Option<String> {
    let store = session.store();
    connection(&store).ok().flatten()?;
    Some(format!("{}-run-{local_id}", device_id(&store).ok()?))
}

pub(crate) fn local_approval(session: &Session, run: &crate::runs::dto::RunSummary) {
    let Some(sha) = run.plan_sha256.as_deref() else {
        return;
    };
    let result = (|| {
        let (conn, device) = {
            let store = session.store();
            match connection(&store)? {
                Some(c) => (c, device_id(&store)?),
                None => return Ok(()),
            }
        };
        let environment = run.environment.as_deref().unwrap_or("default");
        let body = serde_json::json!({
            "run_id": format!("{device}-run-{}", run.id),
            "plan_sha256": sha,
            "environment": environment,
            "decision": "approved",
            "note": "confirmed in Plan Review",
        });
        queue(
            session,
            &conn,
            RecordKind::Approval,
            approval_id(&device, sha, environment),
            body,
        )
    })();
    if let Err(e) = result {
        log::warn!(
            "team server: approval of run #{} not queued: {}",
            run.id,
            e.message
        );
    }
}

fn body(record: &TeamRecord) -> serde_json::Value {
    serde_json::from_str(&record.body).unwrap_or(serde_json::Value::Null)
}

fn text(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string)
}

pub(crate) fn approvals(session: &Session) -> Result<Vec<TeamApprovalRequest>, AppError> {
    let store = session.store();
    let conn = connection(&store)?.ok_or_else(not_connected)?;
    let records = store.team_records(&conn.workspace_id, None)?;
    // Decided: (plan hash, environment) of every approval or rejection, pulled or queued.
    let mut decided: std::collections::HashSet<(String, String)> = records
        .iter()
        .filter(|r| r.kind == "approval")
        .map(body)
        .filter_map(|b| Some((text(&b, "plan_sha256")?, text(&b, "environment")?)))
        .collect();
    for row in store.team_queued(10_000)? {
        if row.item.kind == "approval" {
            let b: serde_json::Value = serde_json::from_str(&row.item.body).unwrap_or_default();
            if let (Some(s), Some(e)) = (text(&b, "plan_sha256"), text(&b, "environment")) {
                decided.insert((s, e));
            }
        }
    }
    let mut pending: Vec<TeamApprovalRequest> = records
        .iter()
        .filter(|r| r.kind == "run")
        .filter_map(|r| {
            let b = body(r);
            if text(&b, "command").as_deref() != Some("plan")
                || text(&b, "status").as_deref() != Some("succeeded")
            {
                return None;
            }
            let sha = text(&b, "plan_sha256")?;
            let environment = text(&b, "environment")?;
            if decided.contains(&(sha.clone(), environment.clone())) {
                return None;
            }
            Some(TeamApprovalRequest {
                run_id: r.id.clone(),
                environment,
                plan_sha256: sha,
                plan_summary: b
                    .get("plan_summary")
                    .and_then(|s| serde_json::from_value(s.clone()).ok()),
                tool: text(&b, "tool"),
                identity: text(&b, "identity"),
                mine: r.author_id == conn.user_id,
                author_id: r.author_id.clone(),
                started_at: b.get("started_at").and_then(|v| v.as_i64()).unwrap_or(0),
            })
        })
        .collect();
    pending.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    Ok(pending)
}

pub(crate) fn decide(
    session: &Session,
    request: &TeamDecisionRequest,
) -> Result<Vec<TeamApprovalRequest>, AppError> {
    let (conn, device) = {
        let store = session.store();
        (
            connection(&store)?.ok_or_else(not_connected)?,
            device_id(&store)?,
        )
    };
    let wanted = approvals(session)?
        .into_iter()
        .find(|a| a.run_id == request.run_id)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "This plan is not waiting for a decision any more",
                "Sync to see the latest state of the inbox.",
            )
        })?;
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let body = serde_json::json!({
        "run_id": wanted.run_id,
        "plan_sha256": wanted.plan_sha256,
        "environment": wanted.environment,
        "decision": match request.decision {
            TeamDecision::Approved => "approved",
            TeamDecision::Rejected => "rejected",
        },
        "note": note,
    });
    let id = approval_id(&device, &wanted.plan_sha256, &wanted.environment);
    queue(session, &conn, RecordKind::Approval, id, body)?;
    approvals(session)
}

static COMMENTS: AtomicU64 = AtomicU64::new(0);

pub(crate) fn add_comment(
    session: &Session,
    run_id: Option<&str>,
    address: Option<&str>,
    comment: &str,
) -> Result<TeamComment, AppError> {
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(invalid(
            "The comment is empty",
            "Type what you want to say.",
        ));
    }
    let (conn, device) = {
        let store = session.store();
        (
            connection(&store)?.ok_or_else(not_connected)?,
            device_id(&store)?,
        )
    };
    let now = now_ms();
    let id = format!(
        "{device}-c-{now}-{}",
        COMMENTS.fetch_add(1, Ordering::Relaxed)
    );
    let body = serde_json::json!({"run_id": run_id, "address": address, "text": comment});
    queue(session, &conn, RecordKind::Comment, id.clone(), body)?;
    Ok(TeamComment {
        id,
        run_id: run_id.map(str::to_string),
        address: address.map(str::to_string),
        text: comment.to_string(),
        author_id: None,
        created_at: now,
    })
}

pub(crate) fn comments(
    session: &Session,
    run_id: Option<&str>,
) -> Result<Vec<TeamComment>, AppError> {
    let store = session.store();
    let conn = connection(&store)?.ok_or_else(not_connected)?;
    let pulled = store.team_records(&conn.workspace_id, Some("comment"))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in &pulled {
        let b = body(r);
        seen.insert(r.id.clone());
        out.push(TeamComment {
            id: r.id.clone(),
            run_id: text(&b, "run_id"),
            address: text(&b, "address"),
            text: text(&b, "text").unwrap_or_default(),
            author_id: Some(r.author_id.clone()),
            created_at: r.created_at,
        });
    }
    for row in store.team_queued(10_000)? {
        if row.item.kind != "comment" || seen.contains(&row.item.id) {
            continue;
        }
        let b: serde_json::Value = serde_json::from_str(&row.item.body).unwrap_or_default();
        out.push(TeamComment {
            id: row.item.id,
            run_id: text(&b, "run_id"),
            address: text(&b, "address"),
            text: text(&b, "text").unwrap_or_default(),
            author_id: None,
            created_at: row.queued_at,
        });
    }
    out.retain(|c| run_id.is_none() || c.run_id.as_deref() == run_id);
    Ok(out)
}
