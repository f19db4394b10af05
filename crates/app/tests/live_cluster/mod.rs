//! Connecting a `Session` to orbis-clusters' loopback replay server, shared by the app's
//! cluster tests (each declares `mod replay;` from crates/clusters/tests/support and this).
// Each test binary uses part of it.
#![allow(dead_code)]

use crate::replay::ReplayServer;
use orbis_app::clusters::dto::{ClusterDelta, ClusterEventMessage, ClusterKind, ClusterKindStatus};
use orbis_app::Session;
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Connects `session` to the server's `replay` context (its kubeconfig written into `dir`);
/// the receiver gets the delta batches the UI would.
pub fn connect(
    session: &Session,
    server: &ReplayServer,
    dir: &Path,
) -> mpsc::Receiver<ClusterEventMessage> {
    session.set_kubeconfig_files(Some(vec![server.kubeconfig(dir, "t")]));
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    session
        .connect_cluster(
            "replay",
            Arc::new(move |m| {
                let _ = tx.lock().unwrap().send(m);
            }),
        )
        .unwrap();
    rx
}

/// Waits until each of `kinds` has been listed (its status is ready), or any kind when `kinds`
/// is empty; 30 s bounds a broken test.
pub fn until_listed(rx: &mpsc::Receiver<ClusterEventMessage>, kinds: &[ClusterKind]) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut listed = Vec::new();
    loop {
        let m = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("{kinds:?} not listed within 30 s (listed: {listed:?})"));
        for d in m.deltas {
            if let ClusterDelta::Status {
                kind,
                status: ClusterKindStatus::Ready { .. },
            } = d
            {
                listed.push(kind);
            }
        }
        let done = if kinds.is_empty() {
            !listed.is_empty()
        } else {
            kinds.iter().all(|k| listed.contains(k))
        };
        if done {
            return;
        }
    }
}

/// A new session (in-memory store, no workspace) connected to `server` once `kinds` are
/// listed (see [`until_listed`]).
pub fn connected(server: &ReplayServer, dir: &Path, kinds: &[ClusterKind]) -> Session {
    let session = Session::new(orbis_store::Store::open_in_memory().unwrap(), None);
    let rx = connect(&session, server, dir);
    until_listed(&rx, kinds);
    session
}
