//! Against the loopback replay server: a Secret value only on explicit reveal (and never in
//! the watched store, not even through kubectl's last-applied annotation), warning events
//! first in the first batch, and a server answering garbage instead of a list.

mod support;

use orbis_clusters::secrets::reveal_secret_value;
use orbis_clusters::summary::Summary;
use orbis_clusters::watch::{ClusterState, Delta, Kind, KindStatus, WatchOptions};
use orbis_clusters::{connect, ErrorCode, Kubeconfigs};
use serde_json::Value;
use std::time::Duration;
use support::replay::{corpus, ReplayServer, Script};
use support::{deltas_until, is_ready, status_of};

async fn conn(server: &ReplayServer, dir: &std::path::Path) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    connect(&kcs, None).await.unwrap()
}

fn options(kinds: &[Kind]) -> WatchOptions {
    WatchOptions {
        kinds: kinds.to_vec(),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(200),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_value_is_read_only_on_reveal() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;

    let value = reveal_secret_value(&conn, "default", "s1", "password")
        .await
        .unwrap();
    // SecretList.json: password = base64("bumblebeetuna\n").
    assert_eq!(value.text(), Some("bumblebeetuna\n"));
    assert!(!format!("{value:?}").contains("bumblebee"));

    let e = reveal_secret_value(&conn, "default", "s1", "nope")
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Api);
    assert!(e.hint.contains("token"), "{e:?}");
    assert!(!e.hint.contains("ZmVybmFuZAo") && !e.message.contains("fernand"));

    // Watched: keys only; kubectl's last-applied annotation (which repeats the data) is gone.
    let (state, mut rx) = ClusterState::start(&conn, &options(&[Kind::Secret]));
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::Secret)).await;
    let store = state
        .store::<k8s_openapi::api::core::v1::Secret>(Kind::Secret)
        .unwrap();
    let stored = serde_json::to_string(
        &store
            .state()
            .iter()
            .map(|s| (**s).clone())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(!stored.contains("YnVtYmxlYmVldHVuYQo="), "{stored}");
    assert!(!serde_json::to_string(&seen)
        .unwrap()
        .contains("YnVtYmxlYmVldHVuYQo="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warning_events_come_first_in_the_first_batch() {
    // The corpus's one recorded Event, repeated as Normal and Warning events.
    let list: Value = serde_json::from_slice(
        &std::fs::read(corpus().join("objects/constructed/lists/EventList.json")).unwrap(),
    )
    .unwrap();
    let base = list["items"][0].clone();
    let items: Vec<Value> = (0..6)
        .map(|i| {
            let mut e = base.clone();
            e["metadata"]["name"] = format!("e{i}").into();
            e["type"] = if i % 3 == 2 { "Warning" } else { "Normal" }.into();
            e
        })
        .collect();
    let mut body = list.clone();
    body["items"] = Value::Array(items);
    let server = ReplayServer::start(
        Script::default().list_body("/api/v1/events", serde_json::to_vec(&body).unwrap()),
    );
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let (_state, mut rx) = ClusterState::start(&conn, &options(&[Kind::Event]));
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::Event)).await;
    let order: Vec<(String, String)> = seen
        .iter()
        .filter_map(|d| match d {
            Delta::Added {
                key,
                summary: Summary::Event(e),
                ..
            } => Some((key.clone(), e.event_type.clone())),
            _ => None,
        })
        .collect();
    let types: Vec<&str> = order.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        types,
        ["Warning", "Warning", "Normal", "Normal", "Normal", "Normal"],
        "{order:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_that_is_not_json_is_an_error_status_not_a_crash() {
    let script = Script::corpus().list_body(
        "/api/v1/pods",
        b"{\"kind\":\"PodList\",\"items\":[{\"metadata\":".to_vec(),
    );
    let server = ReplayServer::start(script);
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let (_state, mut rx) = ClusterState::start(&conn, &options(&[Kind::Pod, Kind::Node]));
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Node)
            && matches!(status_of(s, Kind::Pod), Some(KindStatus::Recovering { .. }))
    })
    .await;
    // It keeps retrying with backoff: more list attempts come.
    let lists = server.counts("/api/v1/pods").0;
    server.wait_for_lists("/api/v1/pods", lists + 1).await;
    let e = orbis_clusters::pods::list_pods(&conn, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Api, "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_fail_every_kind_with_the_hint() {
    let server = ReplayServer::start(Script::corpus().require_token("the-right-one"));
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let (_state, mut rx) = ClusterState::start(&conn, &options(&[Kind::Pod, Kind::Node]));
    let mut seen = Vec::new();
    let failed = |s: &[Delta], k| matches!(status_of(s, k), Some(KindStatus::Failed { .. }));
    deltas_until(&mut rx, &mut seen, |s| {
        failed(s, Kind::Pod) && failed(s, Kind::Node)
    })
    .await;
    let Some(KindStatus::Failed { message, hint }) = status_of(&seen, Kind::Pod) else {
        unreachable!()
    };
    assert!(message.contains("401"), "{message}");
    assert!(hint.contains("aws eks update-kubeconfig"), "{hint}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_namespace_only_but_every_node() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let mut o = options(&[Kind::Pod, Kind::Node]);
    o.namespace = Some("kube-system".into());
    let (_state, mut rx) = ClusterState::start(&conn, &o);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Pod) && is_ready(s, Kind::Node)
    })
    .await;
    assert_eq!(
        status_of(&seen, Kind::Pod),
        Some(&KindStatus::Ready { count: 3 })
    );
    assert_eq!(
        status_of(&seen, Kind::Node),
        Some(&KindStatus::Ready { count: 7 })
    );
    assert!(server.requests().iter().any(|r| r.path == "/api/v1/pods"));
    assert!(seen.iter().all(|d| match d {
        Delta::Added {
            kind: Kind::Pod,
            key,
            ..
        } => key.starts_with("kube-system/"),
        _ => true,
    }));
}

