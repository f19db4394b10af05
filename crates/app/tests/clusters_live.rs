//! The Clusters view through `Session` (feature `clusters`): contexts of corpus kubeconfigs,
//! and a live connection to orbis-clusters' loopback replay server serving the recorded
//! corpus (../shared/corpora/k8s): batched deltas, a watch event changing a row, "no access"
//! for a kind RBAC forbids, object YAML with Secret keys only, disconnect.
#![cfg(feature = "clusters")]

#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script, WatchReply};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn kubeconfigs() -> PathBuf {
    replay::corpus().join("kubeconfig/constructed")
}

fn session() -> Session {
    Session::new(Store::open_in_memory().unwrap(), None)
}

/// What the UI would hold after applying every batch (modified = upsert, as documented).
#[derive(Default)]
struct Model {
    rows: HashMap<(ClusterKind, String), ClusterRow>,
    status: HashMap<ClusterKind, ClusterKindStatus>,
    messages: Vec<ClusterEventMessage>,
}

impl Model {
    fn apply(&mut self, m: ClusterEventMessage) {
        for d in &m.deltas {
            match d.clone() {
                ClusterDelta::Added { kind, key, row } => {
                    assert!(
                        self.rows.insert((kind, key.clone()), row).is_none(),
                        "{key} added twice"
                    );
                }
                ClusterDelta::Modified { kind, key, row } => {
                    self.rows.insert((kind, key), row);
                }
                ClusterDelta::Deleted { kind, key } => {
                    assert!(
                        self.rows.remove(&(kind, key.clone())).is_some(),
                        "{key} deleted but never added"
                    );
                }
                ClusterDelta::Status { kind, status } => {
                    self.status.insert(kind, status);
                }
            }
        }
        self.messages.push(m);
    }

    fn pod(&self, key: &str) -> Option<&ClusterPodRow> {
        match self.rows.get(&(ClusterKind::Pod, key.to_string()))? {
            ClusterRow::Pod(p) => Some(p),
            _ => None,
        }
    }
}

/// Applies messages until `done`; 30 s bounds a broken test, every wait ends on a message.
fn until(
    rx: &mpsc::Receiver<ClusterEventMessage>,
    model: &mut Model,
    done: impl Fn(&Model) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(model) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(m) => model.apply(m),
            Err(e) => panic!("{e}; statuses: {:?}", model.status),
        }
    }
}

fn make_sink() -> (
    orbis_app::clusters::ClusterSink,
    mpsc::Receiver<ClusterEventMessage>,
) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    (
        Arc::new(move |m| {
            let _ = tx.lock().unwrap().send(m);
        }),
        rx,
    )
}

fn ready(kind: ClusterKind) -> impl Fn(&Model) -> bool {
    move |m| matches!(m.status.get(&kind), Some(ClusterKindStatus::Ready { .. }))
}

#[test]
fn contexts_carry_their_checks_and_the_fix_command() {
    let s = session();
    s.set_kubeconfig_files(Some(vec![
        kubeconfigs().join("aks-kubelogin.yaml"),
        kubeconfigs().join("malformed/bad-yaml.yaml"),
    ]));
    let list = s.list_cluster_contexts();
    assert!(list.available);
    assert!(
        list.files.iter().any(|f| f.ends_with("aks-kubelogin.yaml")),
        "{:?}",
        list.files
    );
    let legacy = list
        .contexts
        .iter()
        .find(|c| c.name == "prod-aks-legacy")
        .expect("prod-aks-legacy listed");
    assert!(!legacy.usable);
    assert_eq!(legacy.auth, "auth-provider:azure");
    let p = legacy
        .problems
        .iter()
        .find(|p| p.code == "clusters.auth_provider_unsupported")
        .expect("the removed auth-provider is named");
    assert_eq!(p.fix_command.as_deref(), Some("az aks install-cli"));
    // The broken file is a problem of its own, not of a context.
    let bad = list
        .errors
        .iter()
        .find(|e| e.code == "clusters.kubeconfig_invalid")
        .expect("bad YAML reported");
    assert!(
        bad.file
            .as_deref()
            .is_some_and(|f| f.ends_with("bad-yaml.yaml")),
        "{bad:?}"
    );
}

