//! Self-service requests and webhook notifications against the real binary (run for both
//! databases by sqlite.rs and postgres.rs): the request lifecycle with its role rules
//! (operator+ requests, an approver who is not the requester decides, operator+ reports the
//! plan and apply, `applied` only with an approval of the plan hash), tenancy, the feed and
//! audit entries, and the Slack and Teams payloads posted to loopback receivers (one of
//! which fails at first, so retries are exercised).

use super::scenarios::{create_org, login, setup_org, PASSWORD};
use super::{assert_error, call, Backend, Server};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A loopback HTTP receiver: keeps every POSTed JSON body; answers 503 to the first
/// `fail_first` requests, 200 after.
pub struct Receiver {
    pub url: String,
    pub bodies: Arc<Mutex<Vec<Value>>>,
    pub attempts: Arc<Mutex<usize>>,
}

impl Receiver {
    pub async fn start(fail_first: usize) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let attempts = Arc::new(Mutex::new(0usize));
        let (b, a) = (bodies.clone(), attempts.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (b, a) = (b.clone(), a.clone());
                tokio::spawn(async move {
                    let Some(body) = read_request(&mut socket).await else {
                        return;
                    };
                    let n = {
                        let mut a = a.lock().unwrap();
                        *a += 1;
                        *a
                    };
                    let status = if n <= fail_first {
                        "503 Service Unavailable"
                    } else {
                        b.lock().unwrap().push(body);
                        "200 OK"
                    };
                    let reply = format!(
                        "HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok"
                    );
                    let _ = socket.write_all(reply.as_bytes()).await;
                });
            }
        });
        Receiver {
            url,
            bodies,
            attempts,
        }
    }

    pub fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `check` holds for the received bodies.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&[Value]) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !check(&self.bodies()) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; got {:#?}",
                self.bodies()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Reads one HTTP/1.1 request with a content-length body; the body as JSON.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Value> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if buf.len() >= end + 4 + length {
            return serde_json::from_slice(&buf[end + 4..end + 4 + length]).ok();
        }
    }
}

fn sha(n: u8) -> String {
    format!("{:02x}", n).repeat(32)
}

pub fn new_request(id: &str) -> Value {
    json!({
        "id": id,
        "module": "aws/s3-bucket",
        "module_version": "1.2.0",
        "environment": "prod",
        "variables": {"name": "team-artifacts", "versioning": true, "marker": "VARIABLE-VALUE-7731"},
        "reason": "artifacts of the build pipeline",
    })
}

