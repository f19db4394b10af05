//! Container logs through kube-rs against the loopback replay server: the whole log, a followed
//! log that receives new lines as they are written, the log of one container by name, and a
//! container that does not exist (the server's 404 in plain words). The log text is written
//! by the test (the corpus records no logs); the HTTP exchange is the API server's.

mod support;

use orbis_clusters::logs::{stream_logs, LogRequest};
use orbis_clusters::{ErrorCode, Kubeconfigs};
use support::replay::{ReplayServer, Script};

const POD: &str = "web-crashloop-7d9c8b-abcde";

async fn connect(
    server: &ReplayServer,
    dir: &std::path::Path,
) -> orbis_clusters::connect::Connection {
    let kcs = Kubeconfigs::load(&[server.kubeconfig(dir, "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

fn request(container: &str, follow: bool) -> LogRequest {
    LogRequest {
        namespace: "default".into(),
        pod: POD.into(),
        container: Some(container.into()),
        follow,
        ..Default::default()
    }
}

#[tokio::test]
async fn reads_a_log_and_follows_new_lines() {
    let (live, rx) = tokio::sync::mpsc::unbounded_channel();
    let server = ReplayServer::start(
        Script::corpus()
            .log(
                "default",
                POD,
                "web",
                "starting\nlistening on :8080\n",
                Some(rx),
            )
            .log("default", POD, "sidecar", "sidecar up\n", None),
    );
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;

    let mut lines = Vec::new();
    stream_logs(&conn, &request("web", false), |l| {
        lines.push(l);
        true
    })
    .await
    .unwrap();
    assert_eq!(lines, ["starting", "listening on :8080"]);

    let mut other = Vec::new();
    stream_logs(&conn, &request("sidecar", false), |l| {
        other.push(l);
        true
    })
    .await
    .unwrap();
    assert_eq!(other, ["sidecar up"]);

    // Followed: the lines so far, then each new one as it is written, until the stream ends.
    live.send(b"panic: out of memory\n".to_vec()).unwrap();
    live.send(b"caf\xc3\xa9 \xff\n".to_vec()).unwrap();
    drop(live);
    let mut followed = Vec::new();
    stream_logs(&conn, &request("web", true), |l| {
        followed.push(l);
        true
    })
    .await
    .unwrap();
    assert_eq!(
        followed[..3],
        ["starting", "listening on :8080", "panic: out of memory"]
    );
    assert_eq!(
        followed[3], "café \u{fffd}",
        "invalid UTF-8 does not end the log"
    );
    assert_eq!(followed.len(), 4);
    let log = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path.ends_with("/log"))
        .unwrap();
    assert!(
        log.query.contains("follow=true") && log.query.contains("container=web"),
        "{log:?}"
    );
}

#[tokio::test]
async fn a_missing_container_is_an_error_in_plain_words() {
    let server = ReplayServer::start(Script::corpus());
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&server, dir.path()).await;
    let err = stream_logs(&conn, &request("nope", false), |_| true)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Api, "{err:?}");
}
