//! Pulling what the team's administrators published (`team` feature): on every sync, the
//! workspace's budget and policy packs, asked with the revision already held so an unchanged
//! set costs one 304. The set is kept in the store (settings), so Plan Review applies it
//! offline and after a restart.

use super::governance_dto::{StoredGovernance, GOVERNANCE_KEY};
use super::imp::{client_error, now_ms, Connection};
use crate::error::AppError;
use orbis_store::Store;
use orbis_sync::SyncClient;
use std::sync::Mutex;

pub(super) fn pull(
    rt: &tokio::runtime::Runtime,
    store: &Mutex<Store>,
    client: &SyncClient,
    conn: &Connection,
) -> Result<(), AppError> {
    let held = super::imp::lock(store)
        .setting::<StoredGovernance>(GOVERNANCE_KEY)?
        .filter(|g| g.workspace_id == conn.workspace_id);
    let known = held.as_ref().map(|g| g.revision.as_str());
    let answer = rt
        .block_on(client.governance(&conn.workspace_id, known))
        .map_err(|e| client_error(e, &conn.server_url))?;
    let stored = match (answer, held) {
        (Some(fresh), _) => {
            // Field for field the server's JSON (governance_dto.rs): a round trip through it.
            let mut stored: StoredGovernance = serde_json::to_value(&fresh)
                .and_then(serde_json::from_value)
                .map_err(|e| {
                    AppError::new(
                        crate::error::ErrorCode::TeamUnreachable,
                        format!(
                            "The team server sent budgets or policies this app cannot read: {e}"
                        ),
                        "Use the same version of TerraOrbis as the team server.",
                    )
                })?;
            stored.pulled_at = now_ms();
            log::info!(
                "team server: {} policy pack(s) and {} budget in force",
                stored.policy_packs.len(),
                if stored.budget.is_some() { "a" } else { "no" }
            );
            stored
        }
        (None, Some(mut held)) => {
            held.pulled_at = now_ms();
            held
        }
        // 304 for a revision not held cannot happen; nothing to keep.
        (None, None) => return Ok(()),
    };
    super::imp::lock(store).set_setting(GOVERNANCE_KEY, &stored)?;
    Ok(())
}