/// The whole lifecycle, its role and state rules, tenancy, feed, audit and webhooks.
pub async fn self_service_requests(backend: &Backend) {
    let slack = Receiver::start(1).await;
    let teams = Receiver::start(0).await;
    let slack_arg = format!("slack={}", slack.url);
    let teams_arg = format!("teams={}", teams.url);
    let server = Server::start(backend, &["--webhook", &slack_arg, "--webhook", &teams_arg]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let ws = &org.workspace;
    let requests = format!("{b}/v1/workspaces/{ws}/requests");

    // Who may request: operator and above, not a viewer.
    assert_error(
        &call(
            "POST",
            &requests,
            Some(org.token("viewer")),
            Some(new_request("r-viewer")),
        )
        .await,
        403,
        "role.insufficient",
    );
    let (s, created) = call(
        "POST",
        &requests,
        Some(org.token("operator")),
        Some(new_request("r1")),
    )
    .await;
    assert_eq!(s, 200, "{created}");
    assert_eq!(created["status"], "requested");
    assert_eq!(created["requester_id"], org.user_id("operator"));
    assert_eq!(created["requester_name"], "operator-user");
    assert_eq!(created["variables"]["name"], "team-artifacts");
    // A retry answers the stored request; another body under the same id is refused.
    let (s, again) = call(
        "POST",
        &requests,
        Some(org.token("operator")),
        Some(new_request("r1")),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(again, created);
    let mut other = new_request("r1");
    other["environment"] = json!("dev");
    assert_error(
        &call("POST", &requests, Some(org.token("operator")), Some(other)).await,
        409,
        "request.id_conflict",
    );
    // Bad input says what is wrong.
    let mut bad = new_request("r-bad");
    bad["module"] = json!("../../etc");
    assert_error(
        &call("POST", &requests, Some(org.token("operator")), Some(bad)).await,
        400,
        "request.invalid",
    );
    let mut bad = new_request("r-bad");
    bad["variables"] = json!(["not", "an", "object"]);
    assert_error(
        &call("POST", &requests, Some(org.token("operator")), Some(bad)).await,
        400,
        "request.invalid",
    );

    // Everyone on the workspace sees it (viewer included).
    let (s, list) = call("GET", &requests, Some(org.token("viewer")), None).await;
    assert_eq!(s, 200);
    assert_eq!(list["requests"].as_array().unwrap().len(), 1);
    let r1 = format!("{requests}/r1");
    let decide = |token: &str, decision: &str, comment: &str| {
        let (url, token) = (format!("{r1}/decision"), token.to_string());
        let body = json!({"decision": decision, "comment": comment});
        async move { call("POST", &url, Some(&token), Some(body)).await }
    };
    // Deciding needs the approver role, and not on one's own request.
    assert_error(
        &decide(org.token("operator"), "approve", "").await,
        403,
        "role.insufficient",
    );
    let (s, own) = call(
        "POST",
        &requests,
        Some(org.token("approver")),
        Some(new_request("r-own")),
    )
    .await;
    assert_eq!(s, 200, "{own}");
    assert_error(
        &call(
            "POST",
            &format!("{requests}/r-own/decision"),
            Some(org.token("approver")),
            Some(json!({"decision": "approve"})),
        )
        .await,
        403,
        "request.own_request",
    );
    // Another approver (the workspace admin) may; a rejection is final.
    let (s, rejected) = call(
        "POST",
        &format!("{requests}/r-own/decision"),
        Some(org.token("admin")),
        Some(json!({"decision": "reject", "comment": "use the shared bucket"})),
    )
    .await;
    assert_eq!(s, 200, "{rejected}");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["decision_comment"], "use the shared bucket");
    assert_error(
        &call(
            "POST",
            &format!("{requests}/r-own/progress"),
            Some(org.token("operator")),
            Some(json!({"status": "planned", "plan_sha256": sha(1)})),
        )
        .await,
        409,
        "request.wrong_state",
    );

    // Progress before a decision is refused.
    let progress = |token: &str, body: Value| {
        let (url, token) = (format!("{r1}/progress"), token.to_string());
        async move { call("POST", &url, Some(&token), Some(body)).await }
    };
    assert_error(
        &progress(
            org.token("operator"),
            json!({"status": "planned", "plan_sha256": sha(3)}),
        )
        .await,
        409,
        "request.wrong_state",
    );
    let (s, approved) = decide(org.token("approver"), "approve", "fine, tag it").await;
    assert_eq!(s, 200, "{approved}");
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["decided_by"], org.user_id("approver"));
    assert_eq!(approved["decided_by_name"], "approver-user");
    // The same decision again is a retry; the opposite one is refused.
    assert_eq!(
        decide(org.token("approver"), "approve", "fine, tag it")
            .await
            .1,
        approved
    );
    assert_error(
        &decide(org.token("admin"), "reject", "").await,
        409,
        "request.wrong_state",
    );

    // The operator's app reports the plan: a viewer may not, a plan needs its hash.
    assert_error(
        &progress(
            org.token("viewer"),
            json!({"status": "planned", "plan_sha256": sha(3)}),
        )
        .await,
        403,
        "role.insufficient",
    );
    assert_error(
        &progress(org.token("operator"), json!({"status": "planned"})).await,
        400,
        "request.invalid",
    );
    assert_error(
        &progress(org.token("operator"), json!({"status": "approved"})).await,
        400,
        "request.invalid",
    );
    assert_error(
        &progress(
            org.token("operator"),
            json!({"status": "applied", "run_id": "dev-run-9"}),
        )
        .await,
        409,
        "request.wrong_state",
    );
    let (s, planned) = progress(
        org.token("operator"),
        json!({"status": "planned", "plan_sha256": sha(3), "run_id": "dev-run-8"}),
    )
    .await;
    assert_eq!(s, 200, "{planned}");
    assert_eq!(planned["status"], "planned");
    assert_eq!(planned["plan_sha256"], sha(3));
    // Applied needs an approval of that plan for the request's environment: one for another
    // environment does not count.
    let push = |token: &str, items: Value| {
        let (url, token) = (format!("{b}/v1/workspaces/{ws}/records"), token.to_string());
        async move { call("POST", &url, Some(&token), Some(json!({"items": items}))).await }
    };
    let (s, _) = push(
        org.token("approver"),
        json!([{"kind": "approval", "id": "ap-dev", "body":
            {"plan_sha256": sha(3), "environment": "dev", "decision": "approved"}}]),
    )
    .await;
    assert_eq!(s, 200);
    assert_error(
        &progress(
            org.token("operator"),
            json!({"status": "applied", "run_id": "dev-run-9"}),
        )
        .await,
        409,
        "approval.plan_mismatch",
    );
    let (s, _) = push(
        org.token("approver"),
        json!([{"kind": "approval", "id": "ap-prod", "body":
            {"plan_sha256": sha(3), "environment": "prod", "decision": "approved", "run_id": "dev-run-8"}}]),
    )
    .await;
    assert_eq!(s, 200);
    // An apply of another (even approved) plan than the request's is refused.
    let (s, _) = push(
        org.token("approver"),
        json!([{"kind": "approval", "id": "ap-other", "body":
            {"plan_sha256": sha(4), "environment": "prod", "decision": "approved"}}]),
    )
    .await;
    assert_eq!(s, 200);
    assert_error(
        &progress(
            org.token("operator"),
            json!({"status": "applied", "plan_sha256": sha(4)}),
        )
        .await,
        409,
        "approval.plan_mismatch",
    );
    let (s, applied) = progress(
        org.token("operator"),
        json!({"status": "applied", "run_id": "dev-run-9"}),
    )
    .await;
    assert_eq!(s, 200, "{applied}");
    assert_eq!(applied["status"], "applied");
    assert_eq!(applied["run_id"], "dev-run-9");
    let steps: Vec<&str> = applied["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["requested", "approved", "planned", "applied"]);
    // The same report again is a retry; nothing follows `applied`.
    assert_eq!(
        progress(
            org.token("operator"),
            json!({"status": "applied", "run_id": "dev-run-9"})
        )
        .await
        .1,
        applied
    );
    assert_error(
        &progress(org.token("operator"), json!({"status": "failed"})).await,
        409,
        "request.wrong_state",
    );
    let (s, filtered) = call(
        "GET",
        &format!("{requests}?status=applied"),
        Some(org.token("viewer")),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(filtered["requests"].as_array().unwrap().len(), 1);
    assert_eq!(filtered["requests"][0]["id"], "r1");

    // Requests are not pushed as records.
    let (s, pushed) = push(
        org.token("operator"),
        json!([{"kind": "request", "id": "r9", "body": new_request("r9")}]),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(pushed["results"][0]["outcome"], "rejected");

    // The feed carries each step, the last entry of r1 its final state.
    let (s, page) = call(
        "GET",
        &format!("{b}/v1/workspaces/{ws}/changes?limit=1000"),
        Some(org.token("viewer")),
        None,
    )
    .await;
    assert_eq!(s, 200);
    let r1_changes: Vec<&Value> = page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["record"]["kind"] == "request" && c["record"]["id"] == "r1")
        .collect();
    assert_eq!(r1_changes.len(), 4, "one feed entry per step");
    assert_eq!(r1_changes[3]["record"]["body"]["status"], "applied");

    // Another organization sees none of it.
    create_org(backend, "globex");
    let (s, other_admin) = login(&server, "globex", "root", PASSWORD).await;
    assert_eq!(s, 200);
    let intruder = other_admin["token"].as_str().unwrap();
    for (method, url, body) in [
        ("GET", requests.clone(), None),
        ("POST", requests.clone(), Some(new_request("r-x"))),
        ("GET", r1.clone(), None),
        (
            "POST",
            format!("{r1}/decision"),
            Some(json!({"decision": "reject"})),
        ),
        (
            "POST",
            format!("{r1}/progress"),
            Some(json!({"status": "failed"})),
        ),
    ] {
        assert_error(
            &call(method, &url, Some(intruder), body).await,
            404,
            "workspace.not_found",
        );
    }
    assert_error(
        &call(
            "GET",
            &format!("{requests}/no-such"),
            Some(org.token("viewer")),
            None,
        )
        .await,
        404,
        "request.not_found",
    );

    // Every step is in the audit chain, without the variables.
    let (s, audit) = call(
        "GET",
        &format!("{b}/v1/audit?limit=1000"),
        Some(&org.admin),
        None,
    )
    .await;
    assert_eq!(s, 200);
    let actions: Vec<(String, String)> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["target"] == format!("{ws}/r1"))
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["actor"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            (
                "request.create".to_string(),
                org.user_id("operator").to_string()
            ),
            (
                "request.approve".to_string(),
                org.user_id("approver").to_string()
            ),
            (
                "request.planned".to_string(),
                org.user_id("operator").to_string()
            ),
            (
                "request.applied".to_string(),
                org.user_id("operator").to_string()
            ),
        ]
    );
    assert!(!audit.to_string().contains("VARIABLE-VALUE-7731"));

    // Webhooks: both shapes, every step (the Slack receiver failed once: retried).
    let events = [
        "request.requested",
        "request.approved",
        "request.rejected",
        "request.planned",
        "request.applied",
        "approval.approved",
    ];
    teams
        .wait_for("every event on the Teams webhook", |bodies| {
            events.iter().all(|e| {
                bodies
                    .iter()
                    .any(|b| b["sections"][0]["activityTitle"] == *e)
            })
        })
        .await;
    slack
        .wait_for("every event on the Slack webhook", |bodies| {
            let texts: Vec<String> = bodies
                .iter()
                .map(|b| {
                    b["blocks"][0]["text"]["text"]
                        .as_str()
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            ["requested", "approved", "rejected", "planned", "applied"]
                .iter()
                .all(|s| texts.iter().any(|t| t.contains(&format!("Status: {s}"))))
        })
        .await;
    assert!(
        *slack.attempts.lock().unwrap() > slack.bodies().len(),
        "the failed delivery was retried"
    );
    for body in teams.bodies() {
        assert_eq!(body["@type"], "MessageCard");
        assert_eq!(body["@context"], "https://schema.org/extensions");
        assert!(
            body["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{body}"
        );
        assert!(
            body["sections"][0]["facts"]
                .as_array()
                .is_some_and(|f| !f.is_empty()),
            "{body}"
        );
    }
    let requested = teams
        .bodies()
        .into_iter()
        .find(|b| b["sections"][0]["activityTitle"] == "request.requested")
        .unwrap();
    assert_eq!(
        requested["title"],
        "operator-user requests aws/s3-bucket for prod"
    );
    for body in slack.bodies() {
        assert!(
            body["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{body}"
        );
        assert_eq!(body["blocks"][0]["type"], "section");
        assert_eq!(body["blocks"][0]["text"]["type"], "mrkdwn");
    }
    let all = format!("{:?}{:?}", slack.bodies(), teams.bodies());
    assert!(
        !all.contains("VARIABLE-VALUE-7731"),
        "no variable values in notifications"
    );
    for (_, _, token) in &org.users {
        assert!(!all.contains(token.as_str()), "no token in notifications");
    }
    // The log names webhooks by number, never by URL.
    assert!(!server.log_text().contains(&slack.url));
    drop(server);
    let verify = backend.cli(&["audit", "verify"], &[]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

/// A webhook that never answers well is retried a bounded number of times and never delays
/// or fails the API request that caused it.
pub async fn dead_webhook_never_blocks_requests(backend: &Backend) {
    let dead = Receiver::start(usize::MAX).await;
    let arg = format!("teams={}", dead.url);
    let server = Server::start(backend, &["--webhook", &arg]).await;
    let org = setup_org(backend, &server, "acme").await;
    let requests = format!("{}/v1/workspaces/{}/requests", server.base, org.workspace);
    for i in 0..5 {
        let (s, body) = call(
            "POST",
            &requests,
            Some(org.token("operator")),
            Some(new_request(&format!("r{i}"))),
        )
        .await;
        assert_eq!(s, 200, "{body}");
    }
    // Five attempts per notification, then a log line; nothing delivered.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server
        .log_text()
        .contains("not delivered after 5 attempt(s): HTTP 503")
    {
        assert!(Instant::now() < deadline, "log: {}", server.log_text());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(dead.bodies().is_empty());
    assert!(!server.log_text().contains(&dead.url));
    // Bad webhook arguments stop the server at start with a clear message.
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(super::server_binary())
        .args([
            "--listen",
            "127.0.0.1:1",
            "--webhook",
            "ftp://nope",
            "--data",
        ])
        .arg(data.path().join("never"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--webhook 1"));
    assert!(!data.path().join("never").exists(), "nothing created");
}
