//! E-mail notifications from the real binary: a loopback SMTP sink (just enough SMTP:
//! greeting, EHLO with AUTH PLAIN, MAIL/RCPT, DATA, QUIT) records what the server sends; a
//! relay that accepts and never speaks, or a closed port, never holds up the API request
//! that caused the notification, and the failure log names no URL or password.

mod common;

use base64::Engine;
use common::requests::new_request;
use common::scenarios::setup_org;
use common::{call, Backend, Server};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One mail as the sink saw it.
#[derive(Debug, Clone, Default)]
struct Mail {
    auth: Option<String>,
    from: String,
    rcpt: Vec<String>,
    data: String,
}

impl Mail {
    /// A header's value, folded lines joined.
    fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?.replace("\r\n ", " ");
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

struct Sink {
    port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl Sink {
    async fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = mails.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, kept.clone()));
            }
        });
        Sink { port, mails }
    }

    fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

/// One SMTP conversation; a finished DATA stores the mail.
async fn session(socket: tokio::net::TcpStream, mails: Arc<Mutex<Vec<Mail>>>) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut mail = Mail::default();
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("HELO") {
            b"250 sink\r\n"
        } else if upper.starts_with("AUTH PLAIN ") {
            mail.auth = Some(line[11..].trim().to_string());
            b"235 2.7.0 accepted\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            mail.from = line[10..].trim().to_string();
            b"250 ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            mail.rcpt.push(line[8..].trim().to_string());
            b"250 ok\r\n"
        } else if upper == "DATA" {
            let _ = write.write_all(b"354 go on\r\n").await;
            let mut data = String::new();
            while let Ok(Some(l)) = lines.next_line().await {
                if l == "." {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                data.push_str("\r\n");
            }
            mail.data = data;
            mails.lock().unwrap().push(std::mem::take(&mut mail));
            b"250 queued\r\n"
        } else if upper == "QUIT" {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else if upper == "RSET" || upper == "NOOP" {
            b"250 ok\r\n"
        } else {
            b"500 unknown\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

async fn wait_for(what: &str, mut check: impl FnMut() -> bool, log: impl Fn() -> String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}:\n{}",
            log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_created_sends_one_mail() {
    let sink = Sink::start().await;
    let backend = Backend::sqlite();
    let url = format!("smtp://notifier:S3cret-Pw-4417@127.0.0.1:{}", sink.port);
    let server = Server::start(
        &backend,
        &[
            "--smtp",
            &url,
            "--smtp-from",
            "TerraOrbis <orbis@example.test>",
            "--notify-email",
            "platform@example.test",
        ],
    )
    .await;
    let org = setup_org(&backend, &server, "acme").await;
    let requests = format!("{}/v1/workspaces/{}/requests", server.base, org.workspace);
    let (s, body) = call(
        "POST",
        &requests,
        Some(org.token("operator")),
        Some(new_request("r1")),
    )
    .await;
    assert_eq!(s, 200, "{body}");

    wait_for(
        "the mail",
        || !sink.mails().is_empty(),
        || server.log_text(),
    )
    .await;
    // Nothing else happened, so nothing else arrives.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(mail.rcpt, ["<platform@example.test>"]);
    assert_eq!(mail.from, "<orbis@example.test>");
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("[TerraOrbis] operator-user requests aws/s3-bucket for prod")
    );
    assert_eq!(
        mail.header("To").as_deref(),
        Some("platform@example.test"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("Request: r1"), "{}", mail.data);
    assert!(
        mail.data.contains("Event: request.requested"),
        "{}",
        mail.data
    );
    // The account from the URL was used (AUTH PLAIN: \0user\0password).
    let auth = base64::engine::general_purpose::STANDARD
        .decode(mail.auth.as_deref().expect("authenticated"))
        .unwrap();
    assert_eq!(auth, b"\0notifier\0S3cret-Pw-4417");
    // Request variables never leave the server by mail.
    assert!(!mail.data.contains("VARIABLE-VALUE-7731"));
    assert!(!server.log_text().contains("S3cret-Pw-4417"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_or_silent_relay_never_blocks_requests() {
    // A relay that accepts connections and never says a word (kept open by the test).
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = held.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = silent.accept().await {
            keep.lock().unwrap().push(socket);
        }
    });
    // A closed port: refused at once.
    let closed_port = common::free_port();
    for (port, name) in [(silent_port, "silent"), (closed_port, "closed")] {
        let backend = Backend::sqlite();
        let url = format!("smtp://notifier:S3cret-Pw-4417@127.0.0.1:{port}");
        let server = Server::start(
            &backend,
            &[
                "--smtp",
                &url,
                "--smtp-from",
                "orbis@example.test",
                "--notify-email",
                "platform@example.test,ops@example.test",
            ],
        )
        .await;
        let org = setup_org(&backend, &server, "acme").await;
        let requests = format!("{}/v1/workspaces/{}/requests", server.base, org.workspace);
        for i in 0..3 {
            let (s, body) = call(
                "POST",
                &requests,
                Some(org.token("operator")),
                Some(new_request(&format!("r{i}"))),
            )
            .await;
            assert_eq!(s, 200, "{name} relay: {body}");
        }
        if name == "closed" {
            wait_for(
                "the failure log line",
                || {
                    server
                        .log_text()
                        .contains("e-mail: request.requested not sent: relay unreachable")
                },
                || server.log_text(),
            )
            .await;
        } else {
            wait_for(
                "the server to connect to the silent relay",
                || !held.lock().unwrap().is_empty(),
                || server.log_text(),
            )
            .await;
        }
        let log = server.log_text();
        assert!(!log.contains("S3cret-Pw-4417"), "{log}");
        assert!(!log.contains(&url), "{log}");
    }
}

#[test]
fn bad_mail_arguments_stop_the_start() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(common::server_binary())
            .args(["--listen", "127.0.0.1:1", "--data"])
            .arg(data.path().join("never"))
            .args(args)
            .env_remove("ORBIS_SMTP_URL")
            .env_remove("ORBIS_NOTIFY_EMAILS")
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let err = run(&["--smtp", "smtp://u:pw-9931@127.0.0.1:25"]);
    assert!(err.contains("--notify-email"), "{err}");
    assert!(!err.contains("pw-9931"), "{err}");
    let err = run(&["--notify-email", "a@example.test"]);
    assert!(err.contains("needs --smtp"), "{err}");
    let err = run(&[
        "--smtp",
        "http://u:pw-9931@127.0.0.1:25",
        "--smtp-from",
        "o@example.test",
        "--notify-email",
        "a@example.test",
    ]);
    assert!(err.contains("smtps://"), "{err}");
    assert!(!err.contains("pw-9931"), "{err}");
    let err = run(&[
        "--smtp",
        "smtp://127.0.0.1:25",
        "--smtp-from",
        "o@example.test",
        "--notify-email",
        "not an address",
    ]);
    assert!(err.contains("--notify-email 1"), "{err}");
    assert!(!data.path().join("never").exists(), "nothing created");
}
