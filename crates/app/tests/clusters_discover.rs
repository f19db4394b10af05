//! "Add a cloud cluster" in the app (features `cloud` + `clusters`, as the desktop is built):
//! EKS clusters made by boto3 in a moto server on loopback, found through the standard AWS
//! environment; the preview changes nothing; adding writes the context `aws eks
//! update-kubeconfig` would write (after a backup of the file), and the Clusters view then
//! lists it as current.
#![cfg(all(feature = "cloud", feature = "clusters"))]

#[path = "../../cloud/tests/common/mod.rs"]
mod common;

use orbis_app::clusters::discover_dto::{DiscoverClustersRequest, ManagedKubernetes};
use orbis_app::error::ErrorCode;
use orbis_app::Session;
use orbis_store::Store;

const KUBECONFIG: &str = "apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443
users:
- name: local
  user:
    token: not-a-real-token
contexts:
- name: local
  context:
    cluster: local
    user: local
current-context: local
";

#[test]
fn finds_eks_clusters_and_adds_a_context_only_when_asked() {
    let Some(moto) = common::Moto::start() else {
        return;
    };
    let seed = std::process::Command::new(common::venv_python())
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cloud/tests/eks_seed.py"
        ))
        .args([&moto.url, "eu-west-1/shop", "eu-west-1/data"])
        .output()
        .unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );

    let home = tempfile::tempdir().unwrap();
    // The app reads the standard AWS environment of its process (this binary's only test).
    for (k, v) in [
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", common::ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", common::SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "eu-west-1"),
    ] {
        std::env::set_var(k, v);
    }
    std::env::remove_var("AWS_PROFILE");
    let kubeconfig = home.path().join("kubeconfig");
    std::fs::write(&kubeconfig, KUBECONFIG).unwrap();

    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.set_kubeconfig_files(Some(vec![kubeconfig.clone()]));

    // Nothing found yet: adding is refused, nothing is written.
    let err = session
        .add_cluster_context("arn:aws:eks:eu-west-1:123456789012:cluster/shop")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ClusterDiscovery);

    let found = session
        .discover_cloud_clusters(&DiscoverClustersRequest::default())
        .unwrap();
    let mut names: Vec<&str> = found.clusters.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["data", "shop"]);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let shop = found.clusters.iter().find(|c| c.name == "shop").unwrap();
    assert_eq!(shop.cloud, ManagedKubernetes::Eks);
    assert!(
        found.signed_in.starts_with("AWS profile"),
        "{}",
        found.signed_in
    );
    assert!(found.scope.starts_with("account "), "{}", found.scope);
    assert_eq!(shop.region, "eu-west-1");
    assert!(
        shop.id.starts_with("arn:aws:eks:eu-west-1:") && shop.id.ends_with(":cluster/shop"),
        "{}",
        shop.id
    );
    assert_eq!(shop.context, shop.id);
    assert!(!shop.in_kubeconfig);

    let preview = session.preview_add_cluster_context(&shop.id).unwrap();
    assert_eq!(preview.file, kubeconfig.display().to_string());
    assert!(!preview.creates_file);
    assert_eq!(preview.context, shop.id);
    assert_eq!(preview.server, shop.endpoint);
    assert_eq!(preview.current_context_before.as_deref(), Some("local"));
    assert!(preview.replaces.is_empty(), "{:?}", preview.replaces);
    assert!(
        preview
            .credentials
            .contains("eks get-token --cluster-name shop"),
        "{}",
        preview.credentials
    );
    assert_eq!(
        std::fs::read_to_string(&kubeconfig).unwrap(),
        KUBECONFIG,
        "a preview writes nothing"
    );

    let added = session.add_cluster_context(&shop.id).unwrap();
    let backup = added.backup.expect("the old file is copied aside");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), KUBECONFIG);
    let contexts = session.list_cluster_contexts();
    assert!(contexts.errors.is_empty(), "{:?}", contexts.errors);
    let by_name = |n: &str| contexts.contexts.iter().find(|c| c.name == n);
    let new = by_name(&shop.id).expect("the new context is listed");
    assert!(new.current);
    assert_eq!(new.server.as_deref(), Some(shop.endpoint.as_str()));
    assert_eq!(new.auth, "exec:aws");
    assert!(
        !by_name("local").unwrap().current,
        "the old context stays, no longer current"
    );

    // Looked up again: the cluster is now known to be in the kubeconfig; adding it again
    // would replace its three entries, and the preview says so.
    let again = session
        .discover_cloud_clusters(&DiscoverClustersRequest {
            regions: vec!["eu-west-1".into()],
            ..Default::default()
        })
        .unwrap();
    assert!(
        again
            .clusters
            .iter()
            .find(|c| c.name == "shop")
            .unwrap()
            .in_kubeconfig
    );
    assert!(
        !again
            .clusters
            .iter()
            .find(|c| c.name == "data")
            .unwrap()
            .in_kubeconfig
    );
    let replace = session.preview_add_cluster_context(&shop.id).unwrap();
    assert_eq!(replace.replaces.len(), 3, "{:?}", replace.replaces);

    // An id that was not found is refused.
    let err = session
        .preview_add_cluster_context("arn:aws:eks:eu-west-1:1:cluster/nope")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ClusterDiscovery);
    assert!(err.hint.contains("Look for clusters again"), "{}", err.hint);
}
