//! Benchmark of the delta pipeline (issue 11): a cluster of 10,000 pods, then 1,000 watch
//! events per second (half pod updates, half new Kubernetes Events, one in ten a Warning),
//! through kube-rs watchers → reflector stores → summaries → deltas. Reports the latency from
//! each event's scheduled send time to its delta reaching the UI channel (p50/p99/max), the
//! time to the first full table, and the memory (RSS) of the process holding the state.
//!
//! The API server is the loopback replay server of the tests, run in a child process (this
//! binary with `serve`) so its copy of the 10,000 pods does not count in the RSS.
//!
//!     cargo run --release -p orbis-clusters --example bench_deltas [-- --pods N --rate R --seconds S]
//!     (or `cargo xtask bench clusters`)

#[path = "../tests/support/replay.rs"]
mod replay;

use orbis_clusters::watch::{ClusterState, Delta, Kind, KindStatus, WatchOptions};
use orbis_clusters::Kubeconfigs;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

struct Params {
    pods: usize,
    rate: usize,
    seconds: usize,
}

fn params(args: &[String]) -> Params {
    let get = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    Params {
        pods: get("--pods", 10_000),
        rate: get("--rate", 1_000),
        seconds: get("--seconds", 10),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let p = params(&args);
    if args.get(1).map(String::as_str) == Some("serve") {
        serve(&p);
    } else {
        measure(&p, &args);
    }
}

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn pod_name(i: usize) -> (String, String) {
    (format!("team-{:02}", i % 50), format!("bench-pod-{i}"))
}

/// A realistic pod (the corpus's running pod, ~8 KB with managed fields) renamed.
fn pod(base: &Value, i: usize, restarts: i64, rv: u64) -> Value {
    let mut p = base.clone();
    let (ns, name) = pod_name(i);
    p["metadata"]["name"] = name.into();
    p["metadata"]["namespace"] = ns.into();
    p["metadata"]["uid"] = format!("00000000-0000-0000-0000-{i:012}").into();
    p["metadata"]["resourceVersion"] = rv.to_string().into();
    if let Some(cs) = p["status"]["containerStatuses"].as_array_mut() {
        for c in cs {
            c["restartCount"] = restarts.into();
        }
    }
    p
}

fn event(base: &Value, i: usize, rv: u64) -> Value {
    let mut e = base.clone();
    let (ns, pod) = pod_name(i);
    e["metadata"]["name"] = format!("bench-event-{i}").into();
    e["metadata"]["namespace"] = ns.into();
    e["metadata"]["resourceVersion"] = rv.to_string().into();
    e["involvedObject"]["name"] = pod.into();
    if i.is_multiple_of(10) {
        e["type"] = "Warning".into();
        e["reason"] = "BackOff".into();
        e["message"] = "Back-off restarting failed container".into();
    }
    e
}

/// The child: the replay server with the generated cluster; on "go" from stdin it streams the
/// events on schedule (event k at start + k/rate) and prints the start time.
fn serve(p: &Params) {
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
    let items: Vec<Value> = (0..p.pods).map(|i| pod(&base_pod, i, 0, 1000)).collect();
    let list = json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "1000"}, "items": items});
    let empty = json!({"kind": "EventList", "apiVersion": "v1", "metadata": {"resourceVersion": "1000"}, "items": []});
    let (pod_tx, pod_rx) = tokio::sync::mpsc::unbounded_channel();
    let (event_tx, event_rx) = tokio::sync::mpsc::unbounded_channel();
    let script = replay::Script::default()
        .list_body("/api/v1/pods", serde_json::to_vec(&list).unwrap())
        .list_body("/api/v1/events", serde_json::to_vec(&empty).unwrap())
        .watch("/api/v1/pods", replay::WatchReply::Live(pod_rx))
        .watch("/api/v1/events", replay::WatchReply::Live(event_rx));
    drop(list);
    let server = replay::ReplayServer::start(script);
    println!("{}", server.url);
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let total = p.rate * p.seconds;
    let start = Instant::now();
    println!("{}", now_ns());
    std::io::stdout().flush().unwrap();
    for k in 0..total {
        let due = start + Duration::from_secs_f64(k as f64 / p.rate as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let rv = 2000 + k as u64;
        // Even slots update pod k/2 (restarts 0 → 1), odd slots add Event k/2.
        let (tx, object) = if k % 2 == 0 {
            (&pod_tx, pod(&base_pod, (k / 2) % p.pods, 1, rv))
        } else {
            (&event_tx, event(&base_event, k / 2, rv))
        };
        let kind = if k % 2 == 0 { "MODIFIED" } else { "ADDED" };
        let mut line = serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap();
        line.push(b'\n');
        let _ = tx.send(line);
    }
    // Keep serving until the parent is done.
    let _ = std::io::stdin().read_line(&mut line);
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn measure(p: &Params, _args: &[String]) {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "serve",
            "--pods",
            &p.pods.to_string(),
            "--rate",
            &p.rate.to_string(),
            "--seconds",
            &p.seconds.to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the replay server");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    let mut url = String::new();
    out.read_line(&mut url).unwrap();
    let dir = std::env::temp_dir().join(format!("orbis-bench-clusters-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let kubeconfig = dir.join("config");
    std::fs::write(
        &kubeconfig,
        format!("apiVersion: v1\nkind: Config\ncurrent-context: bench\nclusters:\n- {{name: bench, cluster: {{server: \"{}\"}}}}\ncontexts:\n- {{name: bench, context: {{cluster: bench}}}}\n", url.trim()),
    )
    .unwrap();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let rss_before = rss_kib("VmRSS:");
    rt.block_on(async {
        let kcs = Kubeconfigs::load(&[kubeconfig], true);
        let conn = orbis_clusters::connect(&kcs, None).await.unwrap();
        let options = WatchOptions { kinds: vec![Kind::Pod, Kind::Event], ..Default::default() };
        let t0 = Instant::now();
        let (state, mut rx) = ClusterState::start(&conn, &options);
        let mut ready = 0;
        let mut initial_pods = 0;
        while ready < 2 {
            for d in rx.recv().await.expect("watchers stopped") {
                if let Delta::Status { kind, status: KindStatus::Ready { count } } = d {
                    ready += 1;
                    if kind == Kind::Pod {
                        initial_pods = count;
                    }
                }
            }
        }
        let initial = t0.elapsed();
        assert_eq!(initial_pods, p.pods, "every pod listed");
        let rss_loaded = rss_kib("VmRSS:");

        writeln!(stdin, "go").unwrap();
        let mut start = String::new();
        out.read_line(&mut start).unwrap();
        let start_ns: u128 = start.trim().parse().unwrap();
        let slot_ns = 1e9 / p.rate as f64;
        let total = p.rate * p.seconds;
        let mut latencies: Vec<f64> = Vec::with_capacity(total);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(p.seconds as u64 + 30);
        while latencies.len() < total {
            let batch = match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(b)) => b,
                _ => break,
            };
            let received = now_ns();
            for d in batch {
                let slot = match &d {
                    Delta::Modified { kind: Kind::Pod, key, .. } => key.rsplit('-').next().and_then(|n| n.parse::<usize>().ok()).map(|i| i * 2),
                    Delta::Added { kind: Kind::Event, key, .. } => key.rsplit('-').next().and_then(|n| n.parse::<usize>().ok()).map(|i| i * 2 + 1),
                    _ => None,
                };
                if let Some(slot) = slot {
                    let scheduled = start_ns as f64 + slot as f64 * slot_ns;
                    latencies.push((received as f64 - scheduled) / 1e6);
                }
            }
        }
        let rss_end = rss_kib("VmRSS:");
        let peak = rss_kib("VmHWM:");
        latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let q = |f: f64| latencies.get(((latencies.len() as f64 * f) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or(f64::NAN);
        println!("clusters delta pipeline: {} pods, {} events/s for {} s (half pod updates, half new Events)", p.pods, p.rate, p.seconds);
        println!("  first full table (list of {} pods in pages of 500 → deltas): {:.0} ms", p.pods, initial.as_secs_f64() * 1e3);
        println!("  deltas received: {} of {}", latencies.len(), total);
        println!("  latency event → UI delta: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (goal p99 < 100 ms)", q(0.50), q(0.99), latencies.last().copied().unwrap_or(f64::NAN));
        println!("  RSS: {} MB before connecting, {} MB with the cluster loaded, {} MB at the end, peak {} MB (goal < 300 MB)", rss_before / 1024, rss_loaded / 1024, rss_end / 1024, peak / 1024);
        println!("  store: {} pods held", state.store::<k8s_openapi::api::core::v1::Pod>(Kind::Pod).map(|s| s.state().len()).unwrap_or(0));
        drop(state);
    });
    let _ = writeln!(stdin, "done");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
