//! Load benchmark of the team server on loopback: N clients each push M records (one record
//! per request, as a desktop app syncing run by run), against SQLite and/or a throw-away
//! PostgreSQL cluster; prints throughput and latency percentiles, then the time for one
//! client to pull everything. `cargo xtask bench server` runs it in release mode.
//!
//!     cargo run --release -p orbis-server --example bench -- --clients 8 --records 250

#[path = "../tests/common/mod.rs"]
mod common;

use common::{scenarios, Backend, Server};
use orbis_server::api::sync::{Outcome, PushItem};
use orbis_server::client::{Replica, SyncClient};
use orbis_server::records::RecordKind;
use std::time::{Duration, Instant};

struct Args {
    clients: usize,
    records: usize,
    batch: usize,
    backends: Vec<String>,
}

fn parse_args() -> Args {
    let mut args = Args {
        clients: 8,
        records: 250,
        batch: 1,
        backends: vec!["sqlite".into(), "postgres".into()],
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--clients" => args.clients = value().parse().expect("--clients N"),
            "--records" => args.records = value().parse().expect("--records M"),
            "--batch" => args.batch = value().parse().expect("--batch B"),
            "--db" => args.backends = value().split(',').map(String::from).collect(),
            other => panic!(
                "unknown argument {other} (--clients N --records M --batch B --db sqlite,postgres)"
            ),
        }
    }
    args
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn bench(backend: Backend, name: &str, args: &Args) {
    let server = Server::start(&backend, &["--rate-limit-per-minute", "100000000"]).await;
    let org = scenarios::setup_org(&backend, &server, "bench").await;
    let ws = org.workspace.clone();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..args.clients {
        let client = SyncClient::new(&server.base, org.token("operator"));
        let ws = ws.clone();
        let (records, batch) = (args.records, args.batch.max(1));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let ids: Vec<String> = (0..records).map(|i| format!("c{c}-r{i}")).collect();
            for chunk in ids.chunks(batch) {
                let items: Vec<PushItem> = chunk
                    .iter()
                    .map(|id| PushItem {
                        kind: RecordKind::Run,
                        id: id.clone(),
                        body: serde_json::json!({"command": "plan", "status": "succeeded",
                            "started_at": 1_700_000_000_000i64, "ended_at": 1_700_000_060_000i64,
                            "identity": "aws:ci", "environment": "prod",
                            "plan_summary": {"add": 3, "change": 1, "remove": 0, "import": 0},
                            "log": "Terraform will perform the following actions: ...\n".repeat(20)}),
                    })
                    .collect();
                let t = Instant::now();
                let results = client.push(&ws, items).await.expect("push");
                latencies.push(t.elapsed());
                assert!(results.iter().all(|r| r.outcome == Outcome::Created));
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let wall = start.elapsed();
    latencies.sort();
    let total = args.clients * args.records;
    let pull_start = Instant::now();
    let mut replica = Replica::default();
    let pulled = replica
        .catch_up(&SyncClient::new(&server.base, org.token("viewer")), &ws)
        .await
        .unwrap();
    let pull = pull_start.elapsed();
    assert_eq!(pulled, total);
    println!(
        "{name:<9} push: {total} records ({} clients x {} records, batch {}) in {:.2} s = {:.0} records/s; \
         latency per request p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms | pull all: {:.2} s ({:.0} records/s)",
        args.clients,
        args.records,
        args.batch,
        wall.as_secs_f64(),
        total as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
        pull.as_secs_f64(),
        total as f64 / pull.as_secs_f64(),
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args = parse_args();
    let binary = common::server_binary();
    assert!(
        binary.is_file(),
        "{} is missing: build it first (cargo build --release -p orbis-server), or run `cargo xtask bench server`",
        binary.display()
    );
    for name in args.backends.clone() {
        let backend = match name.as_str() {
            "sqlite" => Backend::sqlite(),
            "postgres" => Backend::postgres().await,
            other => panic!("unknown database {other}"),
        };
        bench(backend, &name, &args).await;
    }
}