#[test]
fn connecting_streams_batched_deltas_and_a_watch_event_changes_a_row() {
    let (feed, live) = tokio::sync::mpsc::unbounded_channel();
    let forbidden = replay::corpus().join("objects/constructed/status/status-403-forbidden.json");
    let server = ReplayServer::start(
        Script::corpus()
            .status("/api/v1/secrets", 403, forbidden)
            .watch("/api/v1/pods", WatchReply::Live(live)),
    );
    let tmp = tempfile::tempdir().unwrap();
    let s = session();
    s.set_kubeconfig_files(Some(vec![server.kubeconfig(tmp.path(), "t")]));
    assert_eq!(s.list_cluster_contexts().contexts[0].name, "replay");

    let (sink, rx) = make_sink();
    let connected = s.connect_cluster("replay", sink).unwrap();
    assert_eq!(
        (connected.context.as_str(), connected.namespace.as_str()),
        ("replay", "default")
    );
    let mut m = Model::default();
    until(&rx, &mut m, |m| {
        [
            ClusterKind::Pod,
            ClusterKind::Deployment,
            ClusterKind::Node,
            ClusterKind::Event,
        ]
        .into_iter()
        .all(|k| ready(k)(m))
            && m.status.contains_key(&ClusterKind::Secret)
            && !matches!(
                m.status.get(&ClusterKind::Secret),
                Some(ClusterKindStatus::Loading)
            )
    });
    assert!(m
        .messages
        .iter()
        .all(|msg| msg.connection == connected.connection));
    let pods = m
        .rows
        .keys()
        .filter(|(k, _)| *k == ClusterKind::Pod)
        .count();
    assert_eq!(
        Some(&ClusterKindStatus::Ready { count: pods as u32 }),
        m.status.get(&ClusterKind::Pod)
    );
    assert_eq!(pods, 16, "17 pods in the list, two share default/nginx");
    let crash = m.pod("default/web-crashloop-7d9c8b-abcde").unwrap();
    assert_eq!(
        (crash.reason.as_deref(), crash.restarts, crash.severity),
        (Some("CrashLoopBackOff"), 17, ClusterSeverity::Error)
    );
    assert!(crash.created.is_some());
    assert_eq!(
        m.pod("default/worker-oom-5f6d7c-defgh")
            .unwrap()
            .reason
            .as_deref(),
        Some("OOMKilled")
    );
    // RBAC forbids secrets: "no access", not an empty table.
    assert!(
        matches!(
            m.status.get(&ClusterKind::Secret),
            Some(ClusterKindStatus::NoAccess { .. })
        ),
        "{:?}",
        m.status.get(&ClusterKind::Secret)
    );
    assert!(!m.rows.keys().any(|(k, _)| *k == ClusterKind::Secret));

    // The recorded crash loop (7 events on one pod, restarts 0 → 6) arrives on the open watch.
    let before = m.messages.len();
    let file = replay::corpus().join("watch/constructed/pod-crashloop.jsonl");
    let events: Vec<Vec<u8>> = std::fs::read(file)
        .unwrap()
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| [l, b"\n"].concat())
        .collect();
    assert_eq!(events.len(), 7);
    for e in events {
        feed.send(e).unwrap();
    }
    until(&rx, &mut m, |m| {
        m.pod("default/web-crashloop-7d9c8b-abcde")
            .is_some_and(|p| p.restarts == 6)
    });
    let crash = m.pod("default/web-crashloop-7d9c8b-abcde").unwrap();
    assert_eq!(crash.reason.as_deref(), Some("CrashLoopBackOff"));
    // Coalesced: never more than one delta of that pod per batch sent to the UI.
    for msg in &m.messages[before..] {
        let of_pod = msg.deltas.iter().filter(|d| matches!(d, ClusterDelta::Modified { key, .. } | ClusterDelta::Added { key, .. } if key == "default/web-crashloop-7d9c8b-abcde")).count();
        assert!(of_pod <= 1, "{msg:?}");
    }

    // Detail: the object as YAML, from the store.
    let detail = s
        .cluster_object(ClusterKind::Pod, "default/web-crashloop-7d9c8b-abcde")
        .unwrap();
    assert!(
        detail
            .yaml
            .starts_with("apiVersion: v1\nkind: Pod\nmetadata:\n"),
        "{}",
        &detail.yaml[..200.min(detail.yaml.len())]
    );
    assert!(detail.yaml.contains("  name: web-crashloop-7d9c8b-abcde\n"));
    assert!(detail.yaml.contains("restartCount: 6\n"));
    assert!(!detail.yaml.contains("managedFields"));
    let gone = s
        .cluster_object(ClusterKind::Pod, "default/no-such-pod")
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);

    s.disconnect_cluster();
    assert_eq!(
        s.cluster_object(ClusterKind::Pod, "default/web-crashloop-7d9c8b-abcde")
            .unwrap_err()
            .code,
        ErrorCode::NoCluster
    );
}

