//! The sync itself (`team` feature): queue ended runs, push the store's outbox, pull the
//! feed by cursor; and the background worker that runs it when kicked and every interval.

use super::dto::TeamSyncReport;
use super::imp::{
    client_error, connection, device_id, lock, not_connected, now_ms, runtime, team, token,
    Connection, Shared, LAST_SYNC_KEY, REQUEST_TIMEOUT,
};
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_store::{OutboxItem, Store, TeamRecord};
use orbis_sync::{Outcome, PushItem, RecordKind, SyncClient};
use std::sync::{Arc, Mutex};

const PUSH_BATCH: usize = 100;
const PULL_PAGE: u32 = 500;

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
    // Requests' plan/apply reports, after the runs they name are on the server.
    super::requests::flush_reports(rt, store, &client, server)?;
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
    // The budget and policy packs in force (Plan Review applies them, offline too).
    super::governance::pull(rt, store, &client, &conn)?;
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
        super::requests::note_runs(store, conn, device, &runs);
        let ids: Vec<i64> = runs.iter().map(|r| r.id).collect();
        store.team_enqueue(&items, &ids, now_ms())?;
    }
}

pub(super) fn start_worker(session: &Session) {
    let shared = team(session).shared.clone();
    let store = session.shared_store();
    let generation = {
        let mut signal = lock(&shared.signal);
        signal.generation += 1;
        signal.kicked = true;
        signal.generation
    };
    shared.wake.notify_all();
    // Live updates wake the worker between its periodic syncs (team/live.rs).
    super::live::start(shared.clone(), store.clone(), generation);
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
