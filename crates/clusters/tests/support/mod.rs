//! Test support shared by this crate's tests (and included by the CLI's tests by path).
#![allow(dead_code)]

pub mod gitops_fixtures;
pub mod replay;
pub mod rollout_fixtures;

use orbis_clusters::watch::{Delta, Kind, KindStatus};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Receives delta batches until `done` holds for everything received so far. The timeout is
/// a bound for a broken test, not a synchronisation: every wait ends on an event.
pub async fn deltas_until(
    rx: &mut UnboundedReceiver<Vec<Delta>>,
    seen: &mut Vec<Delta>,
    done: impl Fn(&[Delta]) -> bool,
) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !done(seen) {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(batch)) => seen.extend(batch),
            Ok(None) => panic!("the watchers stopped; seen: {seen:#?}"),
            Err(_) => panic!("timed out; seen: {seen:#?}"),
        }
    }
}

pub fn status_of(seen: &[Delta], kind: Kind) -> Option<&KindStatus> {
    seen.iter().rev().find_map(|d| match d {
        Delta::Status { kind: k, status } if *k == kind => Some(status),
        _ => None,
    })
}

pub fn is_ready(seen: &[Delta], kind: Kind) -> bool {
    matches!(status_of(seen, kind), Some(KindStatus::Ready { .. }))
}
