//! Live updates (`team` feature): while connected, a thread keeps the workspace's event
//! stream (server-sent events) open and wakes the background sync on every event, so a new
//! approval request, a finished run or a request's new status shows within a second instead
//! of at the next 30 s pull. The stream is only a signal: the sync still pulls by cursor, so
//! nothing depends on an event arriving. A broken stream is reopened from the local cursor
//! (`Last-Event-ID`) after a growing pause (0.5 s doubling to 15 s); a refused sign-in stops
//! it until the next connection.

use super::imp::{connection, device_id, lock, runtime, token, Shared};
use crate::error::ErrorCode;
use orbis_store::Store;
use orbis_sync::{ClientError, SyncClient};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FIRST_PAUSE: Duration = Duration::from_millis(500);
const LONGEST_PAUSE: Duration = Duration::from_secs(15);
/// How often a waiting stream checks that its connection generation is still current.
const CHECK: Duration = Duration::from_millis(500);

pub(super) fn start(shared: Arc<Shared>, store: Arc<Mutex<Store>>, generation: u64) {
    let spawned = std::thread::Builder::new()
        .name("team-events".into())
        .spawn(move || listen(shared, store, generation));
    if let Err(e) = spawned {
        log::warn!("team server: live updates not started: {e}");
    }
}

fn current(shared: &Shared, generation: u64) -> bool {
    lock(&shared.signal).generation == generation
}

fn kick(shared: &Shared) {
    lock(&shared.signal).kicked = true;
    shared.wake.notify_all();
}

/// Sleeps `pause` unless the generation ends first; false when it ended.
fn pause(shared: &Shared, generation: u64, pause: Duration) -> bool {
    let signal = lock(&shared.signal);
    let (signal, _) = shared
        .wake
        .wait_timeout_while(signal, pause, |s| s.generation == generation)
        .unwrap_or_else(|p| p.into_inner());
    signal.generation == generation
}

fn listen(shared: Arc<Shared>, store: Arc<Mutex<Store>>, generation: u64) {
    let Ok(rt) = runtime() else { return };
    let mut wait = FIRST_PAUSE;
    while current(&shared, generation) {
        let opened = (|| {
            let s = lock(&store);
            let conn = connection(&s).ok()??;
            let device = device_id(&s).ok()?;
            let cursor = s.team_cursor(&conn.workspace_id).ok()?;
            Some((conn, device, cursor))
        })();
        let Some((conn, device, cursor)) = opened else {
            return; // disconnected
        };
        let outcome = match token(&shared, &device) {
            Ok(token) => {
                let client = SyncClient::new(&conn.server_url, &token);
                rt.block_on(follow(
                    &shared,
                    generation,
                    &client,
                    &conn.workspace_id,
                    cursor,
                ))
            }
            Err(e) if e.code == ErrorCode::TeamSignInNeeded => return,
            Err(_) => Err(None),
        };
        match outcome {
            // Events arrived before the stream ended: reopen at once.
            Ok(true) => wait = FIRST_PAUSE,
            Ok(false) => {}
            Err(Some(ClientError::Api { status: 401, .. })) => return,
            Err(e) => {
                if let Some(e) = e {
                    log::info!("team server: live updates interrupted ({e}); retrying");
                }
            }
        }
        if !pause(&shared, generation, wait) {
            return;
        }
        wait = (wait * 2).min(LONGEST_PAUSE);
    }
}

/// Follows one stream until it ends, fails or the generation changes; `Ok(true)` when it
/// delivered at least one event.
async fn follow(
    shared: &Shared,
    generation: u64,
    client: &SyncClient,
    workspace_id: &str,
    cursor: i64,
) -> Result<bool, Option<ClientError>> {
    let mut stream = client.events(workspace_id, cursor).await.map_err(Some)?;
    // The stream is open: catch up with anything that arrived while it was not.
    kick(shared);
    let mut delivered = false;
    loop {
        if !current(shared, generation) {
            return Ok(delivered);
        }
        match tokio::time::timeout(CHECK, stream.next()).await {
            Err(_) => continue, // no event yet
            Ok(Ok(Some(event))) if event.kind == "error" => return Ok(delivered),
            Ok(Ok(Some(_))) => {
                delivered = true;
                kick(shared);
            }
            Ok(Ok(None)) => return Ok(delivered),
            Ok(Err(e)) => return Err(Some(e)),
        }
    }
}
