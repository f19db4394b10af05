//! Link IaC to live against orbis-clusters' loopback replay server and the corpus's real
//! kubeconfigs (feature `clusters`): a workspace YAML file compared object by object with the
//! live cluster (in sync / differs / not in cluster, only the fields the file sets), and where
//! a `kubernetes_*`, `helm_release` or managed-cluster link opens.
#![cfg(feature = "clusters")]

#[path = "../../clusters/tests/support/replay.rs"]
mod replay;

use orbis_app::clusters::discover_dto::ManagedKubernetes;
use orbis_app::clusters::dto::ClusterKind;
use orbis_app::clusters::links_dto::*;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use replay::{ReplayServer, Script};
use std::path::PathBuf;

const FILE: &str = "\
# blee as it is live (only key1 is set here)
apiVersion: v1
kind: ConfigMap
metadata:
  name: blee
data:
  key1: very
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 3
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
";

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/k8s/kubeconfig")
        .join(rel)
}

fn workspace(dir: &std::path::Path) -> Session {
    let ws = dir.join("ws");
    std::fs::create_dir_all(ws.join("k8s")).unwrap();
    std::fs::write(ws.join("k8s/app.yaml"), FILE).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&ws).unwrap();
    session
}

#[test]
fn yaml_objects_in_sync_differing_and_missing() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let s = workspace(dir.path());
    // Not connected: the kubeconfig's current context is used for the comparison.
    s.set_kubeconfig_files(Some(vec![server.kubeconfig(dir.path(), "t")]));
    let status = s.yaml_live_status("k8s/app.yaml", None).unwrap();
    assert_eq!(status.context, "replay");
    assert_eq!(status.summary, "1 in sync, 1 differs, 1 not in cluster");
    let rows: Vec<(&str, &str, u32, LiveSync)> = status
        .objects
        .iter()
        .map(|o| (o.kind.as_str(), o.name.as_str(), o.line, o.sync))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("ConfigMap", "blee", 2, LiveSync::InSync),
            ("Deployment", "web", 9, LiveSync::Differs),
            ("ConfigMap", "settings", 17, LiveSync::NotInCluster),
        ]
    );
    // live → file, only what the file sets: key2 (live only) is no difference.
    assert_eq!(
        status.objects[1].changes,
        vec!["spec.replicas: 4 → 3".to_string()]
    );
    assert_eq!(status.objects[0].namespace.as_deref(), Some("default"));
    assert!(status.method.contains("dryRun=All"));
    // Nothing was stored: a dry run only. The comparison says the same a second time.
    let again = s.yaml_live_status("k8s/app.yaml", Some("replay")).unwrap();
    assert_eq!(again.summary, status.summary);

    // The editor's unsaved text is what is compared.
    s.open_document("k8s/app.yaml").unwrap();
    s.set_document_text("k8s/app.yaml", FILE.replace("key1: very", "key1: not-very"))
        .unwrap();
    let edited = s.yaml_live_status("k8s/app.yaml", None).unwrap();
    assert_eq!(edited.objects[0].sync, LiveSync::Differs);
    assert_eq!(
        edited.objects[0].changes,
        vec!["data.key1: very → not-very".to_string()]
    );
}

#[test]
fn yaml_comparison_without_a_reachable_cluster_is_an_error_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let s = workspace(dir.path());
    s.set_kubeconfig_files(Some(vec![corpus("constructed/eks-exec.yaml")]));
    // The context exists but `aws` is not on PATH / the endpoint does not resolve.
    let err = s.yaml_live_status("k8s/app.yaml", None).unwrap_err();
    assert!(!err.message.is_empty() && !err.hint.is_empty(), "{err:?}");
    // A context that does not exist.
    let err = s
        .yaml_live_status("k8s/app.yaml", Some("nope"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ClusterConnect);
    assert!(err.message.contains("nope"), "{err:?}");
}

fn object(kind: &str, ns: Option<&str>, name: &str, context: Option<&str>) -> LiveTarget {
    LiveTarget::KubeObject {
        kind: kind.into(),
        api_version: None,
        namespace: ns.map(str::to_string),
        name: name.into(),
        context: context.map(str::to_string),
    }
}

