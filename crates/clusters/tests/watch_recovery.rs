//! The watchers against the loopback replay server and the corpus's recorded lists and watch
//! streams: the first state of every kind, recovery by re-listing after a recorded 410 Gone,
//! resuming after a watch connection dropped mid-event, and RBAC 403 shown as "no access".

mod support;

use orbis_clusters::summary::Summary;
use orbis_clusters::watch::{ClusterState, Delta, Kind, KindStatus, WatchOptions};
use orbis_clusters::Kubeconfigs;
use std::time::Duration;
use support::replay::{corpus, ReplayServer, Script, WatchReply};
use support::{deltas_until, is_ready, status_of};

const PODS: &str = "/api/v1/pods";

async fn start(
    server: &ReplayServer,
    kinds: &[Kind],
    dir: &std::path::Path,
) -> (
    ClusterState,
    tokio::sync::mpsc::UnboundedReceiver<Vec<Delta>>,
) {
    let file = server.kubeconfig(dir, "replay-token");
    let kcs = Kubeconfigs::load(&[file], true);
    let conn = orbis_clusters::connect(&kcs, None).await.unwrap();
    let options = WatchOptions {
        kinds: kinds.to_vec(),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(400),
        ..Default::default()
    };
    ClusterState::start(&conn, &options)
}

fn watch_file(name: &str) -> std::path::PathBuf {
    corpus().join("watch/constructed").join(name)
}

