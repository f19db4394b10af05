//! The `team` feature's connection: state shared with the background sync, the token in the
//! OS keychain, errors in plain words, connect / resume / disconnect and the status.

use super::dto::*;
use super::KEYCHAIN_SERVICE;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_store::Store;
use orbis_sync::{ClientError, SyncClient};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use super::CONNECTION_KEY;
const DEVICE_KEY: &str = "team.device_id";
pub(super) const LAST_SYNC_KEY: &str = "team.last_sync_at";
/// The keychain item of the token (an environment-variable-like name, as the store wants).
const TOKEN_PREFIX: &str = "TEAM_TOKEN_";
/// Every request is given up after this: a sync never hangs on a server that stopped
/// answering.
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);

/// The saved connection (settings table; no secret in it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(super) struct Connection {
    pub(super) server_url: String,
    pub(super) org: String,
    pub(super) username: String,
    pub(super) user_id: String,
    pub(super) workspace_id: String,
    pub(super) workspace_name: String,
    pub(super) role: String,
    /// Local runs up to this id ended before the connection and are not shared.
    pub(super) runs_after: i64,
}

#[derive(Default)]
pub(super) struct State {
    pub(super) token: Option<String>,
    pub(super) last_error: Option<AppError>,
    pub(super) syncing: bool,
}

/// Wakes the worker: `kicked` (a local record), or a new `generation` (it must stop).
#[derive(Default)]
pub(super) struct Signal {
    pub(super) kicked: bool,
    pub(super) generation: u64,
}

pub(super) struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) signal: Mutex<Signal>,
    pub(super) wake: Condvar,
    /// One sync at a time (background and "Sync now").
    pub(super) syncing: Mutex<()>,
    pub(super) interval: Mutex<Duration>,
    pub(super) service: RwLock<String>,
}

pub(crate) struct TeamInner {
    pub(super) shared: Arc<Shared>,
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

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
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

    pub(super) fn service(&self) -> String {
        self.service
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

pub(super) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(super) fn team(session: &Session) -> &TeamInner {
    &session.team.inner
}

pub(super) fn connection(store: &Store) -> Result<Option<Connection>, AppError> {
    Ok(store.setting::<Connection>(CONNECTION_KEY)?)
}

pub(super) fn not_connected() -> AppError {
    AppError::new(
        ErrorCode::TeamNotConnected,
        "TerraOrbis is not connected to a team server",
        "Connect in Team server (View → Team Server) with your server's address and account.",
    )
}

/// A random id made once per app profile: record ids are `<device>-…`, unique across
/// desktops without coordination.
pub(super) fn device_id(store: &Store) -> Result<String, AppError> {
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

pub(super) fn keychain(service: &str) -> Result<orbis_cloud::secrets::SecretStore, AppError> {
    orbis_cloud::secrets::SecretStore::open_service(service).map_err(keychain_error)
}

pub(super) fn keychain_error(e: orbis_cloud::CloudError) -> AppError {
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
pub(super) fn client_error(e: ClientError, server: &str) -> AppError {
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

pub(super) fn invalid(message: &str, hint: &str) -> AppError {
    AppError::new(ErrorCode::TeamInvalid, message, hint)
}

pub(super) fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
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

pub(super) fn normalize_url(url: &str) -> Result<String, AppError> {
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
    finish_sign_in(
        session,
        &rt,
        &keys,
        &server,
        request.org.trim(),
        signed_in.token,
        request.workspace.as_deref(),
    )
}

/// After a sign-in (password or single sign-on): picks the workspace, keeps the token in the
/// keychain, saves the connection and starts the background sync. A token that cannot be
/// kept is signed out again.
pub(super) fn finish_sign_in(
    session: &Session,
    rt: &tokio::runtime::Runtime,
    keys: &orbis_cloud::secrets::SecretStore,
    server: &str,
    org: &str,
    token: String,
    workspace: Option<&str>,
) -> Result<TeamStatus, AppError> {
    let shared = team(session).shared.clone();
    let server = server.to_string();
    let client = SyncClient::with_timeout(&server, &token, REQUEST_TIMEOUT);
    let (me, workspaces) = rt
        .block_on(async { Ok::<_, ClientError>((client.me().await?, client.workspaces().await?)) })
        .map_err(|e| client_error(e, &server))?;
    let wanted = workspace.map(str::trim).filter(|w| !w.is_empty());
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
        &secrecy::SecretString::from(token.clone()),
    ) {
        let _ = rt.block_on(client.logout());
        return Err(keychain_error(e));
    }
    let conn = Connection {
        server_url: server,
        org: org.to_string(),
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
        state.token = Some(token);
        state.last_error = None;
    }
    log::info!("team server: connected to {}", conn.server_url);
    super::sync::start_worker(session);
    Ok(status(session))
}

pub(crate) fn resume(session: &Session) {
    let connected = connection(&session.store()).ok().flatten().is_some();
    if connected {
        super::sync::start_worker(session);
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
    // What the team published applies only while connected.
    session
        .store()
        .remove_setting(super::governance_dto::GOVERNANCE_KEY)?;
    lock(&shared.state).last_error = None;
    log::info!("team server: disconnected from {}", conn.server_url);
    Ok(status(session))
}

/// The token: in memory once read, else from the keychain.
pub(super) fn token(shared: &Shared, device: &str) -> Result<String, AppError> {
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
