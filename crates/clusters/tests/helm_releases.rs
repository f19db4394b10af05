//! Helm releases decoded from release Secrets in Helm 3's real storage format. The corpus has
//! no Helm secrets, so this test CONSTRUCTS them: a realistic release JSON (the fields Helm 3
//! writes: name, namespace, version, info, chart.metadata, chart.values, config, manifest)
//! gzip-compressed and base64-encoded as Helm's storage driver does, in a Secret of type
//! `helm.sh/release.v1` with Helm's labels, sent through the k8s-openapi Secret JSON (whose
//! `data` is base64 once more, as the API server serves it) — mixed with the corpus's real
//! SecretList, whose secrets are not releases.

use flate2::write::GzEncoder;
use k8s_openapi::api::core::v1::Secret;
use orbis_clusters::helm::{self, releases, values_diff};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

fn corpus() -> PathBuf {
    std::env::var_os("ORBIS_K8S_CORPUS")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s")
        })
}

fn release_json(
    revision: i64,
    status: &str,
    chart_version: &str,
    app_version: &str,
    values: Value,
) -> Value {
    json!({
        "name": "shop",
        "namespace": "default",
        "version": revision,
        "info": {
            "first_deployed": "2026-05-02T09:14:03.112Z",
            "last_deployed": format!("2026-05-{:02}T10:00:00.000Z", 1 + revision),
            "deleted": "",
            "description": if revision == 1 { "Install complete" } else { "Upgrade complete" },
            "status": status,
            "notes": "Visit http://shop.example.com",
        },
        "chart": {
            "metadata": {"name": "shop", "version": chart_version, "appVersion": app_version,
                "apiVersion": "v2", "description": "The shop frontend", "type": "application"},
            "values": {"replicaCount": 1, "image": {"repository": "nginx", "tag": ""}, "service": {"type": "ClusterIP", "port": 80}},
            "templates": [{"name": "templates/deployment.yaml", "data": "YXBpVmVyc2lvbjogYXBwcy92MQo="}],
        },
        "config": values,
        "manifest": "---\n# Source: shop/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n",
    })
}

/// Helm's storage: JSON → gzip → base64 text; the Secret as the API server serves it.
fn release_secret(release: &Value, gzip: bool) -> Secret {
    let json = serde_json::to_vec(release).unwrap();
    let payload = if gzip {
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&json).unwrap();
        enc.finish().unwrap()
    } else {
        json
    };
    use base64::Engine;
    let helm_text = base64::engine::general_purpose::STANDARD.encode(payload);
    let api_data = base64::engine::general_purpose::STANDARD.encode(helm_text);
    let (name, revision, status) = (
        release["name"].as_str().unwrap(),
        release["version"].as_i64().unwrap(),
        release["info"]["status"].as_str().unwrap(),
    );
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Secret", "type": helm::RELEASE_TYPE,
        "metadata": {"name": format!("sh.helm.release.v1.{name}.v{revision}"), "namespace": "default",
            "labels": {"owner": "helm", "name": name, "status": status, "version": revision.to_string()}},
        "data": {"release": api_data},
    }))
    .unwrap()
}

#[test]
fn releases_with_history_chart_status_and_values_diff() {
    let mut secrets: Vec<Secret> = serde_json::from_value::<Value>(
        serde_json::from_slice(
            &std::fs::read(corpus().join("objects/constructed/lists/SecretList.json")).unwrap(),
        )
        .unwrap(),
    )
    .map(|l| serde_json::from_value(l["items"].clone()).unwrap())
    .unwrap();
    let real_secrets = secrets.len();
    secrets.push(release_secret(
        &release_json(
            1,
            "superseded",
            "0.3.0",
            "1.25.0",
            json!({"replicaCount": 2}),
        ),
        true,
    ));
    secrets.push(release_secret(
        &release_json(
            2,
            "deployed",
            "0.4.1",
            "1.27.0",
            json!({"replicaCount": 3, "image": {"tag": "1.27.0"}}),
        ),
        true,
    ));
    assert!(real_secrets >= 2);
    let (found, errors) = releases(&secrets);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(found.len(), 1, "the corpus's own secrets are not releases");
    let shop = &found[0];
    assert_eq!(
        (shop.namespace.as_str(), shop.name.as_str()),
        ("default", "shop")
    );
    let c = &shop.current;
    assert_eq!(
        (
            c.revision,
            c.status.as_str(),
            c.chart.as_str(),
            c.chart_version.as_str(),
            c.app_version.as_deref()
        ),
        (2, "deployed", "shop", "0.4.1", Some("1.27.0"))
    );
    assert_eq!(c.updated.as_deref(), Some("2026-05-03T10:00:00.000Z"));
    assert_eq!(
        shop.history
            .iter()
            .map(|r| (r.revision, r.status.as_str()))
            .collect::<Vec<_>>(),
        vec![(2, "deployed"), (1, "superseded")]
    );
    assert_eq!(
        values_diff(&shop.history[1], &shop.history[0]),
        vec![
            "image: (none) → {\"tag\":\"1.27.0\"}".to_string(),
            "replicaCount: 2 → 3".to_string()
        ]
    );
}

#[test]
fn uncompressed_and_broken_release_secrets() {
    // Uncompressed JSON (what early Helm 3 betas wrote) decodes too.
    let plain = release_secret(
        &release_json(1, "deployed", "0.1.0", "1.0", Value::Null),
        false,
    );
    // A release secret whose payload is not Helm's: an error naming it, the others still read.
    let mut broken = release_secret(
        &release_json(1, "deployed", "0.1.0", "1.0", Value::Null),
        true,
    );
    broken.metadata.name = Some("sh.helm.release.v1.broken.v1".into());
    broken.data.as_mut().unwrap().insert(
        "release".into(),
        k8s_openapi::ByteString(b"not-base64!".to_vec()),
    );
    let (found, errors) = releases(&[plain, broken]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].current.values,
        json!({}),
        "no user values is an empty map"
    );
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.starts_with("The Helm release secret default/sh.helm.release.v1.broken.v1 cannot be read: not base64"), "{}", errors[0].message);
}

mod support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_lists_release_secrets_by_label_through_kube_rs() {
    use support::replay::{ReplayServer, Script};
    let list = json!({"kind": "SecretList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"},
        "items": [release_secret(&release_json(1, "deployed", "0.4.1", "1.27.0", json!({"replicaCount": 3})), true)]});
    let server = ReplayServer::start(
        Script::corpus().list_body("/api/v1/secrets", serde_json::to_vec(&list).unwrap()),
    );
    let dir = tempfile::tempdir().unwrap();
    let kcs = orbis_clusters::Kubeconfigs::load(&[server.kubeconfig(dir.path(), "t")], true);
    let conn = orbis_clusters::connect(&kcs, None).await.unwrap();
    let found = helm::fetch(&conn).await.unwrap();
    let releases = found.releases.unwrap();
    assert_eq!(releases[0].current.chart_version, "0.4.1");
    let asked = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v1/secrets")
        .unwrap();
    assert!(
        asked.query.contains("labelSelector=owner%3Dhelm"),
        "{}",
        asked.query
    );

    let forbidden = corpus().join("objects/constructed/status/status-403-forbidden.json");
    let server = ReplayServer::start(Script::corpus().status("/api/v1/secrets", 403, forbidden));
    let kcs = orbis_clusters::Kubeconfigs::load(&[server.kubeconfig(dir.path(), "t")], true);
    let conn = orbis_clusters::connect(&kcs, None).await.unwrap();
    assert_eq!(
        helm::fetch(&conn).await.unwrap().releases,
        None,
        "no access, not an error"
    );
}
