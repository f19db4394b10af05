//! Credentials on the wire, against the loopback replay server (which requires a bearer
//! token): an exec plugin's token is used, a failing plugin (expired SSO session) and a
//! missing one give the fix command, a refused token and an unreachable server are said in
//! plain words. The plugins are small shell scripts standing in for `aws` and
//! `gke-gcloud-auth-plugin`, run by kube-rs exactly as kubectl would run the real ones.

mod support;

use orbis_clusters::pods::list_pods;
use orbis_clusters::{connect, ClusterError, ErrorCode, Kubeconfigs};
use std::path::{Path, PathBuf};
use support::replay::{ReplayServer, Script};

const TOKEN: &str = "orbis-exec-token-0123456789";

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
    file
}

fn exec_kubeconfig(dir: &Path, server: &str, command: &Path, args: &str) -> PathBuf {
    let file = dir.join("config");
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: eks\nclusters:\n- name: eks\n  cluster: {{server: \"{server}\"}}\ncontexts:\n- name: eks\n  context: {{cluster: eks, user: eks-user}}\nusers:\n- name: eks-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {}\n      args: [{args}]\n      interactiveMode: Never\n",
            command.display()
        ),
    )
    .unwrap();
    file
}

async fn pods_with(kubeconfig: PathBuf, namespace: Option<&str>) -> Result<usize, ClusterError> {
    let kcs = Kubeconfigs::load(&[kubeconfig], true);
    let conn = connect(&kcs, None).await?;
    Ok(list_pods(&conn, namespace).await?.len())
}

#[tokio::test]
async fn the_exec_plugins_token_is_sent() {
    let server = ReplayServer::start(Script::corpus().require_token(TOKEN));
    let dir = tempfile::tempdir().unwrap();
    let aws = script(
        dir.path(),
        "aws",
        &format!("echo '{{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{TOKEN}\"}}}}'"),
    );
    let kc = exec_kubeconfig(
        dir.path(),
        &server.url,
        &aws,
        "eks, get-token, --cluster-name, prod",
    );
    assert_eq!(pods_with(kc.clone(), None).await.unwrap(), 17);
    assert_eq!(pods_with(kc, Some("kube-system")).await.unwrap(), 3);
    assert!(server.requests().iter().all(|r| r.authorized));
}

#[tokio::test]
async fn an_expired_sso_session_says_which_login_to_run() {
    let server = ReplayServer::start(Script::corpus().require_token(TOKEN));
    let dir = tempfile::tempdir().unwrap();
    let aws = script(
        dir.path(),
        "aws",
        "echo 'Error when retrieving token from sso: Token has expired and refresh failed' >&2\nexit 255",
    );
    let kc = exec_kubeconfig(
        dir.path(),
        &server.url,
        &aws,
        "eks, get-token, --cluster-name, prod, --profile, prod-admin",
    );
    let e = pods_with(kc, None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ExecPluginFailed, "{e:?}");
    assert!(e.message.contains("eks get-token"), "{e:?}");
    assert!(e.message.contains("255"), "{e:?}");
    assert!(
        e.message.contains("Token has expired and refresh failed"),
        "{e:?}"
    );
    assert!(
        e.hint.contains("aws sso login --profile prod-admin"),
        "{e:?}"
    );
    assert_eq!(e.context.as_deref(), Some("eks"));
    assert!(
        server.requests().is_empty(),
        "nothing is sent without a token"
    );
}

#[tokio::test]
async fn a_missing_plugin_says_how_to_install_it() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let kc = exec_kubeconfig(
        dir.path(),
        &server.url,
        Path::new("/nonexistent/gke-gcloud-auth-plugin"),
        "",
    );
    let e = pods_with(kc, None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ExecPluginMissing, "{e:?}");
    assert!(
        e.hint
            .contains("gcloud components install gke-gcloud-auth-plugin"),
        "{e:?}"
    );
}

#[tokio::test]
async fn a_refused_token_is_unauthorized() {
    let server = ReplayServer::start(Script::corpus().require_token(TOKEN));
    let dir = tempfile::tempdir().unwrap();
    let kc = server.kubeconfig(dir.path(), "not-the-right-token");
    let e = pods_with(kc, None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Unauthorized, "{e:?}");
    assert!(e.message.contains("401"), "{e:?}");
    assert!(!e.message.contains("not-the-right-token"));
}

#[tokio::test]
async fn an_unreachable_server_is_said_plainly() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let server = ReplayServer::start(Script::default());
    let kc = server.kubeconfig(dir.path(), "t");
    let text = std::fs::read_to_string(&kc)
        .unwrap()
        .replace(&server.url, &format!("http://127.0.0.1:{port}"));
    std::fs::write(&kc, text).unwrap();
    let e = pods_with(kc, None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Unreachable, "{e:?}");
    assert!(e.hint.contains("kubectl cluster-info"), "{e:?}");
}

#[tokio::test]
async fn an_unknown_context_lists_the_known_ones() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir.path(), "t")], true);
    let e = connect(&kcs, Some("prod")).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ContextNotFound);
    assert!(e.hint.contains("replay"), "{e:?}");
}

/// A context whose cluster is only reachable through its `proxy-url`: the server name does not
/// resolve, the replay server plays the HTTP proxy (and the cluster behind it).
#[tokio::test]
async fn proxy_url_is_used() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config");
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: proxied\nclusters:\n- name: c\n  cluster: {{server: \"http://cluster.example.invalid:6443\", proxy-url: \"{}\"}}\ncontexts:\n- {{name: proxied, context: {{cluster: c, user: u}}}}\nusers:\n- {{name: u, user: {{token: t}}}}\n",
            server.url
        ),
    )
    .unwrap();
    assert_eq!(pods_with(file, Some("kube-system")).await.unwrap(), 3);
    let reqs = server.requests();
    // kube-rs tunnels through the proxy (CONNECT) to the cluster's name, then lists.
    assert!(
        reqs[0]
            .path
            .starts_with("CONNECT cluster.example.invalid:6443"),
        "{reqs:?}"
    );
    assert_eq!(reqs[1].path, "/api/v1/pods", "{reqs:?}");
}
