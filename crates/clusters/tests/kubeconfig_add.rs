//! Adding an EKS context to kubeconfig files the way `aws eks update-kubeconfig` does: the
//! entries land (or replace those of the same name), current-context moves, everything else
//! of the file stays (other contexts, fields kube-rs does not know), a backup holds the old
//! bytes, and files that cannot be read are left alone. The result is read back by the same
//! loader the Clusters view uses.

use orbis_clusters::kubeconfig::add::{
    add_context, context_from_kubeconfig, eks_context, gke_context, preview_add,
};
use orbis_clusters::{list_contexts, ErrorCode, KubeEnv};
use std::path::Path;

const ARN: &str = "arn:aws:eks:eu-west-1:123456789012:cluster/shop";

fn shop() -> orbis_clusters::kubeconfig::add::NewContext {
    eks_context(
        "shop",
        ARN,
        "eu-west-1",
        "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        Some("dev"),
    )
}

const EXISTING: &str = r#"apiVersion: v1
kind: Config
# a comment kubectl users keep
clusters:
- name: kind-local
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
users:
- name: kind-local
  user:
    token: local-token
contexts:
- name: kind-local
  context:
    cluster: kind-local
    user: kind-local
    namespace: apps
current-context: kind-local
preferences: {}
x-team-note: keep me
"#;

/// Only this file, and a PATH with no programs (whatever this machine has installed).
fn env_for(file: &Path) -> KubeEnv {
    let bin = file.parent().unwrap().join("empty-bin");
    std::fs::create_dir_all(&bin).unwrap();
    KubeEnv {
        kubeconfig: Some(file.display().to_string()),
        home: None,
        path: Some(bin.display().to_string()),
    }
}

#[test]
fn adds_the_context_keeps_the_rest_and_backs_the_file_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config");
    std::fs::write(&file, EXISTING).unwrap();

    let preview = preview_add(&file, &shop()).unwrap();
    assert!(!preview.creates_file);
    assert!(preview.replaces.is_empty());
    assert_eq!(
        preview.current_context_before.as_deref(),
        Some("kind-local")
    );
    assert_eq!(
        preview.credentials,
        "AWS_PROFILE=dev aws --region eu-west-1 eks get-token --cluster-name shop --output json"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        EXISTING,
        "a preview writes nothing"
    );

    let added = add_context(&file, &shop()).unwrap();
    let backup = added.backup.expect("a backup of the old file");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), EXISTING);

    let list = list_contexts(None, &env_for(&file));
    // No AWS CLI on that PATH: the new context is listed, with the plugin's fix.
    let codes: Vec<_> = list
        .errors
        .iter()
        .map(|e| (e.code, e.context.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [(ErrorCode::ExecPluginMissing, Some(ARN))],
        "{:?}",
        list.errors
    );
    let names: Vec<&str> = list.contexts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["kind-local", ARN]);
    let new = &list.contexts[1];
    assert!(new.current);
    assert_eq!(new.auth, "exec:aws");
    assert_eq!(
        new.server.as_deref(),
        Some("https://ABC.gr7.eu-west-1.eks.amazonaws.com")
    );
    let old = &list.contexts[0];
    assert_eq!(old.namespace.as_deref(), Some("apps"));

    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("x-team-note: keep me"), "{text}");
    assert!(
        text.contains("local-token"),
        "the other user's token is kept"
    );
    assert!(text.contains("AWS_PROFILE"));

    // Again (a cluster re-created with a new endpoint): replaced, not duplicated.
    let mut again = shop();
    again.cluster.cluster.as_mut().unwrap().server = Some("https://NEW.eks.amazonaws.com".into());
    let preview = preview_add(&file, &again).unwrap();
    assert_eq!(
        preview.replaces,
        [
            format!("cluster {ARN}"),
            format!("user {ARN}"),
            format!("context {ARN}")
        ]
    );
    add_context(&file, &again).unwrap();
    let list = list_contexts(None, &env_for(&file));
    assert_eq!(list.contexts.len(), 2);
    assert_eq!(
        list.contexts[1].server.as_deref(),
        Some("https://NEW.eks.amazonaws.com")
    );
}

#[test]
fn creates_a_private_file_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".kube").join("config");
    let added = add_context(&file, &shop()).unwrap();
    assert!(added.preview.creates_file);
    assert!(added.backup.is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let list = list_contexts(None, &env_for(&file));
    assert_eq!(list.contexts.len(), 1);
    assert!(list.contexts[0].current);
}

