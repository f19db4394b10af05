//! The tests' loopback replay server (tests/support/replay.rs) as a small program, for the
//! desktop app's end-to-end tests: it serves the corpus's recorded discovery and lists on
//! 127.0.0.1, writes a kubeconfig pointing at itself, and pushes recorded watch streams when
//! told to on stdin, so a test decides when "the cluster" changes.
//!
//!     cargo run -p orbis-clusters --example replay_server -- --corpus DIR --kubeconfig FILE
//!       [--forbid secrets]... [--forbid-verb patch:deployments]... [--log NS/POD/CONTAINER=TEXTFILE]...
//!
//! `--corpus` (else `$ORBIS_K8S_CORPUS`) is the k8s corpus folder: the binary is shared by the
//! checkouts that build into one target dir, so it never guesses from where it was compiled.
//! PATCH/DELETE requests change the served objects and reach open watches (see replay.rs);
//! `--forbid-verb VERB:KIND` answers 403 to that verb on that kind (reads still work);
//! `--rollout-history` gives deployment `web` two revisions to roll back between; `--metrics`
//! serves the corpus's metrics.k8s.io lists (without it that API answers 404, as without
//! metrics-server); `--platform` serves quotas, limit ranges, RBAC and network policies in
//! `default` (see `Script::with_platform`); `--gitops` serves Argo CD and Flux discovery and
//! objects (`gitops_fixtures.rs`) and the ControllerRevisions of the corpus's statefulset and
//! daemonset (`rollout_fixtures.rs`).
//!
//! Prints one line `{"url": "...", "kubeconfig": "..."}` when ready. Then reads commands:
//! `watch pods FILE` sends every event of `watch/constructed/FILE` (corpus) on the open pods
//! watch, and answers `ok N` (N events queued); `log NS/POD/CONTAINER TEXT` writes a line to
//! that container's followed log (`ok 1`). EOF on stdin stops the server.

#[path = "../tests/support/gitops_fixtures.rs"]
mod gitops_fixtures;
#[path = "../tests/support/replay.rs"]
mod replay;
#[path = "../tests/support/rollout_fixtures.rs"]
mod rollout_fixtures;

use std::io::{BufRead, Write};
use std::path::PathBuf;

const WATCHED: [(&str, &str); 2] = [("pods", "/api/v1/pods"), ("events", "/api/v1/events")];

