//! Applying a YAML file (server-side apply, dry-run first) through the real kube-rs client
//! against the loopback replay server serving the corpus: what the preview says per object
//! (created / changed fields / unchanged), that the dry-run stores nothing, that the real
//! apply stores and reaches the watchers, and the clear errors (bad YAML, a kind the
//! cluster's discovery does not serve, RBAC 403). The parser and the diff are also tested on
//! their own.

mod support;

use orbis_clusters::apply::{self, diff, Outcome};
use orbis_clusters::watch::{ClusterState, Delta, Kind, WatchOptions};
use orbis_clusters::{ErrorCode, Kubeconfigs};
use serde_json::{json, Value};
use support::replay::{corpus, ReplayServer, Script};
use support::{deltas_until, is_ready};

async fn connect(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

/// The corpus's deployment `web` as the list serves it, written back as YAML the way a user
/// would keep it in a repository (kind and apiVersion added, status dropped).
fn web_yaml(replicas: i64) -> String {
    let list: Value = serde_json::from_slice(
        &std::fs::read(corpus().join("objects/constructed/lists/DeploymentList.json")).unwrap(),
    )
    .unwrap();
    let mut web = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metadata"]["name"] == "web")
        .unwrap()
        .clone();
    web["apiVersion"] = "apps/v1".into();
    web["kind"] = "Deployment".into();
    web.as_object_mut().unwrap().remove("status");
    web["spec"]["replicas"] = replicas.into();
    serde_saphyr::to_string(&web).unwrap()
}

const NEW_AND_CHANGED: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: blee
  namespace: default
data:
  key1: very
  key2: strange
---
";

#[test]
fn parse_reads_every_document_and_skips_empty_ones() {
    let text = format!("---\n{NEW_AND_CHANGED}\n---\n{}", web_yaml(4));
    let m = apply::parse("app.yaml", &text).unwrap();
    let names: Vec<(String, String, Option<String>)> = m
        .iter()
        .map(|m| (m.kind.clone(), m.name.clone(), m.namespace.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("ConfigMap".into(), "settings".into(), None),
            ("ConfigMap".into(), "blee".into(), Some("default".into())),
            ("Deployment".into(), "web".into(), Some("default".into())),
        ]
    );
    assert_eq!(m[2].group_version(), ("apps", "v1"));
    assert_eq!(m[0].group_version(), ("", "v1"));
    assert_eq!(m[2].body["spec"]["replicas"], 4);
}

#[test]
fn parse_refuses_what_is_not_a_kubernetes_object_and_says_which_document() {
    let cases = [
        ("a: [1, 2\n", "app.yaml is not valid YAML"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", "app.yaml is not valid YAML"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}\n", "Document 2 of app.yaml has no apiVersion or kind."),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n", "Document 1 of app.yaml (ConfigMap) has no metadata.name."),
        ("apiVersion: v1\nkind: List\nitems: []\n", "Document 1 of app.yaml is a List, not a single object."),
        ("- 1\n- 2\n", "Document 1 of app.yaml is not a Kubernetes object (not a mapping)."),
        ("---\n# nothing\n", "app.yaml holds no Kubernetes object."),
    ];
    for (text, message) in cases {
        let e = apply::parse("app.yaml", text).unwrap_err();
        assert_eq!(e.code, ErrorCode::ManifestInvalid, "{text:?}");
        assert!(e.message.starts_with(message), "{text:?}: {}", e.message);
        assert!(!e.hint.is_empty());
    }
    let e = apply::parse(
        "app.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n",
    )
    .unwrap_err();
    assert!(e.hint.contains("generateName"), "{}", e.hint);
}

#[test]
fn diff_ignores_server_owned_fields_and_never_shows_secret_values() {
    let live = json!({"apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "s1", "resourceVersion": "1", "uid": "u", "managedFields": [{"manager": "kubectl"}]},
        "data": {"password": "c2VjcmV0", "token": "dG9rZW4="}, "type": "Opaque"});
    let mut after = live.clone();
    after["metadata"]["resourceVersion"] = "2".into();
    after["metadata"]["managedFields"] = json!([{"manager": "terraorbis"}]);
    assert_eq!(
        diff("Secret", Some(&live), &after),
        (Outcome::Unchanged, vec![])
    );

    after["data"]["password"] = "bmV3".into();
    after["data"]["extra"] = "eA==".into();
    let (outcome, changes) = diff("Secret", Some(&live), &after);
    assert_eq!(outcome, Outcome::Changed);
    assert_eq!(
        changes,
        vec![
            "data.extra: (none) → (secret value)".to_string(),
            "data.password: (secret value) → (secret value)".to_string(),
        ]
    );
    let (outcome, fields) = diff("Secret", None, &after);
    assert_eq!(outcome, Outcome::Created);
    assert!(
        fields.contains(&"data: (3 secret values)".to_string()),
        "{fields:?}"
    );
    assert!(fields
        .iter()
        .all(|f| !f.contains("c2VjcmV0") && !f.contains("bmV3")));
}

#[test]
fn diff_names_changed_list_items_and_removed_fields() {
    let live = json!({"kind": "Deployment", "metadata": {"name": "web", "labels": {"app.kubernetes.io/name": "web", "tier": "a"}},
        "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "c", "image": "nginx:1.25"}]}}}});
    let mut after = live.clone();
    after["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27".into();
    after["metadata"]["labels"]
        .as_object_mut()
        .unwrap()
        .remove("tier");
    after["metadata"]["labels"]["app.kubernetes.io/name"] = "shop".into();
    let (outcome, changes) = diff("Deployment", Some(&live), &after);
    assert_eq!(outcome, Outcome::Changed);
    assert_eq!(
        changes,
        vec![
            "metadata.labels[\"app.kubernetes.io/name\"]: web → shop".to_string(),
            "metadata.labels.tier: a → (removed)".to_string(),
            "spec.template.spec.containers[0].image: nginx:1.25 → nginx:1.27".to_string(),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_is_a_dry_run_per_object_and_stores_nothing() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let text = format!("{NEW_AND_CHANGED}{}---\n{}", web_yaml(4), web_yaml(6));
    // The last document is web again with 6 replicas: the plan of each document is against
    // the live object, so both say what they would do on their own.
    let manifests = apply::parse("app.yaml", &text).unwrap();
    let plan = apply::plan(&conn, &manifests).await.unwrap();
    let summary: Vec<(String, Outcome, Vec<String>)> = plan
        .iter()
        .map(|p| (p.describe(), p.outcome, p.changes.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "ConfigMap settings in default".to_string(),
                Outcome::Created,
                vec!["data: {\"mode\":\"fast\"}".to_string()]
            ),
            (
                "ConfigMap blee in default".to_string(),
                Outcome::Changed,
                vec!["data.key2: charm → strange".to_string()]
            ),
            (
                "Deployment web in default".to_string(),
                Outcome::Unchanged,
                vec![]
            ),
            (
                "Deployment web in default".to_string(),
                Outcome::Changed,
                vec!["spec.replicas: 4 → 6".to_string()]
            ),
        ]
    );
    // Every write was a server-side apply dry run by our field manager.
    let changes = server.changes();
    assert_eq!(changes.len(), 4);
    for r in &changes {
        assert_eq!(r.method, "PATCH");
        assert_eq!(
            r.content_type.as_deref(),
            Some("application/apply-patch+yaml")
        );
        assert!(r.query.contains("dryRun=All"), "{}", r.query);
        assert!(r.query.contains("fieldManager=terraorbis"), "{}", r.query);
        assert!(!r.query.contains("force"), "{}", r.query);
    }
    assert_eq!(
        changes[0].target,
        "/api/v1/namespaces/default/configmaps/settings"
    );
    let sent: Value = serde_json::from_slice(&changes[0].body).unwrap();
    assert_eq!(
        sent["metadata"]["namespace"], "default",
        "the context's namespace is filled in"
    );
    // Nothing was stored: planning again says the same.
    let again = apply::plan(&conn, &manifests).await.unwrap();
    assert_eq!(again, plan);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_stores_the_objects_and_the_watchers_see_them() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let options = WatchOptions {
        kinds: vec![Kind::ConfigMap],
        ..Default::default()
    };
    let (state, mut rx) = ClusterState::start(&conn, &options);
    let mut seen = Vec::new();
    deltas_until(&mut rx, &mut seen, |s| is_ready(s, Kind::ConfigMap)).await;

    let manifests = apply::parse("app.yaml", NEW_AND_CHANGED).unwrap();
    let done = apply::apply(&conn, &manifests).await.unwrap();
    let outcomes: Vec<(String, Outcome)> = done
        .iter()
        .map(|a| (a.object.describe(), a.object.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (
                "ConfigMap settings in default".to_string(),
                Outcome::Created
            ),
            ("ConfigMap blee in default".to_string(), Outcome::Changed),
        ]
    );
    assert!(done.iter().all(|a| a.resource_version.is_some()));
    let writes: Vec<_> = server
        .changes()
        .into_iter()
        .filter(|r| !r.query.contains("dryRun"))
        .collect();
    assert_eq!(writes.len(), 2);

    deltas_until(&mut rx, &mut seen, |s| {
        s.iter()
            .any(|d| matches!(d, Delta::Added { key, .. } if key == "default/settings"))
    })
    .await;
    let settings = state.object(Kind::ConfigMap, "default/settings").unwrap();
    assert_eq!(settings["data"]["mode"], "fast");
    // blee's change keeps its keys, so its summary (what deltas carry) does not change and no
    // delta may come for it: wait on the store itself, which holds the whole object.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while !state
        .object(Kind::ConfigMap, "default/blee")
        .is_some_and(|b| b["data"]["key2"] == "strange")
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the watchers' store never got blee's change"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Applied: the same file now changes nothing.
    let plan = apply::plan(&conn, &manifests).await.unwrap();
    assert!(
        plan.iter().all(|p| p.outcome == Outcome::Unchanged),
        "{plan:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_the_cluster_does_not_serve_is_refused_before_any_write() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    for (doc, served) in [
        (
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\n",
            "example.com/v1",
        ),
        (
            "apiVersion: apps/v1\nkind: Widget\nmetadata: {name: w1}\n",
            "apps/v1",
        ),
    ] {
        let text = format!("{NEW_AND_CHANGED}{doc}");
        let manifests = apply::parse("app.yaml", &text).unwrap();
        let e = apply::plan(&conn, &manifests).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownKind);
        assert_eq!(
            e.message,
            format!("Document 3 (Widget w1): the cluster does not serve kind Widget in {served}.")
        );
        assert!(e.hint.contains("kubectl api-resources"));
        let e = apply::apply(&conn, &manifests).await.unwrap_err();
        assert!(e.0.is_empty());
        assert_eq!(e.1.code, ErrorCode::UnknownKind);
    }
    assert!(
        server.changes().is_empty(),
        "nothing may be sent for a file with an unknown kind"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rbac_forbidden_says_which_permission_is_missing() {
    let server = ReplayServer::start(Script::corpus().forbid_verb("PATCH", "/api/v1/configmaps"));
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let manifests = apply::parse("app.yaml", NEW_AND_CHANGED).unwrap();
    let e = apply::plan(&conn, &manifests).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        e.message,
        "Document 1 (ConfigMap settings): your credentials may not patch configmaps in default (403 Forbidden)."
    );
    assert!(
        e.hint
            .contains("kubectl auth can-i patch configmaps -n default"),
        "{}",
        e.hint
    );
    // A real apply of a file whose second object is forbidden reports the first as applied.
    let text = format!("{}---\n{NEW_AND_CHANGED}", web_yaml(5));
    let manifests = apply::parse("app.yaml", &text).unwrap();
    let (done, e) = apply::apply(&conn, &manifests).await.unwrap_err();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].object.describe(), "Deployment web in default");
    assert_eq!(e.code, ErrorCode::Forbidden);
}
