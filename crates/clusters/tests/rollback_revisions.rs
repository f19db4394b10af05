//! Rollback of statefulsets and daemonsets through the real kube-rs client against the
//! loopback replay server: revisions from the ControllerRevisions each owns
//! (`rollout_fixtures.rs` constructs them for the corpus's objects), the preview's template
//! diff, the PUT of the object just read with the older template, and the refusals.

mod support;

use orbis_clusters::actions::{controller_revisions, execute, preview, Action, Target};
use orbis_clusters::watch::Kind;
use orbis_clusters::{ErrorCode, Kubeconfigs};
use serde_json::Value;
use support::replay::{corpus, ReplayServer, Script};
use support::rollout_fixtures::{self, DS_OLD_IMAGE, STS_OLD_IMAGE};

fn script() -> Script {
    Script::corpus().list_body(
        "/apis/apps/v1/controllerrevisions",
        rollout_fixtures::controller_revisions(&corpus()),
    )
}

async fn connect(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

fn target(kind: Kind, name: &str) -> Target {
    Target {
        kind,
        namespace: Some("default".into()),
        name: name.into(),
    }
}

/// The object as the API server serves it now.
async fn get(conn: &orbis_clusters::connect::Connection, plural: &str, name: &str) -> Value {
    let ar = kube::discovery::ApiResource {
        group: "apps".into(),
        version: "v1".into(),
        api_version: "apps/v1".into(),
        kind: String::new(),
        plural: plural.into(),
    };
    let api: kube::Api<kube::api::DynamicObject> =
        kube::Api::namespaced_with(conn.client.clone(), "default", &ar);
    serde_json::to_value(api.get(name).await.unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daemonset_rolls_back_to_its_previous_controller_revision() {
    let server = ReplayServer::start(script());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let ds = target(Kind::DaemonSet, "fluentd-elasticsearch");
    let current = get(&conn, "daemonsets", "fluentd-elasticsearch").await;
    let revisions = controller_revisions(&conn, "default", &current)
        .await
        .unwrap();
    assert_eq!(
        revisions.len(),
        4,
        "the namespace's list, filtered by owner later"
    );
    let back = Action::Rollback { to_revision: None };
    let p = preview(&ds, &back, &current, &revisions).unwrap();
    assert_eq!(
        p.summary,
        "Roll back daemonset fluentd-elasticsearch in default from revision 2 to revision 1"
    );
    let now_image = current["spec"]["template"]["spec"]["containers"][0]["name"]
        .as_str()
        .unwrap();
    assert_eq!(
        p.changes,
        [format!(
            "container {now_image}: image {} → {DS_OLD_IMAGE}",
            current["spec"]["template"]["spec"]["containers"][0]["image"]
                .as_str()
                .unwrap()
        )]
    );
    assert!(
        p.consequences[0].contains("node by node"),
        "{:?}",
        p.consequences
    );
    assert_eq!(
        p.request,
        "PUT /apis/apps/v1/namespaces/default/daemonsets/fluentd-elasticsearch (the object read just before, so a change in between is refused)"
    );

    let done = execute(&conn, &ds, &back).await.unwrap();
    assert_eq!(
        done.message,
        "daemonset fluentd-elasticsearch in default is rolling back to the pod template of revision 1."
    );
    let put = &server.changes()[0];
    assert_eq!(
        (put.method.as_str(), put.target.as_str()),
        (
            "PUT",
            "/apis/apps/v1/namespaces/default/daemonsets/fluentd-elasticsearch"
        )
    );
    let b: Value = serde_json::from_slice(&put.body).unwrap();
    assert_eq!(
        b["metadata"]["resourceVersion"],
        current["metadata"]["resourceVersion"]
    );
    assert_eq!(
        b["spec"]["template"]["spec"]["containers"][0]["image"],
        DS_OLD_IMAGE
    );
    assert!(b["spec"]["template"].get("$patch").is_none(), "{b}");
    assert_eq!(
        b["spec"]["selector"], current["spec"]["selector"],
        "only the template changes"
    );
    // The server holds the old template now.
    let after = get(&conn, "daemonsets", "fluentd-elasticsearch").await;
    assert_eq!(
        after["spec"]["template"]["spec"]["containers"][0]["image"],
        DS_OLD_IMAGE
    );
    // The ControllerRevisions were listed by the daemonset's selector.
    let listed = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/apis/apps/v1/controllerrevisions")
        .unwrap();
    assert!(
        listed
            .query
            .contains("labelSelector=name%3Dfluentd-elasticsearch"),
        "{}",
        listed.query
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statefulset_rollback_and_its_refusals() {
    let server = ReplayServer::start(script());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let sts = target(Kind::StatefulSet, "nginx-sts");
    let current = get(&conn, "statefulsets", "nginx-sts").await;
    let revisions = controller_revisions(&conn, "default", &current)
        .await
        .unwrap();
    let p = preview(
        &sts,
        &Action::Rollback {
            to_revision: Some(1),
        },
        &current,
        &revisions,
    )
    .unwrap();
    assert_eq!(
        p.summary,
        "Roll back statefulset nginx-sts in default from revision 2 to revision 1"
    );
    assert_eq!(
        p.changes,
        [format!(
            "container nginx: image nginx-slim:0.8 → {STS_OLD_IMAGE}"
        )]
    );
    assert!(
        p.consequences[0].contains("highest ordinal first"),
        "{:?}",
        p.consequences
    );

    // Already there, or a revision that does not exist: refused before any request.
    let at = preview(
        &sts,
        &Action::Rollback {
            to_revision: Some(2),
        },
        &current,
        &revisions,
    )
    .unwrap_err();
    assert_eq!(
        (at.code, at.message.as_str()),
        (
            ErrorCode::ActionInvalid,
            "statefulset nginx-sts in default is already at revision 2."
        )
    );
    let gone = preview(
        &sts,
        &Action::Rollback {
            to_revision: Some(9),
        },
        &current,
        &revisions,
    )
    .unwrap_err();
    assert_eq!(gone.hint, "Its revisions: 2, 1.");
    // Without ControllerRevisions (another object's only): nothing to go back to.
    let none = preview(
        &sts,
        &Action::Rollback { to_revision: None },
        &current,
        &revisions[2..],
    )
    .unwrap_err();
    assert_eq!(
        none.message,
        "statefulset nginx-sts in default has no earlier revision to roll back to."
    );
    assert!(
        none.hint.contains("owns no ControllerRevision"),
        "{}",
        none.hint
    );

    let done = execute(&conn, &sts, &Action::Rollback { to_revision: None })
        .await
        .unwrap();
    assert!(
        done.message.ends_with("to the pod template of revision 1."),
        "{}",
        done.message
    );
    let b: Value = serde_json::from_slice(&server.changes()[0].body).unwrap();
    assert_eq!(
        b["spec"]["template"]["spec"]["containers"][0]["image"],
        STS_OLD_IMAGE
    );
    assert_eq!(b["spec"]["replicas"], current["spec"]["replicas"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forbidden_update_says_which_permission() {
    let server = ReplayServer::start(script().forbid_verb("PUT", "/apis/apps/v1/daemonsets"));
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let ds = target(Kind::DaemonSet, "fluentd-elasticsearch");
    let e = execute(&conn, &ds, &Action::Rollback { to_revision: None })
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.hint.contains("update daemonsets"), "{}", e.hint);
}