#[test]
fn a_file_that_cannot_be_read_as_a_kubeconfig_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config");
    let broken = "clusters: [\n  - name: x\n    cluster: {server: \n";
    std::fs::write(&file, broken).unwrap();
    let err = add_context(&file, &shop()).unwrap_err();
    assert_eq!(err.code, ErrorCode::KubeconfigInvalid);
    assert!(err.message.contains("left as it is"), "{}", err.message);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
    let others: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    // (env_for was not called here: the folder holds the file alone.)
    assert_eq!(others.len(), 1, "no backup or temporary file left behind");
}

#[test]
fn adds_a_gke_context_as_gcloud_get_credentials_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config");
    std::fs::write(&file, EXISTING).unwrap();
    let gke = gke_context(
        "shop-prod",
        "europe-west1",
        "web",
        "34.76.10.20",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
    );
    let name = "gke_shop-prod_europe-west1_web";
    let preview = preview_add(&file, &gke).unwrap();
    assert_eq!(preview.context, name);
    assert_eq!(preview.server, "https://34.76.10.20");
    assert_eq!(preview.credentials, "gke-gcloud-auth-plugin");
    add_context(&file, &gke).unwrap();

    let list = list_contexts(None, &env_for(&file));
    let new = list.contexts.iter().find(|c| c.name == name).unwrap();
    assert!(new.current);
    assert_eq!(new.auth, "exec:gke-gcloud-auth-plugin");
    assert_eq!(new.server.as_deref(), Some("https://34.76.10.20"));
    // No plugin on that PATH: the context is listed with the install command.
    let missing = list
        .errors
        .iter()
        .find(|e| e.context.as_deref() == Some(name))
        .expect("the missing plugin is reported");
    assert_eq!(missing.code, ErrorCode::ExecPluginMissing);
    assert!(
        missing.hint.contains("gke-gcloud-auth-plugin"),
        "{}",
        missing.hint
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("provideClusterInfo: true"), "{text}");
    assert!(text.contains("installHint"), "{text}");
}

/// What AKS `listClusterUserCredential` returns for a cluster with Entra ID integration (the
/// shape `az aks get-credentials` merges; names as Azure gives them).
const AKS_USER_KUBECONFIG: &str = r#"apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
    server: https://shop-dns-4x2k1f.hcp.westeurope.azmk8s.io:443
  name: shop
contexts:
- context:
    cluster: shop
    user: clusterUser_rg-shop_shop
  name: shop
current-context: shop
kind: Config
preferences: {}
users:
- name: clusterUser_rg-shop_shop
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --login
      - azurecli
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      command: kubelogin
      env: null
      installHint: To use this kubeconfig install kubelogin
      provideClusterInfo: false
"#;

#[test]
fn adds_the_context_of_a_kubeconfig_a_cloud_returned() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config");
    std::fs::write(&file, EXISTING).unwrap();
    let aks = context_from_kubeconfig(AKS_USER_KUBECONFIG).unwrap();
    assert_eq!(aks.context, "shop");
    assert_eq!(aks.user.name, "clusterUser_rg-shop_shop");
    let preview = preview_add(&file, &aks).unwrap();
    assert_eq!(
        preview.server,
        "https://shop-dns-4x2k1f.hcp.westeurope.azmk8s.io:443"
    );
    assert!(
        preview
            .credentials
            .starts_with("kubelogin get-token --login azurecli"),
        "{}",
        preview.credentials
    );
    add_context(&file, &aks).unwrap();
    let list = list_contexts(None, &env_for(&file));
    let new = list.contexts.iter().find(|c| c.name == "shop").unwrap();
    assert!(new.current);
    assert_eq!(new.auth, "exec:kubelogin");
    assert_eq!(new.user.as_deref(), Some("clusterUser_rg-shop_shop"));

    // What is not a usable kubeconfig is refused with the cloud's own command to try.
    for broken in ["not: [yaml", "apiVersion: v1\nkind: Config\n"] {
        let err = context_from_kubeconfig(broken).unwrap_err();
        assert_eq!(err.code, ErrorCode::KubeconfigInvalid);
        assert!(err.hint.contains("az aks get-credentials"), "{}", err.hint);
    }
}