/// The JSON the UI receives (README's contract): op/kind/key/summary with a `type`, and
/// statuses with a `state`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delta_json_is_the_documented_contract() {
    let server = ReplayServer::start(Script::corpus().status(
        "/api/v1/secrets",
        403,
        corpus().join("objects/constructed/status/status-403-forbidden.json"),
    ));
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let (_state, mut rx) = ClusterState::start(
        &conn,
        &options(&[Kind::Pod, Kind::ReplicaSet, Kind::Secret]),
    );
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Pod)
            && is_ready(s, Kind::ReplicaSet)
            && matches!(
                status_of(s, Kind::Secret),
                Some(KindStatus::NoAccess { .. })
            )
    })
    .await;
    let json: Vec<Value> = seen
        .iter()
        .map(|d| serde_json::to_value(d).unwrap())
        .collect();
    let crash = json
        .iter()
        .find(|d| d["key"] == "default/web-crashloop-7d9c8b-abcde")
        .unwrap();
    assert_eq!(crash["op"], "added");
    assert_eq!(crash["kind"], "pod");
    assert_eq!(crash["summary"]["type"], "pod");
    assert_eq!(crash["summary"]["reason"], "CrashLoopBackOff");
    assert_eq!(crash["summary"]["severity"], "error");
    assert_eq!(crash["summary"]["ready"], "0/1");
    let rs = json
        .iter()
        .find(|d| d["kind"] == "replica_set" && d["op"] == "added")
        .unwrap();
    assert_eq!(rs["summary"]["type"], "workload");
    assert!(rs["summary"]["desired"].is_i64());
    let no_access = json
        .iter()
        .find(|d| {
            d["op"] == "status" && d["kind"] == "secret" && d["status"]["state"] == "no_access"
        })
        .unwrap();
    assert!(no_access["status"]["message"]
        .as_str()
        .unwrap()
        .starts_with("No access: "));
    assert!(json.iter().any(|d| d["op"] == "status"
        && d["status"] == serde_json::json!({"state": "ready", "count": 16})));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_the_cluster_does_not_serve_is_not_served_not_an_error() {
    // Only pods exist on this server: every other list answers the recorded 404 Status.
    let server = ReplayServer::start(Script::default().list_file(
        "/api/v1/pods",
        corpus().join("objects/constructed/lists/PodList.json"),
    ));
    let dir = tempfile::tempdir().unwrap();
    let conn = conn(&server, dir.path()).await;
    let (_state, mut rx) = ClusterState::start(&conn, &options(&[Kind::Pod, Kind::CronJob]));
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Pod)
            && matches!(
                status_of(s, Kind::CronJob),
                Some(KindStatus::NotServed { .. })
            )
    })
    .await;
    let Some(KindStatus::NotServed { message }) = status_of(&seen, Kind::CronJob) else {
        unreachable!()
    };
    assert_eq!(message, "The cluster does not serve cron jobs (404).");
}

/// The desktop app lists contexts from async commands: the offline checks (kube-rs's loader,
/// async only by signature) must not need or block a tokio runtime.
#[tokio::test]
async fn contexts_can_be_listed_from_async_code() {
    let file = corpus().join("kubeconfig/constructed/multi-cloud.yaml");
    let env = orbis_clusters::KubeEnv::default();
    let list = orbis_clusters::list_contexts(Some(&[file]), &env);
    assert_eq!(list.contexts.len(), 8);
}