/// The route of a kind's objects, as `--forbid`/`--forbid-verb` name it.
fn route(kind: &str, option: &str) -> String {
    match kind {
        "secrets" | "configmaps" | "events" | "services" | "nodes" | "namespaces" | "pods" => {
            format!("/api/v1/{kind}")
        }
        "deployments" | "statefulsets" | "daemonsets" | "replicasets" => {
            format!("/apis/apps/v1/{kind}")
        }
        other => {
            eprintln!("{option} {other}: not one of pods, secrets, configmaps, events, services, nodes, namespaces, deployments, statefulsets, daemonsets, replicasets");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kubeconfig: Option<PathBuf> = None;
    let mut forbid: Vec<String> = Vec::new();
    let mut forbid_verbs: Vec<String> = Vec::new();
    let mut rollout_history = false;
    let mut metrics = false;
    let mut platform = false;
    let mut gitops = false;
    let mut corpus: Option<PathBuf> = std::env::var_os("ORBIS_K8S_CORPUS")
        .filter(|c| !c.is_empty())
        .map(PathBuf::from);
    let mut logs: Vec<(String, PathBuf)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--kubeconfig" => kubeconfig = it.next().map(PathBuf::from),
            "--forbid" => forbid.extend(it.next().cloned()),
            "--forbid-verb" => forbid_verbs.extend(it.next().cloned()),
            "--corpus" => corpus = it.next().map(PathBuf::from),
            "--rollout-history" => rollout_history = true,
            "--metrics" => metrics = true,
            "--platform" => platform = true,
            "--gitops" => gitops = true,
            "--log" => match it.next().and_then(|v| v.split_once('=')) {
                Some((target, file)) => logs.push((target.to_string(), PathBuf::from(file))),
                None => {
                    eprintln!("--log NS/POD/CONTAINER=TEXTFILE");
                    std::process::exit(2);
                }
            },
            other => {
                eprintln!("unknown argument {other:?}; usage: replay_server --kubeconfig FILE [--forbid secrets]...");
                std::process::exit(2);
            }
        }
    }
    let Some(kubeconfig) = kubeconfig else {
        eprintln!("--kubeconfig FILE is required (where to write the kubeconfig of this server)");
        std::process::exit(2);
    };
    match corpus {
        Some(dir) if dir.join("objects/constructed/lists").is_dir() => replay::set_corpus(dir),
        Some(dir) => {
            eprintln!(
                "--corpus {}: not the k8s corpus (no objects/constructed/lists in it)",
                dir.display()
            );
            std::process::exit(2);
        }
        None => {
            eprintln!("--corpus DIR (or ORBIS_K8S_CORPUS) is required: the k8s corpus, e.g. ../shared/corpora/k8s");
            std::process::exit(2);
        }
    }

    let mut script = replay::Script::corpus();
    if rollout_history {
        script = script.with_rollout_history();
    }
    if metrics {
        script = script.with_metrics();
    }
    if platform {
        script = script.with_platform();
    }
    if gitops {
        let routes = gitops_fixtures::routes(&replay::corpus());
        for (path, body) in routes.documents {
            script = script.document(&path, body);
        }
        for (path, body) in routes.lists {
            script = script.list_body(&path, body);
        }
        script = script.list_body(
            "/apis/apps/v1/controllerrevisions",
            rollout_fixtures::controller_revisions(&replay::corpus()),
        );
    }
    let mut feeds = Vec::new();
    for (name, path) in WATCHED {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        script = script.watch(path, replay::WatchReply::Live(rx));
        feeds.push((name, tx));
    }
    let forbidden = replay::corpus().join("objects/constructed/status/status-403-forbidden.json");
    for kind in &forbid {
        script = script.status(&route(kind, "--forbid"), 403, forbidden.clone());
    }
    for rule in &forbid_verbs {
        let Some((verb, kind)) = rule.split_once(':') else {
            eprintln!(
                "--forbid-verb {rule}: expected VERB:KIND, e.g. patch:deployments or delete:pods"
            );
            std::process::exit(2);
        };
        if !matches!(verb, "patch" | "delete") {
            eprintln!("--forbid-verb {rule}: the verb is patch or delete");
            std::process::exit(2);
        }
        script = script.forbid_verb(verb, &route(kind, "--forbid-verb"));
    }
    let mut log_feeds = Vec::new();
    for (target, file) in &logs {
        let parts: Vec<&str> = target.split('/').collect();
        let [ns, pod, container] = parts.as_slice() else {
            eprintln!("--log {target}: expected NS/POD/CONTAINER");
            std::process::exit(2);
        };
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
            eprintln!("--log {target}: {}: {e}", file.display());
            std::process::exit(2);
        });
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        script = script.log(ns, pod, container, &text, Some(rx));
        log_feeds.push((target.clone(), tx));
    }
    let server = replay::ReplayServer::start(script);
    if let Some(dir) = kubeconfig.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(
        &kubeconfig,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: replay\nclusters:\n- name: replay\n  cluster: {{server: \"{}\"}}\ncontexts:\n- name: replay\n  context: {{cluster: replay, user: replay, namespace: default}}\nusers:\n- name: replay\n  user: {{token: replay-token}}\n",
            server.url
        ),
    )
    .expect("write the kubeconfig");
    println!(
        "{}",
        serde_json::json!({"url": server.url, "kubeconfig": kubeconfig})
    );
    std::io::stdout().flush().ok();

    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let words: Vec<&str> = line.split_whitespace().collect();
        let reply = match words.as_slice() {
            ["watch", kind, file] => match feeds.iter().find(|(n, _)| n == kind) {
                Some((_, tx)) => {
                    let path = replay::corpus().join("watch/constructed").join(file);
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            let mut n = 0;
                            for l in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                                let mut event = l.to_vec();
                                event.push(b'\n');
                                let _ = tx.send(event);
                                n += 1;
                            }
                            format!("ok {n}")
                        }
                        Err(e) => format!("error {}: {e}", path.display()),
                    }
                }
                None => format!("error no live watch for {kind}"),
            },
            ["log", target, ..] => match log_feeds.iter().find(|(t, _)| t == target) {
                Some((_, tx)) => {
                    let text = line.splitn(3, ' ').nth(2).unwrap_or("");
                    let _ = tx.send(format!("{text}\n").into_bytes());
                    "ok 1".to_string()
                }
                None => format!("error no --log {target}"),
            },
            _ => format!("error unknown command {line:?}"),
        };
        println!("{reply}");
        std::io::stdout().flush().ok();
    }
    drop(server);
}