#[test]
fn kubernetes_objects_open_in_the_provider_context_or_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let s = workspace(dir.path());
    s.set_kubeconfig_files(Some(vec![corpus("constructed/multi-cloud.yaml")]));
    let open = s
        .open_live_link(&object("Deployment", Some("shop"), "web", None))
        .unwrap();
    assert_eq!(open.context.as_deref(), Some("kind-dev"));
    assert_eq!(open.kind, Some(ClusterKind::Deployment));
    assert_eq!(open.key.as_deref(), Some("shop/web"));
    assert!(
        open.why.contains("current context kind-dev"),
        "{}",
        open.why
    );
    let open = s
        .open_live_link(&object("Namespace", None, "shop", Some("onprem")))
        .unwrap();
    assert_eq!(open.context.as_deref(), Some("onprem"));
    assert_eq!(open.key.as_deref(), Some("shop"));
    // A kind the view does not list: the cluster opens, nothing selected, and it says so.
    let open = s
        .open_live_link(&object("ServiceAccount", Some("a"), "b", None))
        .unwrap();
    assert_eq!((open.kind, open.key), (None, None));
    assert!(
        open.why.contains("does not list ServiceAccount"),
        "{}",
        open.why
    );
    let err = s
        .open_live_link(&object("Pod", Some("a"), "b", Some("missing")))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("missing"));
    let helm = LiveTarget::HelmRelease {
        name: "nginx".into(),
        namespace: "ingress".into(),
        context: None,
    };
    let open = s.open_live_link(&helm).unwrap();
    assert_eq!(open.helm_release.as_deref(), Some("ingress/nginx"));
    assert_eq!(open.context.as_deref(), Some("kind-dev"));
}

fn cluster(cloud: ManagedKubernetes, name: &str) -> LiveTarget {
    LiveTarget::ManagedCluster {
        cloud,
        name: name.into(),
        region: None,
        arn: None,
        endpoints: vec![],
        resource_group: None,
        subscription: None,
        project: None,
        location: None,
    }
}

#[test]
fn managed_clusters_find_their_context_or_prefill_add_cloud_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let s = workspace(dir.path());
    s.set_kubeconfig_files(Some(vec![
        corpus("constructed/multi-cloud.yaml"),
        corpus("constructed/gke-exec.yaml"),
        corpus("constructed/aks-kubelogin.yaml"),
    ]));
    let open = s
        .open_live_link(&cluster(ManagedKubernetes::Eks, "prod-eks"))
        .unwrap();
    assert_eq!(open.context.as_deref(), Some("eks"));
    assert!(open.why.contains("--cluster-name prod-eks"), "{}", open.why);
    let open = s
        .open_live_link(&cluster(ManagedKubernetes::Gke, "prod-gke"))
        .unwrap();
    assert_eq!(
        open.context.as_deref(),
        Some("gke_fake-project_europe-west1_prod-gke")
    );
    let mut aks = cluster(ManagedKubernetes::Aks, "prod-aks");
    if let LiveTarget::ManagedCluster { resource_group, .. } = &mut aks {
        *resource_group = Some("rg-prod".into());
    }
    assert_eq!(
        s.open_live_link(&aks).unwrap().context.as_deref(),
        Some("prod-aks")
    );

    // The plan's EKS cluster (../shared/corpora/plans) is in no kubeconfig: Add cloud cluster.
    let mut eks = cluster(ManagedKubernetes::Eks, "123456789123-acme-corp-eks");
    if let LiveTarget::ManagedCluster { region, .. } = &mut eks {
        *region = Some("us-west-2".into());
    }
    let open = s.open_live_link(&eks).unwrap();
    assert_eq!(open.context, None);
    assert_eq!(
        open.add_cluster,
        Some(AddClusterPrefill {
            cloud: ManagedKubernetes::Eks,
            scope: String::new(),
            regions: vec!["us-west-2".into()],
            name: "123456789123-acme-corp-eks".into(),
        })
    );
    assert!(open.why.contains("No context"), "{}", open.why);
}
