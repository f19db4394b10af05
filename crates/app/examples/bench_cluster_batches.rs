//! Benchmark of what the desktop's webview receives from a busy cluster (issue 11): the replay
//! server of orbis-clusters' tests serves N pods, then W watch events per second (half pod
//! updates, half new Kubernetes Events) flow through kube-rs → summaries → deltas → the app's
//! coalescing forwarder (`clusters/live.rs`) → the `cluster-event` sink. Reports the messages
//! per second the UI gets, deltas per message, how many watch events coalescing saved, and the
//! latency from each event's scheduled send to its delta reaching the sink.
//!
//!     cargo run --release -p orbis-app --features clusters --example bench_cluster_batches \
//!       [-- --pods N --rate R --seconds S --hot H]   (or `cargo xtask bench clusters --ui`)
//!
//! `--hot H`: pod updates go to the first H pods only (default: all pods), so repeated updates
//! of one pod fall into one batch as they do for a crash-looping workload.

#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::dto::{ClusterDelta, ClusterEventMessage, ClusterKind, ClusterKindStatus};
use orbis_app::clusters::ClusterSink;
use orbis_app::Session;
use orbis_store::Store;
use serde_json::{json, Value};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn pod(base: &Value, i: usize, restarts: i64, rv: u64) -> Value {
    let mut p = base.clone();
    p["metadata"]["name"] = format!("bench-pod-{i}").into();
    p["metadata"]["namespace"] = format!("team-{:02}", i % 50).into();
    p["metadata"]["uid"] = format!("00000000-0000-0000-0000-{i:012}").into();
    p["metadata"]["resourceVersion"] = rv.to_string().into();
    if let Some(cs) = p["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["restartCount"] = restarts.into();
        }
    }
    p
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (pods, rate, seconds) = (
        arg(&args, "--pods", 10_000),
        arg(&args, "--rate", 1_000),
        arg(&args, "--seconds", 10),
    );
    let hot = arg(&args, "--hot", pods).clamp(1, pods);
    let corpus = replay::corpus();
    let base_pod: Value = serde_json::from_slice(
        &std::fs::read(corpus.join("objects/constructed/pods/pod-running.json")).unwrap(),
    )
    .unwrap();
    let events: Value = serde_json::from_slice(
        &std::fs::read(corpus.join("objects/constructed/lists/EventList.json")).unwrap(),
    )
    .unwrap();
    let base_event = events["items"][0].clone();
    let items: Vec<Value> = (0..pods).map(|i| pod(&base_pod, i, 0, 1000)).collect();
    let list = json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "1000"}, "items": items});
    let empty = json!({"kind": "EventList", "apiVersion": "v1", "metadata": {"resourceVersion": "1000"}, "items": []});
    let (pod_tx, pod_rx) = tokio::sync::mpsc::unbounded_channel();
    let (event_tx, event_rx) = tokio::sync::mpsc::unbounded_channel();
    let server = replay::ReplayServer::start(
        replay::Script::default()
            .list_body("/api/v1/pods", serde_json::to_vec(&list).unwrap())
            .list_body("/api/v1/events", serde_json::to_vec(&empty).unwrap())
            .watch("/api/v1/pods", replay::WatchReply::Live(pod_rx))
            .watch("/api/v1/events", replay::WatchReply::Live(event_rx)),
    );
    drop(list);
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.set_kubeconfig_files(Some(vec![server.kubeconfig(dir.path(), "bench")]));

    let (tx, rx) = mpsc::channel::<(Instant, ClusterEventMessage)>();
    let tx = Mutex::new(tx);
    let sink: ClusterSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send((Instant::now(), m));
    });
    let t0 = Instant::now();
    session.connect_cluster("replay", sink).unwrap();
    // Wait for the first full pod table.
    let mut first_table = None;
    while first_table.is_none() {
        let (at, m) = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the first list");
        for d in &m.deltas {
            if let ClusterDelta::Status {
                kind: ClusterKind::Pod,
                status: ClusterKindStatus::Ready { count },
            } = d
            {
                assert_eq!(*count as usize, pods);
                first_table = Some(at - t0);
            }
        }
    }
    while rx.recv_timeout(Duration::from_millis(300)).is_ok() {}

    // Event k is due at start + k/rate: even k update pod (k/2) % hot, odd k add Event k/2.
    let total = rate * seconds;
    let start = Instant::now();
    let slot = Duration::from_secs_f64(1.0 / rate as f64);
    let sender = std::thread::spawn(move || {
        for k in 0..total {
            let due = start + slot * k as u32;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            let rv = 2000 + k as u64;
            let (tx, kind, object) = if k % 2 == 0 {
                (
                    &pod_tx,
                    "MODIFIED",
                    pod(&base_pod, (k / 2) % hot, 1 + k as i64, rv),
                )
            } else {
                let mut e = base_event.clone();
                e["metadata"]["name"] = format!("bench-event-{}", k / 2).into();
                e["metadata"]["resourceVersion"] = rv.to_string().into();
                (&event_tx, "ADDED", e)
            };
            let mut line = serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap();
            line.push(b'\n');
            let _ = tx.send(line);
        }
        (pod_tx, event_tx)
    });

    // Latency per delta: from the due time of the newest event it carries (the pod's restart
    // count names the event; an Event's name its index).
    let mut messages = 0usize;
    let mut deltas = 0usize;
    let mut max_deltas = 0usize;
    let mut latencies = Vec::new();
    let mut last_pod_event = 0usize;
    let mut events_seen = 0usize;
    let mut object_deltas = 0usize;
    let mut gaps = Vec::new();
    let mut previous: Option<Instant> = None;
    let deadline = Instant::now() + Duration::from_secs(seconds as u64 + 60);
    let expected_events = total / 2;
    let last_pod_k = (0..total).rev().find(|k| k % 2 == 0).unwrap_or(0);
    while (events_seen < expected_events || last_pod_event < last_pod_k)
        && Instant::now() < deadline
    {
        let Ok((at, m)) = rx.recv_timeout(Duration::from_secs(5)) else {
            continue;
        };
        messages += 1;
        deltas += m.deltas.len();
        max_deltas = max_deltas.max(m.deltas.len());
        if let Some(p) = previous {
            gaps.push((at - p).as_secs_f64() * 1e3);
        }
        previous = Some(at);
        for d in &m.deltas {
            let k = match d {
                ClusterDelta::Modified {
                    kind: ClusterKind::Pod,
                    row: orbis_app::clusters::dto::ClusterRow::Pod(p),
                    ..
                } => {
                    let k = p.restarts as usize - 1;
                    last_pod_event = last_pod_event.max(k);
                    Some(k)
                }
                ClusterDelta::Added {
                    kind: ClusterKind::Event,
                    key,
                    ..
                } => {
                    events_seen += 1;
                    key.rsplit('-')
                        .next()
                        .and_then(|n| n.parse::<usize>().ok())
                        .map(|i| i * 2 + 1)
                }
                _ => None,
            };
            if let Some(k) = k {
                object_deltas += 1;
                let due = start + slot * k as u32;
                latencies.push(at.saturating_duration_since(due).as_secs_f64() * 1e3);
            }
        }
    }
    let _keep_watches_open = sender.join().unwrap();
    session.disconnect_cluster();
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    gaps.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let q = |v: &[f64], f: f64| {
        v.get(((v.len() as f64 * f) as usize).min(v.len().saturating_sub(1)))
            .copied()
            .unwrap_or(f64::NAN)
    };
    let elapsed = (previous.unwrap_or(start) - start).as_secs_f64();
    println!("clusters → UI batches: {pods} pods, {rate} watch events/s for {seconds} s (pod updates over {hot} pods, new Events)");
    println!(
        "  first full table: {:.0} ms",
        first_table.unwrap().as_secs_f64() * 1e3
    );
    println!("  watch events sent: {total}; deltas received by the UI: {deltas} in {messages} messages ({:.1} messages/s, mean {:.0} deltas/message, max {max_deltas})", messages as f64 / elapsed.max(1e-9), deltas as f64 / messages.max(1) as f64);
    println!("  coalescing: {object_deltas} pod/Event deltas for {total} watch events ({:.0}% of the events folded into a later delta of the same object)", 100.0 * total.saturating_sub(object_deltas) as f64 / total as f64);
    println!(
        "  time between messages: p50 {:.0} ms, min {:.0} ms",
        q(&gaps, 0.5),
        gaps.first().copied().unwrap_or(f64::NAN)
    );
    println!("  latency event due → delta at the UI sink: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (includes up to {} ms of batching)", q(&latencies, 0.5), q(&latencies, 0.99), latencies.last().copied().unwrap_or(f64::NAN), orbis_app::clusters::BATCH_INTERVAL.as_millis());
}