fn pod<'a>(seen: &'a [Delta], key: &str) -> Option<&'a orbis_clusters::summary::PodSummary> {
    seen.iter().rev().find_map(|d| match d {
        Delta::Added {
            key: k,
            summary: Summary::Pod(p),
            ..
        }
        | Delta::Modified {
            key: k,
            summary: Summary::Pod(p),
            ..
        } if k == key => Some(p),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_loads_from_the_recorded_lists() {
    let server = ReplayServer::start(Script::corpus().require_token("replay-token"));
    let dir = tempfile::tempdir().unwrap();
    let (state, mut rx) = start(&server, &Kind::ALL, dir.path()).await;
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        Kind::ALL.iter().all(|k| is_ready(s, *k))
    })
    .await;

    let count = |kind| match status_of(&seen, kind) {
        Some(KindStatus::Ready { count }) => *count,
        other => panic!("{kind:?}: {other:?}"),
    };
    // PodList.json has 17 items, two of them default/nginx (the same key).
    assert_eq!(count(Kind::Pod), 16);
    assert_eq!(count(Kind::Node), 7);
    assert_eq!(count(Kind::Deployment), 7);
    assert_eq!(count(Kind::Namespace), 2);
    assert_eq!(count(Kind::Secret), 2);
    assert_eq!(count(Kind::Event), 1);

    let crash = pod(&seen, "default/web-crashloop-7d9c8b-abcde").unwrap();
    assert_eq!(crash.reason.as_deref(), Some("CrashLoopBackOff"));
    assert_eq!(
        pod(&seen, "default/web-evicted-7d9c8b-ghijk")
            .unwrap()
            .reason
            .as_deref(),
        Some("Evicted")
    );

    // Secrets: keys for the UI, no values in deltas nor in the store.
    let secret = seen.iter().find_map(|d| match d {
        Delta::Added {
            kind: Kind::Secret,
            key,
            summary: Summary::Object(o),
        } if key == "default/s1" => Some(o.clone()),
        _ => None,
    });
    assert_eq!(secret.unwrap().keys, ["password", "token"]);
    let secrets = state
        .store::<k8s_openapi::api::core::v1::Secret>(Kind::Secret)
        .unwrap();
    for s in secrets.state() {
        for v in s.data.iter().flat_map(|d| d.values()) {
            assert!(v.0.is_empty(), "a secret value is kept in memory");
        }
    }
    // Deployments: ready/desired and the plain reason.
    let web = seen.iter().find_map(|d| match d {
        Delta::Added {
            kind: Kind::Deployment,
            summary: Summary::Workload(w),
            ..
        } if w.reason.is_some() => Some(w.clone()),
        _ => None,
    });
    assert!(
        web.is_some(),
        "some corpus deployment is not at its desired state"
    );
    // Full objects in the store, without managed fields.
    let pods = state
        .store::<k8s_openapi::api::core::v1::Pod>(Kind::Pod)
        .unwrap();
    assert_eq!(pods.state().len(), 16);
    assert!(pods.state().iter().all(|p| p
        .metadata
        .managed_fields
        .as_deref()
        .unwrap_or(&[])
        .is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_410_gone_is_recovered_by_listing_again() {
    let script = Script::corpus()
        .watch(PODS, WatchReply::Stream(watch_file("pods-410-gone.jsonl")))
        .watch(PODS, WatchReply::Stream(watch_file("pods-lifecycle.jsonl")));
    let server = ReplayServer::start(script);
    let dir = tempfile::tempdir().unwrap();
    let (_state, mut rx) = start(&server, &[Kind::Pod], dir.path()).await;
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::Pod)).await;
    let first = seen.len();

    // The 410 arrives, the watcher says so, lists again, and is ready again.
    deltas_until(&mut rx, &mut seen, |s| {
        s[first..].iter().any(|d| {
            matches!(
                d,
                Delta::Status {
                    status: KindStatus::Recovering { .. },
                    ..
                }
            )
        }) && is_ready(s, Kind::Pod)
    })
    .await;
    let recovering = seen[first..]
        .iter()
        .find_map(|d| match d {
            Delta::Status {
                status: KindStatus::Recovering { message },
                ..
            } => Some(message.clone()),
            _ => None,
        })
        .unwrap();
    assert!(recovering.contains("410"), "{recovering}");
    assert_eq!(
        server.counts(PODS).0,
        2,
        "listed again after 410: {:?}",
        server.requests()
    );
    // The re-list matched what the UI had: no pod was sent again.
    assert!(
        !seen[first..]
            .iter()
            .any(|d| matches!(d, Delta::Added { .. })),
        "{:#?}",
        &seen[first..]
    );

    // And the watch after the re-list delivers again: pods-lifecycle ends with DELETED.
    deltas_until(&mut rx, &mut seen, |s| {
        s.iter().any(|d| matches!(d, Delta::Deleted { key, .. } if key == "default/web-running-7d9c8b-fghij"))
    })
    .await;
    let relisted_at = server
        .requests()
        .iter()
        .filter(|r| r.path == PODS && r.watch)
        .nth(1)
        .map(|r| r.query.clone())
        .unwrap();
    assert!(
        relisted_at.contains("resourceVersion=1000"),
        "{relisted_at}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watch_dropped_mid_event_resumes_from_the_last_event() {
    let script = Script::corpus()
        .watch(
            PODS,
            WatchReply::Cut(watch_file("truncated-mid-event.jsonl")),
        )
        .watch(PODS, WatchReply::Stream(watch_file("pods-lifecycle.jsonl")));
    let server = ReplayServer::start(script);
    let dir = tempfile::tempdir().unwrap();
    let (_state, mut rx) = start(&server, &[Kind::Pod], dir.path()).await;
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        s.iter().any(|d| matches!(d, Delta::Deleted { key, .. } if key == "default/web-running-7d9c8b-fghij"))
    })
    .await;
    let watches: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.path == PODS && r.watch)
        .map(|r| r.query.clone())
        .collect();
    assert!(watches.len() >= 2, "{watches:?}");
    // The complete event before the cut (resourceVersion 9001) was applied: the watch
    // resumes from it instead of listing everything again.
    assert!(watches[1].contains("resourceVersion=9001"), "{watches:?}");
    assert_eq!(server.counts(PODS).0, 1, "no re-list needed");
    assert!(pod(&seen, "default/web-running-7d9c8b-fghij").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rbac_forbidden_kind_is_no_access_and_others_still_load() {
    let script = Script::corpus().status(
        PODS,
        403,
        corpus().join("objects/constructed/status/status-403-forbidden.json"),
    );
    let server = ReplayServer::start(script);
    let dir = tempfile::tempdir().unwrap();
    let (_state, mut rx) = start(&server, &[Kind::Pod, Kind::Deployment], dir.path()).await;
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Deployment)
            && matches!(status_of(s, Kind::Pod), Some(KindStatus::NoAccess { .. }))
    })
    .await;
    let Some(KindStatus::NoAccess { message }) = status_of(&seen, Kind::Pod) else {
        unreachable!()
    };
    assert!(
        message.starts_with("No access: pods is forbidden"),
        "{message}"
    );
    assert!(!seen.iter().any(|d| matches!(
        d,
        Delta::Added {
            kind: Kind::Pod,
            ..
        }
    )));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_events_become_deltas_in_order() {
    let script =
        Script::corpus().watch(PODS, WatchReply::Stream(watch_file("pod-crashloop.jsonl")));
    let server = ReplayServer::start(script);
    let dir = tempfile::tempdir().unwrap();
    let (_state, mut rx) = start(&server, &[Kind::Pod], dir.path()).await;
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::Pod)).await;
    let first = seen.len();
    deltas_until(&mut rx, &mut seen, |s| {
        pod(&s[first..], "default/web-crashloop-7d9c8b-abcde").is_some_and(|p| p.restarts == 6)
    })
    .await;
    // One delta per recorded event, in the stream's order (restarts 0 → 6).
    let restarts: Vec<u32> = seen[first..]
        .iter()
        .filter_map(|d| match d {
            Delta::Modified {
                summary: Summary::Pod(p),
                ..
            } => Some(p.restarts),
            _ => None,
        })
        .collect();
    assert_eq!(restarts, [0, 1, 2, 3, 4, 5, 6]);
    let last = pod(&seen, "default/web-crashloop-7d9c8b-abcde").unwrap();
    assert_eq!(last.reason.as_deref(), Some("CrashLoopBackOff"));
}
