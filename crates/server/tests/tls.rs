//! HTTPS served by the real binary: a certificate made by `openssl` for 127.0.0.1, a rustls
//! client that trusts only that certificate, and the failure modes a team meets when setting
//! it up (plain HTTP to the HTTPS port, a key that is not the certificate's, a client that
//! connects and never speaks).

mod common;

use common::certs::make_cert;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{crypto::ring, ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &Path, port: u16, cert: &str, key: &str) -> Child {
    Command::new(common::server_binary())
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--data")
        .arg(dir.join("data"))
        .arg("--tls-cert")
        .arg(dir.join(cert))
        .arg("--tls-key")
        .arg(dir.join(key))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start orbis-server")
}

fn connector(dir: &Path) -> TlsConnector {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(dir.join("ca.crt")).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let config = ClientConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
}

/// `GET /healthz` over TLS; the status line, or the error.
async fn healthz(tls: &TlsConnector, port: u16) -> Result<String, String> {
    let tcp = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let mut stream = tls.connect(name, tcp).await.map_err(|e| e.to_string())?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .await
        .map_err(|e| e.to_string())?;
    Ok(answer.lines().next().unwrap_or("").to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_https_with_the_given_certificate() {
    let dir = tempfile::tempdir().unwrap();
    make_cert(dir.path(), "server");
    let port = common::free_port();
    let _server = Running(start(dir.path(), port, "server.crt", "server.key"));
    let tls = connector(dir.path());

    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match healthz(&tls, port).await {
            Ok(line) => break line,
            Err(e) => {
                assert!(Instant::now() < deadline, "no HTTPS answer in 60 s: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    assert_eq!(status, "HTTP/1.1 200 OK");

    // A client that connects and never starts its handshake holds up nobody.
    let _silent = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let answered = tokio::time::timeout(Duration::from_secs(5), healthz(&tls, port)).await;
    assert_eq!(
        answered.expect("answered beside a silent client").unwrap(),
        "HTTP/1.1 200 OK"
    );

    // Plain HTTP to the HTTPS port gets no HTTP answer.
    let mut plain = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), plain.read_to_end(&mut buf)).await;
    assert!(!String::from_utf8_lossy(&buf).contains("200 OK"));

    // A client that trusts another CA refuses the server.
    let elsewhere = tempfile::tempdir().unwrap();
    make_cert(elsewhere.path(), "server");
    let err = healthz(&connector(elsewhere.path()), port)
        .await
        .unwrap_err();
    assert!(err.contains("certificate"), "{err}");
}

#[test]
fn a_key_that_is_not_the_certificates_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    make_cert(dir.path(), "server");
    make_cert(dir.path(), "other");
    let out = start(dir.path(), common::free_port(), "server.crt", "other.key")
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the certificate and the private key do not go together"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("PRIVATE KEY"),
        "no key material in messages"
    );

    std::fs::write(dir.path().join("junk.crt"), "not a certificate\n").unwrap();
    let out = start(dir.path(), common::free_port(), "junk.crt", "server.key")
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("holds no certificate"), "{stderr}");

    // Only one of the two flags: refused before anything starts.
    let out = Command::new(common::server_binary())
        .args(["--tls-cert", "x.crt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-key"));
}
