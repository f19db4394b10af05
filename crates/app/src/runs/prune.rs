//! Saved plans are not kept forever: a plan file holds sensitive values in clear, and nobody
//! applies a plan of last month. The rule, per workspace, when a new plan starts:
//! a saved plan (`plan-ID.tfplan` and its `show -json` copy `plan-ID.json`) is kept while it
//! is one of the `KEEP_NEWEST` newest plan runs of the workspace, or younger than `KEEP_DAYS`,
//! or its run is still recorded as running, or it is confirmed for apply and not applied yet
//! (a plan awaiting its apply is never removed). Everything else in the folder is removed,
//! files of runs no longer in the history included, and a removed plan's approval is dropped.

use super::{lock, operation_of};
use orbis_store::{RunStatus, Store};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

pub const KEEP_NEWEST: usize = 10;
pub const KEEP_DAYS: i64 = 7;

/// `plan-12.tfplan` / `plan-12.json` → 12.
fn plan_id(name: &str) -> Option<i64> {
    let rest = name.strip_prefix("plan-")?;
    let id = rest
        .strip_suffix(".tfplan")
        .or_else(|| rest.strip_suffix(".json"))?;
    id.parse().ok()
}

/// Removes what the rule does not keep from `dir` (the workspace's plan folder); returns the
/// run ids whose files were removed, sorted. Failures are logged, never fatal: pruning must
/// not stop a run.
pub fn prune_plans(store: &Mutex<Store>, root: &Path, dir: &Path, now: i64) -> Vec<i64> {
    let workspace = root.display().to_string();
    let (records, approvals) = {
        let store = lock(store);
        match (
            store.recent_runs_without_logs(Some(&workspace), 100_000),
            store.run_approvals(&workspace),
        ) {
            (Ok(r), Ok(a)) => (r, a),
            (Err(e), _) | (_, Err(e)) => {
                log::warn!("saved plans not pruned: {e}");
                return Vec::new();
            }
        }
    };
    // Hashes of plans already applied (or being applied): terraform refuses them again.
    let applied: HashSet<&str> = records
        .iter()
        .filter(|r| operation_of(&r.command) == "apply")
        .filter(|r| matches!(r.status, RunStatus::Succeeded | RunStatus::Running))
        .filter_map(|r| r.plan_sha256.as_deref())
        .collect();
    let mut keep: HashSet<i64> = HashSet::new();
    let plans = records
        .iter()
        .filter(|r| operation_of(&r.command) == "plan");
    for (n, r) in plans.enumerate() {
        let awaiting_apply = approvals.get(&r.id).is_some_and(|sha| {
            r.plan_sha256.as_ref() == Some(sha) && !applied.contains(sha.as_str())
        });
        if n < KEEP_NEWEST
            || r.started_at >= now - KEEP_DAYS * 86_400
            || r.status == RunStatus::Running
            || awaiting_apply
        {
            keep.insert(r.id);
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = plan_id(&name.to_string_lossy()) else {
            continue;
        };
        if keep.contains(&id) {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed.push(id),
            Err(e) => log::warn!("saved plan {} not removed: {e}", entry.path().display()),
        }
    }
    removed.sort_unstable();
    removed.dedup();
    let store = lock(store);
    for id in &removed {
        if approvals.contains_key(id) {
            let _ = store.revoke_run_approval(*id);
        }
    }
    if !removed.is_empty() {
        log::info!("removed {} old saved plan(s) of {workspace}", removed.len());
    }
    removed
}

#[cfg(test)]
mod tests {
    #[test]
    fn plan_file_names_give_their_run_id() {
        assert_eq!(super::plan_id("plan-12.tfplan"), Some(12));
        assert_eq!(super::plan_id("plan-7.json"), Some(7));
        assert_eq!(super::plan_id("plan-x.tfplan"), None);
        assert_eq!(super::plan_id("notes.txt"), None);
    }
}
