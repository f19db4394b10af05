//! The desktop's sync client (orbis-sync) over HTTPS to the real binary: it trusts what the
//! operating system trusts — here a team CA named by `SSL_CERT_FILE`, as an administrator
//! would install it — and refuses a server whose certificate that store does not vouch for,
//! with a message that says what to do. One test in this binary: it sets the environment.

mod common;

use common::certs::make_cert;
use common::scenarios::PASSWORD;
use orbis_sync::{ClientError, SyncClient};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sync_client_signs_in_over_https_with_the_system_trust_store() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    make_cert(d, "server");
    let data = d.join("data");
    let created = Command::new(common::server_binary())
        .args([
            "org", "create", "--name", "acme", "--admin", "root", "--data",
        ])
        .arg(&data)
        .env("ORBIS_ADMIN_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let port = common::free_port();
    let _server = Running(
        Command::new(common::server_binary())
            .args(["--listen", &format!("127.0.0.1:{port}"), "--data"])
            .arg(&data)
            .arg("--tls-cert")
            .arg(d.join("server.crt"))
            .arg("--tls-key")
            .arg(d.join("server.key"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("https://127.0.0.1:{port}");

    // The team's CA, as the system trust store names it (read when a client is made).
    std::env::set_var("SSL_CERT_FILE", d.join("ca.crt"));
    let client = SyncClient::new(&base, "");
    let deadline = Instant::now() + Duration::from_secs(60);
    let token = loop {
        match client.login("acme", "root", PASSWORD).await {
            Ok(t) => break t.token,
            Err(ClientError::Transport(e)) if Instant::now() < deadline => {
                assert!(!e.contains("not trusted"), "{e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("no HTTPS sign-in: {e}"),
        }
    };
    let me = SyncClient::new(&base, &token).me().await.unwrap();
    assert_eq!(me.username, "root");

    // Another CA in the trust store: the server is refused, and the message says what to do.
    let elsewhere = tempfile::tempdir().unwrap();
    make_cert(elsewhere.path(), "server");
    std::env::set_var("SSL_CERT_FILE", elsewhere.path().join("ca.crt"));
    let err = SyncClient::new(&base, "")
        .login("acme", "root", PASSWORD)
        .await
        .unwrap_err();
    let ClientError::Transport(message) = err else {
        panic!("expected a transport error, got {err:?}")
    };
    assert!(message.contains("not trusted"), "{message}");
    assert!(message.contains("SSL_CERT_FILE"), "{message}");
}
