//! The cluster actions through the real kube-rs client against the loopback replay server:
//! the request each action makes (method, path, patch type, body — what kubectl sends), the
//! object the server holds afterwards, the watch event the change produces (the UI's row
//! updates from it), and failures in plain words (403 from RBAC, 404 for an object gone).

mod support;

use orbis_clusters::actions::{execute, preview, Action, Target};
use orbis_clusters::summary::Summary;
use orbis_clusters::watch::{ClusterState, Delta, Kind, WatchOptions};
use orbis_clusters::{ErrorCode, Kubeconfigs};
use serde_json::Value;
use support::replay::{ReplayServer, Script};
use support::{deltas_until, is_ready};

async fn connect(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

fn target(kind: Kind, namespace: Option<&str>, name: &str) -> Target {
    Target {
        kind,
        namespace: namespace.map(str::to_string),
        name: name.into(),
    }
}

fn body(r: &support::replay::Request) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scale_patches_the_scale_subresource_and_the_watch_shows_the_new_count() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let options = WatchOptions {
        kinds: vec![Kind::Deployment],
        ..Default::default()
    };
    let (state, mut rx) = ClusterState::start(&conn, &options);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::Deployment)).await;

    let web = target(Kind::Deployment, Some("default"), "web");
    let current = state.object(Kind::Deployment, "default/web").unwrap();
    let p = preview(&web, &Action::Scale { replicas: 5 }, &current, &[]).unwrap();
    assert_eq!(
        p.summary,
        "Scale deployment web in default from 4 to 5 replicas"
    );

    let done = execute(&conn, &web, &Action::Scale { replicas: 5 })
        .await
        .unwrap();
    assert_eq!(
        done.message,
        "deployment web in default now wants 5 replicas."
    );
    let changes = server.changes();
    assert_eq!(changes.len(), 1);
    let r = &changes[0];
    assert_eq!(r.method, "PATCH");
    assert_eq!(
        r.target,
        "/apis/apps/v1/namespaces/default/deployments/web/scale"
    );
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/merge-patch+json")
    );
    assert_eq!(body(r), serde_json::json!({"spec": {"replicas": 5}}));

    // The server's MODIFIED event reaches the watcher: the row's desired count is 5.
    deltas_until(&mut rx, &mut seen, |s| {
        s.iter().any(|d| {
            matches!(d,
            Delta::Modified { key, summary: Summary::Workload(w), .. }
                if key == "default/web" && w.desired == 5)
        })
    })
    .await;
    let now = state.object(Kind::Deployment, "default/web").unwrap();
    assert_eq!(now["spec"]["replicas"], 5);
    // Previewing the same scale again now changes nothing: refused.
    let again = preview(&web, &Action::Scale { replicas: 5 }, &now, &[]).unwrap_err();
    assert_eq!(again.code, ErrorCode::ActionInvalid);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollout_restart_sets_the_restarted_at_annotation_with_a_strategic_merge_patch() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let before = k8s_openapi::jiff::Timestamp::now();
    let sts = target(Kind::StatefulSet, Some("default"), "nginx-sts");
    let done = execute(&conn, &sts, &Action::RolloutRestart).await.unwrap();
    assert!(
        done.message
            .starts_with("statefulset nginx-sts in default is restarting"),
        "{}",
        done.message
    );

    let r = &server.changes()[0];
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        (
            "PATCH",
            "/apis/apps/v1/namespaces/default/statefulsets/nginx-sts"
        )
    );
    assert_eq!(
        r.content_type.as_deref(),
        Some("application/strategic-merge-patch+json")
    );
    let b = body(r);
    let stamp = b["spec"]["template"]["metadata"]["annotations"]
        ["kubectl.kubernetes.io/restartedAt"]
        .as_str()
        .unwrap();
    // RFC 3339 in whole seconds, as kubectl writes it, and the time of the request.
    let at: k8s_openapi::jiff::Timestamp = stamp.parse().unwrap();
    assert!(!stamp.contains('.'), "{stamp}");
    assert!(at.as_second() >= before.as_second() && at.as_second() <= before.as_second() + 30);
    assert_eq!(
        b.as_object().unwrap().len(),
        1,
        "only the annotation is sent: {b}"
    );

    // The object the server now serves carries it, and its generation moved on.
    let api: kube::Api<k8s_openapi::api::apps::v1::StatefulSet> =
        kube::Api::namespaced(conn.client.clone(), "default");
    let sts_now = api.get("nginx-sts").await.unwrap();
    let annotations = sts_now
        .spec
        .unwrap()
        .template
        .metadata
        .unwrap()
        .annotations
        .unwrap();
    assert_eq!(annotations["kubectl.kubernetes.io/restartedAt"], stamp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_pod_and_cordon_uncordon_reach_the_watchers() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let options = WatchOptions {
        kinds: vec![Kind::Pod, Kind::Node],
        ..Default::default()
    };
    let (state, mut rx) = ClusterState::start(&conn, &options);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Pod) && is_ready(s, Kind::Node)
    })
    .await;

    let pod = target(Kind::Pod, Some("default"), "web-running-7d9c8b-fghij");
    execute(&conn, &pod, &Action::DeletePod).await.unwrap();
    let r = &server.changes()[0];
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        (
            "DELETE",
            "/api/v1/namespaces/default/pods/web-running-7d9c8b-fghij"
        )
    );
    deltas_until(&mut rx, &mut seen, |s| {
        s.iter().any(|d| matches!(d, Delta::Deleted { key, .. } if key == "default/web-running-7d9c8b-fghij"))
    })
    .await;
    assert!(state
        .object(Kind::Pod, "default/web-running-7d9c8b-fghij")
        .is_none());

    let node = target(Kind::Node, None, "node-ready");
    let current = state.object(Kind::Node, "node-ready").unwrap();
    assert_eq!(
        preview(&node, &Action::Cordon, &current, &[])
            .unwrap()
            .summary,
        "Cordon node node-ready"
    );
    execute(&conn, &node, &Action::Cordon).await.unwrap();
    let cordoned = |want: bool| {
        move |s: &[Delta]| {
            s.iter().rev().find_map(|d| match d {
                Delta::Modified {
                    key,
                    summary: Summary::Node(n),
                    ..
                } if key == "node-ready" => Some(n.unschedulable),
                _ => None,
            }) == Some(want)
        }
    };
    deltas_until(&mut rx, &mut seen, cordoned(true)).await;
    execute(&conn, &node, &Action::Uncordon).await.unwrap();
    deltas_until(&mut rx, &mut seen, cordoned(false)).await;

    let changes = server.changes();
    let bodies: Vec<(String, String, Value)> = changes[1..]
        .iter()
        .map(|r| {
            (
                r.target.clone(),
                r.content_type.clone().unwrap_or_default(),
                body(r),
            )
        })
        .collect();
    assert_eq!(
        bodies,
        [
            (
                "/api/v1/nodes/node-ready".into(),
                "application/strategic-merge-patch+json".into(),
                serde_json::json!({"spec": {"unschedulable": true}})
            ),
            (
                "/api/v1/nodes/node-ready".into(),
                "application/strategic-merge-patch+json".into(),
                serde_json::json!({"spec": {"unschedulable": null}})
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbidden_and_gone_are_said_in_plain_words() {
    let server = ReplayServer::start(
        Script::corpus()
            .forbid_verb("PATCH", "/apis/apps/v1/deployments")
            .forbid_verb("DELETE", "/api/v1/pods"),
    );
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;

    let web = target(Kind::Deployment, Some("default"), "web");
    let e = execute(&conn, &web, &Action::Scale { replicas: 2 })
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        e.message,
        "Not allowed: your credentials may not patch deployments/scale in default (403 Forbidden)."
    );
    assert!(
        e.hint
            .contains("`kubectl auth can-i patch deployments/scale -n default`"),
        "{}",
        e.hint
    );
    assert!(e.hint.starts_with("Nothing was changed."));
    let e = execute(
        &conn,
        &target(Kind::Pod, Some("default"), "sleep"),
        &Action::DeletePod,
    )
    .await
    .unwrap_err();
    assert_eq!(
        e.message,
        "Not allowed: your credentials may not delete pods in default (403 Forbidden)."
    );

    // Reads still work and nothing changed.
    let api: kube::Api<k8s_openapi::api::apps::v1::Deployment> =
        kube::Api::namespaced(conn.client.clone(), "default");
    assert_eq!(
        api.get("web").await.unwrap().spec.unwrap().replicas,
        Some(4)
    );

    let gone = target(Kind::Deployment, Some("default"), "no-such-deployment");
    let r = execute(
        &conn,
        &target(Kind::Node, None, "no-such-node"),
        &Action::Cordon,
    )
    .await
    .unwrap_err();
    assert_eq!(r.code, ErrorCode::NotFound);
    assert_eq!(
        r.message,
        "node no-such-node no longer exists (404 Not Found)."
    );
    let _ = gone;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_puts_the_previous_revisions_template_back() {
    let server = ReplayServer::start(Script::corpus().with_rollout_history());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let options = WatchOptions {
        kinds: vec![Kind::Deployment, Kind::ReplicaSet],
        ..Default::default()
    };
    let (state, mut rx) = ClusterState::start(&conn, &options);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| {
        is_ready(s, Kind::Deployment) && is_ready(s, Kind::ReplicaSet)
    })
    .await;

    let web = target(Kind::Deployment, Some("default"), "web");
    let current = state.object(Kind::Deployment, "default/web").unwrap();
    let sets = state.replica_sets("default");
    let back = Action::Rollback { to_revision: None };
    let p = preview(&web, &back, &current, &sets).unwrap();
    assert_eq!(
        p.summary,
        "Roll back deployment web in default from revision 2 to revision 1"
    );
    assert_eq!(
        p.changes,
        ["container coredns: image coredns/coredns:v1.14.2 → coredns/coredns:v1.13.1"]
    );
    let none = preview(
        &web,
        &Action::Rollback {
            to_revision: Some(7),
        },
        &current,
        &sets,
    )
    .unwrap_err();
    assert_eq!(none.code, ErrorCode::ActionInvalid);
    assert_eq!(none.message, "deployment web in default has no revision 7.");
    assert_eq!(none.hint, "Its revisions: 2, 1.");

    let done = execute(&conn, &web, &back).await.unwrap();
    assert_eq!(
        done.message,
        "deployment web in default is rolling back to the pod template of revision 1."
    );
    let put = &server.changes()[0];
    assert_eq!(
        (put.method.as_str(), put.target.as_str()),
        ("PUT", "/apis/apps/v1/namespaces/default/deployments/web")
    );
    let b = body(put);
    // The object read just before (its resourceVersion guards against a change in between),
    // with revision 1's template minus the controller's hash label.
    assert_eq!(b["metadata"]["resourceVersion"], "478");
    assert_eq!(
        b["spec"]["template"]["spec"]["containers"][0]["image"],
        "coredns/coredns:v1.13.1"
    );
    assert!(
        b["spec"]["template"]["metadata"]["labels"]
            .get("pod-template-hash")
            .is_none(),
        "{b}"
    );
    assert_eq!(b["spec"]["replicas"], 4, "only the template changes");

    // The watch brings the new template into the store.
    deltas_until(&mut rx, &mut seen, |s| {
        s.iter()
            .any(|d| matches!(d, Delta::Modified { key, .. } if key == "default/web"))
    })
    .await;
    let now = state.object(Kind::Deployment, "default/web").unwrap();
    assert_eq!(
        now["spec"]["template"]["spec"]["containers"][0]["image"],
        "coredns/coredns:v1.13.1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_loses_a_race_is_a_conflict_in_plain_words() {
    let server = ReplayServer::start(
        Script::corpus()
            .with_rollout_history()
            .race_writes("/apis/apps/v1/deployments"),
    );
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let web = target(Kind::Deployment, Some("default"), "web");
    let e = execute(
        &conn,
        &web,
        &Action::Rollback {
            to_revision: Some(1),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert_eq!(
        e.message,
        "deployment web in default was changed by someone else at the same time (409 Conflict)."
    );
    assert!(e.hint.starts_with("Nothing was changed."), "{}", e.hint);
    assert_eq!(server.changes()[0].method, "PUT");
}