#[test]
fn secret_details_show_keys_never_values() {
    let server = ReplayServer::start(Script::corpus());
    let tmp = tempfile::tempdir().unwrap();
    let s = session();
    s.set_kubeconfig_files(Some(vec![server.kubeconfig(tmp.path(), "t")]));
    let (sink, rx) = make_sink();
    s.connect_cluster("replay", sink).unwrap();
    let mut m = Model::default();
    until(&rx, &mut m, ready(ClusterKind::Secret));
    match m.rows.get(&(ClusterKind::Secret, "default/s1".into())) {
        Some(ClusterRow::Object(o)) => assert_eq!(o.keys, ["password", "token"]),
        other => panic!("{other:?}"),
    }
    let detail = s.cluster_object(ClusterKind::Secret, "default/s1").unwrap();
    assert!(detail.yaml.contains("kind: Secret\n"));
    assert!(
        detail
            .yaml
            .contains("  password: \"(value not loaded: reveal it explicitly)\"\n")
            || detail
                .yaml
                .contains("  password: (value not loaded: reveal it explicitly)\n"),
        "{}",
        detail.yaml
    );
    let raw =
        std::fs::read_to_string(replay::corpus().join("objects/constructed/lists/SecretList.json"))
            .unwrap();
    assert!(raw.contains("YnVtYmxlYmVldHVuYQo="));
    assert!(
        !detail.yaml.contains("YnVtYmxlYmVldHVuYQo="),
        "a Secret value leaked"
    );
    assert!(detail.note.is_some());
    // Connecting again replaces the connection: later messages carry the new id.
    let (sink2, rx2) = make_sink();
    let second = s.connect_cluster("replay", sink2).unwrap();
    let mut m2 = Model::default();
    until(&rx2, &mut m2, ready(ClusterKind::Pod));
    assert!(m2
        .messages
        .iter()
        .all(|msg| msg.connection == second.connection));
}

#[test]
fn an_unknown_context_says_which_exist() {
    let server = ReplayServer::start(Script::corpus());
    let tmp = tempfile::tempdir().unwrap();
    let s = session();
    s.set_kubeconfig_files(Some(vec![server.kubeconfig(tmp.path(), "t")]));
    let (sink, _rx) = make_sink();
    let err = s.connect_cluster("nope", sink).unwrap_err();
    assert_eq!(err.code, ErrorCode::ClusterConnect);
    assert!(err.hint.contains("replay"), "{err:?}");
}

#[test]
fn a_pod_log_opens_follows_and_closes() {
    let (live, lines_rx) = tokio::sync::mpsc::unbounded_channel();
    let pod = "web-crashloop-7d9c8b-abcde";
    let server = ReplayServer::start(Script::corpus().log(
        "default",
        pod,
        "coredns",
        "starting\nready\n",
        Some(lines_rx),
    ));
    let tmp = tempfile::tempdir().unwrap();
    let s = session();
    s.set_kubeconfig_files(Some(vec![server.kubeconfig(tmp.path(), "t")]));
    let request = PodLogRequest {
        key: format!("default/{pod}"),
        container: "coredns".into(),
        follow: false,
        previous: false,
    };
    // No cluster yet: said so.
    let (tx, rx) = mpsc::channel::<PodLogMessage>();
    let tx = Mutex::new(tx);
    let sink: orbis_app::clusters::PodLogSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send(m);
    });
    assert_eq!(
        s.open_pod_log(&request, sink.clone()).unwrap_err().code,
        ErrorCode::NoCluster
    );

    let (cluster_sink, events) = make_sink();
    s.connect_cluster("replay", cluster_sink).unwrap();
    let mut m = Model::default();
    until(&events, &mut m, ready(ClusterKind::Pod));
    let detail = s
        .cluster_object(ClusterKind::Pod, &format!("default/{pod}"))
        .unwrap();
    assert_eq!(detail.containers, ["coredns"]);

    let read_until_end = |stream: u32| {
        let mut lines = Vec::new();
        loop {
            let msg = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("log messages");
            assert_eq!(msg.stream, stream);
            lines.extend(msg.lines);
            if msg.ended {
                return (lines, msg.error);
            }
        }
    };
    let stream = s.open_pod_log(&request, sink.clone()).unwrap();
    assert_eq!(
        read_until_end(stream),
        (vec!["starting".to_string(), "ready".to_string()], None)
    );

    // Followed: what is there, then what the container writes, until it stops.
    let stream = s
        .open_pod_log(
            &PodLogRequest {
                follow: true,
                ..request.clone()
            },
            sink.clone(),
        )
        .unwrap();
    live.send(b"panic: boom\n".to_vec()).unwrap();
    drop(live);
    let (lines, error) = read_until_end(stream);
    assert_eq!(lines, ["starting", "ready", "panic: boom"]);
    assert!(error.is_none());

    // A container the pod does not have: the server's answer as an error, and the log ends.
    let stream = s
        .open_pod_log(
            &PodLogRequest {
                container: "nope".into(),
                ..request
            },
            sink,
        )
        .unwrap();
    let (lines, error) = read_until_end(stream);
    assert!(lines.is_empty());
    assert_eq!(error.map(|e| e.code), Some(ErrorCode::ClusterConnect));
    s.close_pod_log(Some(stream));
    s.close_pod_log(None);
}
