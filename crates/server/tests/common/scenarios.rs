//! The behaviour tests, written once and run against both databases (sqlite.rs,
//! postgres.rs). Each starts the real binary on loopback.

use super::{assert_error, call, Backend, Server};
use orbis_server::api::sync::{Outcome, PushItem};
use orbis_server::client::{ClientError, Outbox, Replica, SyncClient};
use orbis_server::records::RecordKind;
use serde_json::{json, Value};
use std::collections::HashSet;

pub const PASSWORD: &str = "correct horse battery";

/// An organization with a team, a workspace and one account per role, all signed in.
pub struct Org {
    pub name: String,
    pub workspace: String,
    pub team: String,
    /// role name → (user id, session token)
    pub admin: String,
    pub users: Vec<(String, String, String)>,
}

impl Org {
    pub fn token(&self, role: &str) -> &str {
        &self.users.iter().find(|u| u.0 == role).expect("role").2
    }
    pub fn user_id(&self, role: &str) -> &str {
        &self.users.iter().find(|u| u.0 == role).expect("role").1
    }
}

pub fn create_org(backend: &Backend, name: &str) {
    let out = backend.cli(
        &["org", "create", "--name", name, "--admin", "root"],
        &[("ORBIS_ADMIN_PASSWORD", PASSWORD)],
    );
    assert!(
        out.status.success(),
        "org create: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub async fn login(server: &Server, org: &str, user: &str, password: &str) -> (u16, Value) {
    call(
        "POST",
        &format!("{}/v1/sessions", server.base),
        None,
        Some(json!({"org": org, "username": user, "password": password})),
    )
    .await
}

/// Creates the org (through the CLI), a team, a workspace and viewer/operator/approver/admin
/// accounts with grants, all signed in.
pub async fn setup_org(backend: &Backend, server: &Server, name: &str) -> Org {
    create_org(backend, name);
    let (s, body) = login(server, name, "root", PASSWORD).await;
    assert_eq!(s, 200, "{body}");
    let admin = body["token"].as_str().unwrap().to_string();
    let b = &server.base;
    let (s, team) = call(
        "POST",
        &format!("{b}/v1/teams"),
        Some(&admin),
        Some(json!({"name": "platform"})),
    )
    .await;
    assert_eq!(s, 200, "{team}");
    let team = team["id"].as_str().unwrap().to_string();
    let (s, ws) = call(
        "POST",
        &format!("{b}/v1/workspaces"),
        Some(&admin),
        Some(json!({"team_id": team, "name": "prod-network", "metadata": {"repo": "git@example:infra"}})),
    )
    .await;
    assert_eq!(s, 200, "{ws}");
    let workspace = ws["id"].as_str().unwrap().to_string();
    let mut users = Vec::new();
    for role in ["viewer", "operator", "approver", "admin"] {
        let (s, u) = call(
            "POST",
            &format!("{b}/v1/users"),
            Some(&admin),
            Some(json!({"username": format!("{role}-user"), "password": PASSWORD})),
        )
        .await;
        assert_eq!(s, 200, "{u}");
        let id = u["id"].as_str().unwrap().to_string();
        let (s, g) = call(
            "PUT",
            &format!("{b}/v1/workspaces/{workspace}/members/{id}"),
            Some(&admin),
            Some(json!({"role": role})),
        )
        .await;
        assert_eq!(s, 204, "{g}");
        let (s, t) = login(server, name, &format!("{role}-user"), PASSWORD).await;
        assert_eq!(s, 200, "{t}");
        users.push((
            role.to_string(),
            id,
            t["token"].as_str().unwrap().to_string(),
        ));
    }
    Org {
        name: name.into(),
        workspace,
        team,
        admin,
        users,
    }
}

fn sha(n: u8) -> String {
    format!("{:02x}", n).repeat(32)
}

fn run(id: &str, command: &str, status: &str, plan: Option<String>, env: Option<&str>) -> PushItem {
    PushItem {
        kind: RecordKind::Run,
        id: id.into(),
        body: json!({"command": command, "status": status, "started_at": 1_700_000_000_000i64,
                     "plan_sha256": plan, "environment": env, "identity": "aws:prod-admin",
                     "log": "Plan: 1 to add\n(sensitive value)", "plan_summary": {"add": 1, "change": 0, "remove": 0, "import": 0}}),
    }
}

fn comment(id: &str, text: &str) -> PushItem {
    PushItem {
        kind: RecordKind::Comment,
        id: id.into(),
        body: json!({"text": text, "address": "aws_vpc.main"}),
    }
}

fn approval(id: &str, plan: &str, env: &str) -> PushItem {
    PushItem {
        kind: RecordKind::Approval,
        id: id.into(),
        body: json!({"plan_sha256": plan, "environment": env, "decision": "approved"}),
    }
}

fn outcomes(
    results: &[orbis_server::api::sync::PushResult],
) -> Vec<(String, Outcome, Option<String>)> {
    results
        .iter()
        .map(|r| (r.id.clone(), r.outcome, r.code.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------

/// healthz, openapi, and clear errors for bad input (never a panic, never a non-JSON error).
pub async fn health_openapi_and_bad_input(backend: &Backend) {
    let server = Server::start(backend, &["--max-body-bytes", "65536"]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let (s, h) = call("GET", &format!("{b}/healthz"), None, None).await;
    assert_eq!(s, 200);
    assert_eq!(
        h["database"],
        if backend.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        }
    );
    assert_eq!(h["schema_version"], orbis_server::db::SCHEMA_VERSION);
    let (s, api) = call("GET", &format!("{b}/openapi.json"), None, None).await;
    assert_eq!(s, 200);
    assert!(api["paths"]["/v1/workspaces/{workspace_id}/records"]["post"].is_object());

    let ws = &org.workspace;
    let op = org.token("operator");
    assert_error(
        &call("GET", &format!("{b}/v1/nothing"), None, None).await,
        404,
        "route.not_found",
    );
    assert_error(
        &call("DELETE", &format!("{b}/healthz"), None, None).await,
        405,
        "route.method_not_allowed",
    );
    assert_error(
        &call("GET", &format!("{b}/v1/me"), None, None).await,
        401,
        "auth.missing",
    );
    assert_error(
        &call("GET", &format!("{b}/v1/me"), Some("orbis_zz"), None).await,
        401,
        "auth.malformed",
    );
    let forged = format!("orbis_{}_{}", "a".repeat(32), "b".repeat(64));
    assert_error(
        &call("GET", &format!("{b}/v1/me"), Some(&forged), None).await,
        401,
        "auth.invalid",
    );
    // A real token id with a wrong secret.
    let id = &op["orbis_".len().."orbis_".len() + 32];
    let wrong = format!("orbis_{id}_{}", "0".repeat(64));
    assert_error(
        &call("GET", &format!("{b}/v1/me"), Some(&wrong), None).await,
        401,
        "auth.invalid",
    );

    // No connection reuse: after a 413 the server closes the connection without reading the
    // rest of the body, and a pooled connection could be reused before the close is seen.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let push_url = format!("{b}/v1/workspaces/{ws}/records");
    let raw = |body: Vec<u8>, ct: &'static str| {
        client
            .post(&push_url)
            .bearer_auth(op)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    for (body, ct, code, status) in [
        (
            b"{not json".to_vec(),
            "application/json",
            "request.invalid_json",
            400,
        ),
        (
            vec![0xff, 0xfe, 0x00],
            "application/json",
            "request.invalid_json",
            400,
        ),
        (
            b"{\"items\": 3}".to_vec(),
            "application/json",
            "request.invalid_json",
            400,
        ),
        (
            b"{\"items\": []}".to_vec(),
            "text/plain",
            "request.not_json",
            415,
        ),
        (
            format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "application/json",
            "request.too_large",
            413,
        ),
        (
            format!(
                "{{\"items\":[{}]}}",
                "{\"kind\":\"comment\",\"id\":\"x\",\"body\":{\"text\":\"y\"}},".repeat(3000)
            )
            .into_bytes(),
            "application/json",
            "request.too_large",
            413,
        ),
    ] {
        let r = raw(body, ct).await.unwrap();
        let s = r.status().as_u16();
        let v: Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap_or(Value::Null);
        assert_error(&(s, v), status, code);
    }
    // Deep nesting under the size limit: serde's recursion limit answers, no stack overflow.
    let deep = format!(
        "{{\"items\":[{{\"kind\":\"comment\",\"id\":\"d\",\"body\":{}1{}}}]}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let r = raw(deep.into_bytes(), "application/json").await.unwrap();
    assert!(r.status().is_client_error());

    // Item-level validation: each bad item is rejected with a code, good ones land.
    let (s, res) = call("POST", &push_url, Some(op), Some(json!({"items": [
        {"kind": "run", "id": "bad id with spaces", "body": {}},
        {"kind": "run", "id": "r-unknown-field", "body": {"command": "plan", "status": "running", "started_at": 1, "password": "x"}},
        {"kind": "run", "id": "r-bad-cmd", "body": {"command": "rm -rf", "status": "running", "started_at": 1}},
        {"kind": "comment", "id": "c-empty", "body": {"text": ""}},
        {"kind": "comment", "id": "c-ok", "body": {"text": "fine"}},
    ]}))).await;
    assert_eq!(s, 200, "{res}");
    let codes: Vec<&str> = res["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap_or(r["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            "record.invalid_id",
            "record.invalid",
            "record.invalid",
            "record.invalid",
            "created"
        ]
    );
    let (s, _) = call(
        "POST",
        &push_url,
        Some(op),
        Some(json!({"items": vec![json!({"kind":"comment","id":"x","body":{"text":"y"}}); 501]})),
    )
    .await;
    assert_eq!(s, 413);

    // Unknown ids and odd query strings.
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/nope/changes"),
            Some(op),
            None,
        )
        .await,
        404,
        "workspace.not_found",
    );
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/{ws}/records/nope"),
            Some(op),
            None,
        )
        .await,
        404,
        "record.not_found",
    );
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/{ws}/changes?after=abc"),
            Some(op),
            None,
        )
        .await,
        400,
        "request.invalid_query",
    );
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/%FF%FE/changes"),
            Some(op),
            None,
        )
        .await,
        400,
        "request.invalid_path",
    );
    let (s, page) = call(
        "GET",
        &format!("{b}/v1/workspaces/{ws}/changes?after=-5&limit=999999"),
        Some(op),
        None,
    )
    .await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(page["changes"].as_array().unwrap().len(), 1);

    let (s, _) = call("GET", &format!("{b}/healthz"), None, None).await;
    assert_eq!(s, 200, "still healthy after bad input");
    assert!(
        !server.log_text().contains("panicked"),
        "{}",
        server.log_text()
    );
}

/// Two desktop clients exchange runs, approvals and comments; one goes offline, queues, and
/// comes back: nothing lost, nothing duplicated. With PostgreSQL the clients talk to two
/// different instances over the same database.
pub async fn two_clients_sync_through_outage(backend: &Backend) {
    let mut server_a = Server::start(backend, &["--poll-interval-ms", "100"]).await;
    let org = setup_org(backend, &server_a, "acme").await;
    let second;
    let server_b: &Server = if backend.is_postgres() {
        second = Server::start(backend, &["--poll-interval-ms", "100"]).await;
        &second
    } else {
        &server_a
    };
    let ws = org.workspace.clone();
    let alice = SyncClient::new(&server_a.base, org.token("operator"));
    let bob = SyncClient::new(&server_b.base, org.token("approver"));

    // Bob listens for live updates (SSE) on his instance.
    let sse_url = format!("{}/v1/workspaces/{ws}/events", server_b.base);
    let mut sse = reqwest::Client::new()
        .get(&sse_url)
        .bearer_auth(org.token("approver"))
        .send()
        .await
        .unwrap();
    assert_eq!(sse.status(), 200);
    assert!(sse.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));

    // Alice plans and comments.
    let plan = sha(7);
    let mut outbox = Outbox::default();
    outbox.enqueue(&ws, run("run-1", "plan", "running", None, Some("prod")));
    outbox.enqueue(
        &ws,
        comment("c-1", "this replaces the NAT gateway, on purpose?"),
    );
    let report = outbox.flush(&alice, 100).await.unwrap();
    assert_eq!((report.created, outbox.queued.len()), (2, 0));

    // Bob sees it live, then through the feed.
    let mut seen = String::new();
    while !seen.contains("c-1") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(20), sse.chunk())
            .await
            .expect("an event within 20 s")
            .unwrap()
            .expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        seen.contains("event: run") && seen.contains("run-1"),
        "{seen}"
    );
    let mut bob_replica = Replica::default();
    assert_eq!(bob_replica.catch_up(&bob, &ws).await.unwrap(), 2);

    // Alice's plan finishes (the mutable record: running → succeeded).
    let done = run(
        "run-1",
        "plan",
        "succeeded",
        Some(plan.clone()),
        Some("prod"),
    );
    let r = alice.push(&ws, vec![done.clone()]).await.unwrap();
    assert_eq!(outcomes(&r), [("run-1".into(), Outcome::Updated, None)]);

    // Apply without approval is refused; Bob approves the exact plan; a different plan's
    // apply is still refused.
    let apply = run(
        "apply-1",
        "apply",
        "running",
        Some(plan.clone()),
        Some("prod"),
    );
    let r = alice.push(&ws, vec![apply.clone()]).await.unwrap();
    assert_eq!(r[0].code.as_deref(), Some("approval.plan_mismatch"));
    let check_url = format!("{}/v1/workspaces/{ws}/apply-check", server_a.base);
    assert_error(
        &call(
            "POST",
            &check_url,
            Some(org.token("operator")),
            Some(json!({"plan_sha256": plan, "environment": "prod"})),
        )
        .await,
        409,
        "approval.plan_mismatch",
    );
    let r = bob
        .push(
            &ws,
            vec![
                approval("appr-1", &plan, "prod"),
                comment("c-2", "approved, go"),
            ],
        )
        .await
        .unwrap();
    assert!(r.iter().all(|x| x.outcome == Outcome::Created), "{r:?}");
    let (s, ok) = call(
        "POST",
        &check_url,
        Some(org.token("operator")),
        Some(json!({"plan_sha256": plan, "environment": "prod"})),
    )
    .await;
    assert_eq!((s, ok["approval_id"].as_str()), (200, Some("appr-1")));
    let other = run("apply-2", "apply", "running", Some(sha(9)), Some("prod"));
    let wrong_env = run(
        "apply-3",
        "apply",
        "running",
        Some(plan.clone()),
        Some("staging"),
    );
    let r = alice.push(&ws, vec![other, wrong_env]).await.unwrap();
    assert!(
        r.iter()
            .all(|x| x.code.as_deref() == Some("approval.plan_mismatch")),
        "{r:?}"
    );
    let r = alice.push(&ws, vec![apply]).await.unwrap();
    assert_eq!(r[0].outcome, Outcome::Created);

    // Alice goes offline (her server is down): her records queue up.
    server_a.stop();
    let mut expected: HashSet<String> = ["run-1", "c-1", "appr-1", "c-2", "apply-1"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for i in 0..30 {
        outbox.enqueue(&ws, comment(&format!("offline-{i}"), &format!("note {i}")));
        expected.insert(format!("offline-{i}"));
    }
    outbox.enqueue(
        &ws,
        run(
            "apply-1",
            "apply",
            "succeeded",
            Some(plan.clone()),
            Some("prod"),
        ),
    );
    let err = outbox.flush(&alice, 8).await.unwrap_err();
    assert!(
        matches!(err, ClientError::Transport(_)) && err.is_retryable(),
        "{err}"
    );
    assert_eq!(
        outbox.queued.len(),
        31,
        "nothing leaves the outbox while offline"
    );

    // Meanwhile Bob keeps working (on PostgreSQL, through the other instance).
    if backend.is_postgres() {
        let r = bob
            .push(&ws, vec![comment("c-3", "while alice was away")])
            .await
            .unwrap();
        assert_eq!(r[0].outcome, Outcome::Created);
        expected.insert("c-3".into());
    }

    // Alice is back: everything lands once. A retry of the same batch (a lost answer) changes
    // nothing.
    server_a.restart().await;
    let replay = outbox.queued.clone();
    let report = outbox.flush(&alice, 8).await.unwrap();
    assert_eq!(
        (report.created, report.updated, report.rejected),
        (30, 1, 0)
    );
    assert!(outbox.queued.is_empty());
    let mut again = Outbox {
        queued: replay,
        rejected: vec![],
    };
    let report = again.flush(&alice, 8).await.unwrap();
    assert_eq!(
        (report.unchanged, report.created, report.updated),
        (31, 0, 0)
    );

    // First final status wins: a different final status for a finished run is refused.
    let r = bob
        .push(
            &ws,
            vec![run(
                "run-1",
                "plan",
                "failed",
                Some(plan.clone()),
                Some("prod"),
            )],
        )
        .await
        .unwrap();
    assert_eq!(r[0].code.as_deref(), Some("run.conflict"));
    // Append-only records cannot be rewritten.
    let r = bob.push(&ws, vec![comment("c-1", "edited")]).await.unwrap();
    assert_eq!(r[0].code.as_deref(), Some("record.immutable"));

    // Both replicas converge on exactly the same records, each once.
    let mut alice_replica = Replica::default();
    alice_replica.catch_up(&alice, &ws).await.unwrap();
    bob_replica.catch_up(&bob, &ws).await.unwrap();
    let ids: HashSet<String> = alice_replica.records.keys().cloned().collect();
    assert_eq!(ids, expected);
    assert_eq!(alice_replica.records, bob_replica.records);
    assert_eq!(alice_replica.records["apply-1"].body["status"], "succeeded");
    assert_eq!(alice_replica.records["run-1"].body["status"], "succeeded");
    assert_eq!(
        alice_replica.records["c-2"].author_id,
        org.user_id("approver")
    );
    // A reconnecting event stream resumes after its Last-Event-ID: the next event is the
    // next change, nothing before it again.
    let last = bob_replica.cursor;
    let mut resumed = reqwest::Client::new()
        .get(&sse_url)
        .bearer_auth(org.token("approver"))
        .header("last-event-id", (last - 1).to_string())
        .send()
        .await
        .unwrap();
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(20), resumed.chunk())
            .await
            .expect("an event within 20 s")
            .unwrap()
            .expect("stream open");
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    let first_id = text
        .lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().parse::<i64>().unwrap());
    assert_eq!(first_id, Some(last), "{text}");
    let count: String = backend
        .sql_text("SELECT CAST(COUNT(*) AS TEXT) FROM records")
        .await;
    assert_eq!(count, expected.len().to_string(), "no duplicate rows");
}

/// A user of org A on org B's ids: 404 on every workspace-scoped endpoint, and a token
/// scoped to one workspace sees nothing of another.
pub async fn cross_tenant_access_is_refused(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let a = setup_org(backend, &server, "org-a").await;
    let bo = setup_org(backend, &server, "org-b").await;
    let b = &server.base;
    // B has data.
    let b_client = SyncClient::new(b, bo.token("approver"));
    b_client
        .push(
            &bo.workspace,
            vec![
                comment("secret-comment", "b only"),
                approval("b-appr", &sha(3), "prod"),
            ],
        )
        .await
        .unwrap();
    let (s, tok) = call(
        "POST",
        &format!("{b}/v1/tokens"),
        Some(bo.token("operator")),
        Some(json!({"name": "ci", "role": "operator", "expires_in_days": 5})),
    )
    .await;
    assert_eq!(s, 200, "{tok}");
    let b_token_id = tok["token_id"].as_str().unwrap().to_string();

    let bw = &bo.workspace;
    let b_user = bo.user_id("viewer");
    let endpoints: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", format!("/v1/workspaces/{bw}"), None),
        (
            "PATCH",
            format!("/v1/workspaces/{bw}"),
            Some(json!({"metadata": {}, "version": 1})),
        ),
        ("GET", format!("/v1/workspaces/{bw}/changes"), None),
        (
            "GET",
            format!("/v1/workspaces/{bw}/records/secret-comment"),
            None,
        ),
        (
            "POST",
            format!("/v1/workspaces/{bw}/records"),
            Some(json!({"items": [comment("x", "y")]})),
        ),
        (
            "POST",
            format!("/v1/workspaces/{bw}/apply-check"),
            Some(json!({"plan_sha256": sha(3), "environment": "prod"})),
        ),
        ("GET", format!("/v1/workspaces/{bw}/events"), None),
        (
            "PUT",
            format!("/v1/workspaces/{bw}/members/{b_user}"),
            Some(json!({"role": "admin"})),
        ),
        (
            "DELETE",
            format!("/v1/workspaces/{bw}/members/{b_user}"),
            None,
        ),
    ];
    // Every role of A, including A's org admin.
    let mut a_tokens: Vec<&str> = a.users.iter().map(|u| u.2.as_str()).collect();
    a_tokens.push(&a.admin);
    for token in &a_tokens {
        for (method, path, body) in &endpoints {
            let got = call(method, &format!("{b}{path}"), Some(token), body.clone()).await;
            assert_error(&got, 404, "workspace.not_found");
        }
        // B's token id and B's user, from A.
        assert_error(
            &call(
                "DELETE",
                &format!("{b}/v1/tokens/{b_token_id}"),
                Some(token),
                None,
            )
            .await,
            404,
            "token.not_found",
        );
        // Listing shows only A's workspaces.
        let (_, list) = call("GET", &format!("{b}/v1/workspaces"), Some(token), None).await;
        assert!(
            list["workspaces"]
                .as_array()
                .unwrap()
                .iter()
                .all(|w| w["id"] != bw.as_str()),
            "{list}"
        );
    }
    // A token scoped to B's workspace cannot be minted from A.
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/tokens"),
            Some(&a.admin),
            Some(json!({"name": "x", "role": "viewer", "workspaces": [bw], "expires_in_days": 1})),
        )
        .await,
        404,
        "workspace.not_found",
    );
    // A's audit log shows nothing of B.
    let (s, audit) = call(
        "GET",
        &format!("{b}/v1/audit?limit=1000"),
        Some(&a.admin),
        None,
    )
    .await;
    assert_eq!(s, 200);
    let text = audit.to_string();
    assert!(
        !text.contains(bw.as_str()) && !text.contains(&b_token_id) && !text.contains("org-b"),
        "{text}"
    );
    // A's admin granting A's workspace to B's user: that user is not found in A.
    assert_error(
        &call(
            "PUT",
            &format!("{b}/v1/workspaces/{}/members/{b_user}", a.workspace),
            Some(&a.admin),
            Some(json!({"role": "viewer"})),
        )
        .await,
        404,
        "user.not_found",
    );
    // A's admin creating a workspace in B's team.
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/workspaces"),
            Some(&a.admin),
            Some(json!({"team_id": bo.team, "name": "sneaky"})),
        )
        .await,
        404,
        "team.not_found",
    );
    // The same record id in two tenants is two records: no collision, no leak.
    let a_client = SyncClient::new(b, a.token("approver"));
    let r = a_client
        .push(&a.workspace, vec![comment("secret-comment", "a's own")])
        .await
        .unwrap();
    assert_eq!(r[0].outcome, Outcome::Created);

    // A token scoped to one workspace does not reach another of the same organization.
    let (s, w2) = call(
        "POST",
        &format!("{b}/v1/workspaces"),
        Some(&a.admin),
        Some(json!({"team_id": a.team, "name": "second"})),
    )
    .await;
    assert_eq!(s, 200);
    let w2 = w2["id"].as_str().unwrap();
    let (s, scoped) = call("POST", &format!("{b}/v1/tokens"), Some(&a.admin), Some(json!({"name": "ci-w1", "role": "operator", "workspaces": [a.workspace], "expires_in_days": 1}))).await;
    assert_eq!(s, 200, "{scoped}");
    let scoped = scoped["token"].as_str().unwrap();
    let (s, _) = call(
        "GET",
        &format!("{b}/v1/workspaces/{}/changes", a.workspace),
        Some(scoped),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/{w2}/changes"),
            Some(scoped),
            None,
        )
        .await,
        404,
        "workspace.not_found",
    );
    // A member without a grant on a workspace does not see it either.
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/{w2}"),
            Some(a.token("operator")),
            None,
        )
        .await,
        404,
        "workspace.not_found",
    );
}

/// viewer < operator < approver < admin, and a token's maximum role caps the account's.
pub async fn roles_are_enforced(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let ws = &org.workspace;
    let push = |token: &str, item: PushItem| {
        let url = format!("{b}/v1/workspaces/{ws}/records");
        let token = token.to_string();
        async move { call("POST", &url, Some(&token), Some(json!({"items": [item]}))).await }
    };
    // Viewer: reads, cannot push.
    let (s, _) = call(
        "GET",
        &format!("{b}/v1/workspaces/{ws}/changes"),
        Some(org.token("viewer")),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_error(
        &push(org.token("viewer"), comment("v1", "hi")).await,
        403,
        "role.insufficient",
    );
    assert_error(
        &push(
            org.token("viewer"),
            run("v2", "plan", "running", None, None),
        )
        .await,
        403,
        "role.insufficient",
    );
    // Operator: runs and comments, not approvals.
    assert_eq!(
        push(
            org.token("operator"),
            run("o1", "plan", "running", None, None)
        )
        .await
        .0,
        200
    );
    assert_eq!(
        push(org.token("operator"), comment("o2", "hi")).await.0,
        200
    );
    assert_error(
        &push(org.token("operator"), approval("o3", &sha(1), "prod")).await,
        403,
        "role.insufficient",
    );
    // Approver: approvals.
    assert_eq!(
        push(org.token("approver"), approval("a1", &sha(1), "prod"))
            .await
            .0,
        200
    );
    // Members: only a workspace admin grants roles.
    let viewer_id = org.user_id("viewer");
    for role in ["viewer", "operator", "approver"] {
        assert_error(
            &call(
                "PUT",
                &format!("{b}/v1/workspaces/{ws}/members/{viewer_id}"),
                Some(org.token(role)),
                Some(json!({"role": "admin"})),
            )
            .await,
            403,
            "role.insufficient",
        );
    }
    let (s, _) = call(
        "PUT",
        &format!("{b}/v1/workspaces/{ws}/members/{viewer_id}"),
        Some(org.token("admin")),
        Some(json!({"role": "operator"})),
    )
    .await;
    assert_eq!(s, 204);
    assert_eq!(
        push(org.token("viewer"), comment("v3", "now an operator"))
            .await
            .0,
        200
    );
    // Organization administration needs an org admin.
    for role in ["viewer", "operator", "approver", "admin"] {
        assert_error(
            &call(
                "POST",
                &format!("{b}/v1/teams"),
                Some(org.token(role)),
                Some(json!({"name": "x"})),
            )
            .await,
            403,
            "role.org_admin_required",
        );
        assert_error(
            &call(
                "POST",
                &format!("{b}/v1/users"),
                Some(org.token(role)),
                Some(json!({"username": "x", "password": PASSWORD})),
            )
            .await,
            403,
            "role.org_admin_required",
        );
    }
    // A viewer-capped token of the org admin cannot push; tokens cannot exceed the account.
    let (s, t) = call(
        "POST",
        &format!("{b}/v1/tokens"),
        Some(&org.admin),
        Some(json!({"name": "ro", "role": "viewer", "expires_in_days": 30})),
    )
    .await;
    assert_eq!(s, 200, "{t}");
    let ro = t["token"].as_str().unwrap();
    assert_error(
        &push(ro, comment("ro1", "x")).await,
        403,
        "role.insufficient",
    );
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/teams"),
            Some(ro),
            Some(json!({"name": "x"})),
        )
        .await,
        403,
        "role.org_admin_required",
    );
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/tokens"),
            Some(org.token("operator")),
            Some(
                json!({"name": "up", "role": "approver", "workspaces": [ws], "expires_in_days": 1}),
            ),
        )
        .await,
        403,
        "role.insufficient",
    );
    // An API token cannot mint more tokens.
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/tokens"),
            Some(ro),
            Some(json!({"name": "more", "role": "viewer", "expires_in_days": 1})),
        )
        .await,
        403,
        "token.session_required",
    );
    // Duplicate names are conflicts, not errors.
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/teams"),
            Some(&org.admin),
            Some(json!({"name": "platform"})),
        )
        .await,
        409,
        "team.exists",
    );
}

/// Expired and revoked tokens stop working at once; API tokens must expire.
pub async fn expired_and_revoked_tokens(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let me = format!("{b}/v1/me");
    for days in [0, 367, 100_000] {
        assert_error(
            &call(
                "POST",
                &format!("{b}/v1/tokens"),
                Some(&org.admin),
                Some(json!({"name": "x", "role": "viewer", "expires_in_days": days})),
            )
            .await,
            400,
            "token.bad_expiry",
        );
    }
    let mint = |name: &'static str| {
        let url = format!("{b}/v1/tokens");
        let admin = org.admin.clone();
        async move {
            let (s, t) = call(
                "POST",
                &url,
                Some(&admin),
                Some(json!({"name": name, "role": "operator", "expires_in_days": 1})),
            )
            .await;
            assert_eq!(s, 200, "{t}");
            (
                t["token"].as_str().unwrap().to_string(),
                t["token_id"].as_str().unwrap().to_string(),
            )
        }
    };
    let (expiring, expiring_id) = mint("expiring").await;
    assert_eq!(call("GET", &me, Some(&expiring), None).await.0, 200);
    // Time passes (the row says it expired a second ago).
    backend
        .sql(&format!(
            "UPDATE tokens SET expires_at = {} WHERE id = '{expiring_id}'",
            orbis_server::now_ms() - 1000
        ))
        .await;
    assert_error(
        &call("GET", &me, Some(&expiring), None).await,
        401,
        "auth.token_expired",
    );

    let (revoked, revoked_id) = mint("revoked").await;
    assert_eq!(call("GET", &me, Some(&revoked), None).await.0, 200);
    // An event stream opened with the token ends once the token is revoked.
    let mut stream = reqwest::Client::new()
        .get(format!("{b}/v1/workspaces/{}/events", org.workspace))
        .bearer_auth(&revoked)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(
        call(
            "DELETE",
            &format!("{b}/v1/tokens/{revoked_id}"),
            Some(&org.admin),
            None
        )
        .await
        .0,
        204
    );
    assert_error(
        &call("GET", &me, Some(&revoked), None).await,
        401,
        "auth.token_revoked",
    );
    let mut tail = String::new();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while let Ok(Some(chunk)) = stream.chunk().await {
            tail.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(
        ended.is_ok(),
        "the stream of a revoked token is still open: {tail}"
    );
    assert!(tail.contains("token no longer valid"), "{tail}");

    // Signing out revokes the session token.
    let (_, t) = login(&server, "acme", "viewer-user", PASSWORD).await;
    let session = t["token"].as_str().unwrap();
    assert_eq!(
        call(
            "DELETE",
            &format!("{b}/v1/sessions/current"),
            Some(session),
            None
        )
        .await
        .0,
        204
    );
    assert_error(
        &call("GET", &me, Some(session), None).await,
        401,
        "auth.token_revoked",
    );
    // Wrong passwords and unknown accounts get the same answer.
    assert_error(
        &login(&server, "acme", "viewer-user", "wrong password!!").await,
        401,
        "auth.bad_credentials",
    );
    assert_error(
        &login(&server, "acme", "nobody", PASSWORD).await,
        401,
        "auth.bad_credentials",
    );
    assert_error(
        &login(&server, "no-org", "viewer-user", PASSWORD).await,
        401,
        "auth.bad_credentials",
    );
    // Tokens are stored as hashes only.
    let stored = backend
        .sql_text(&format!(
            "SELECT secret_hash FROM tokens WHERE id = '{revoked_id}'"
        ))
        .await;
    assert!(!revoked.contains(&stored) && stored.len() == 64);
}

/// The audit chain: `audit verify` passes, then names the entry that was edited or deleted
/// directly in the database.
pub async fn audit_chain_detects_tampering(backend: &Backend) {
    let mut server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    SyncClient::new(&server.base, org.token("operator"))
        .push(
            &org.workspace,
            vec![comment("c1", "one"), comment("c2", "two")],
        )
        .await
        .unwrap();
    server.stop();
    let verify = || {
        let out = backend.cli(&["audit", "verify"], &[]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, text) = verify();
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("intact"), "{text}");
    let entries: i64 = backend
        .sql_text("SELECT CAST(COUNT(*) AS TEXT) FROM audit")
        .await
        .parse()
        .unwrap();
    assert!(entries >= 15, "every change is audited: {entries}");

    // Edit one entry's content.
    let original = backend
        .sql_text("SELECT action FROM audit WHERE seq = 4")
        .await;
    backend
        .sql("UPDATE audit SET action = 'nothing.happened' WHERE seq = 4")
        .await;
    let (code, text) = verify();
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("entry 4 was modified"), "{text}");
    backend
        .sql(&format!(
            "UPDATE audit SET action = '{original}' WHERE seq = 4"
        ))
        .await;
    assert_eq!(verify().0, Some(0));

    // Re-hashing an edited entry does not help: the next entry's link breaks.
    backend
        .sql("UPDATE audit SET hash = 'ffff' WHERE seq = 6")
        .await;
    let (code, text) = verify();
    assert_eq!(code, Some(1));
    assert!(text.contains("entry 6"), "{text}");
    backend
        .sql("UPDATE audit SET hash = (SELECT prev_hash FROM audit WHERE seq = 7) WHERE seq = 6")
        .await;
    assert_eq!(verify().0, Some(0));

    // Delete an entry.
    backend.sql("DELETE FROM audit WHERE seq = 9").await;
    let (code, text) = verify();
    assert_eq!(code, Some(1));
    assert!(text.contains("entry 9 is missing"), "{text}");
}

/// Passwords, tokens and hashes never reach the server's log.
pub async fn no_secret_in_logs(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let (_, t) = call(
        "POST",
        &format!("{b}/v1/tokens"),
        Some(&org.admin),
        Some(json!({"name": "ci", "role": "viewer", "expires_in_days": 3})),
    )
    .await;
    let api_token = t["token"].as_str().unwrap().to_string();
    let _ = login(&server, "acme", "viewer-user", "a wrong password here").await;
    let _ = call(
        "GET",
        &format!(
            "{b}/v1/workspaces/{}/changes?after=0&token={api_token}",
            org.workspace
        ),
        Some(&api_token),
        None,
    )
    .await;
    let _ = call(
        "GET",
        &format!("{b}/v1/me"),
        Some(&format!("orbis_{}_{}", "c".repeat(32), "d".repeat(64))),
        None,
    )
    .await;
    let log = server.log_text();
    assert!(
        log.contains("POST /v1/sessions"),
        "the log has request lines: {log}"
    );
    let mut secrets = vec![
        PASSWORD.to_string(),
        "a wrong password here".into(),
        api_token.clone(),
        "$argon2".into(),
        "d".repeat(64),
    ];
    secrets.extend(org.users.iter().map(|u| u.2.clone()));
    secrets.push(org.admin.clone());
    for hash in [
        backend
            .sql_text("SELECT secret_hash FROM tokens LIMIT 1")
            .await,
        backend
            .sql_text("SELECT password_hash FROM users LIMIT 1")
            .await,
    ] {
        secrets.push(hash);
    }
    for s in &secrets {
        // Passwords, bearer tokens and stored hashes, each whole (token ids are not secret).
        assert!(
            !log.contains(s.as_str()),
            "the log contains a secret ({} chars)",
            s.len()
        );
    }
}

/// Per-token rate limit: 429 with `Retry-After`; other tokens are unaffected.
pub async fn rate_limit_per_token(backend: &Backend) {
    let mut setup = Server::start(backend, &[]).await;
    let org = setup_org(backend, &setup, "acme").await;
    setup.stop();
    let server = Server::start(backend, &["--rate-limit-per-minute", "20"]).await;
    let me = format!("{}/v1/me", server.base);
    let mut limited = None;
    for _ in 0..10 {
        let resp = reqwest::Client::new()
            .get(&me)
            .bearer_auth(org.token("viewer"))
            .send()
            .await
            .unwrap();
        if resp.status() == 429 {
            let retry = resp
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_string());
            let body: Value = resp.json().await.unwrap();
            limited = Some((retry, body));
            break;
        }
    }
    let (retry, body) = limited.expect("a 429 within 10 rapid requests at 20/min");
    assert!(retry.is_some_and(|r| r.parse::<u64>().unwrap() >= 1));
    assert_error(&(429, body), 429, "rate_limited");
    assert_eq!(
        call("GET", &me, Some(org.token("operator")), None).await.0,
        200
    );
    // Password guessing on one account is throttled (30 attempts a minute, bursts of 7),
    // whatever the password; other accounts still sign in.
    let mut throttled = None;
    for attempt in 0..40 {
        let got = login(&server, "acme", "admin-user", "guess guess guess").await;
        if got.0 == 429 {
            throttled = Some((attempt, got));
            break;
        }
        assert_error(&got, 401, "auth.bad_credentials");
    }
    let (attempt, got) = throttled.expect("sign-in attempts are throttled");
    assert!(attempt >= 5, "throttled after {attempt} attempts");
    assert_error(&got, 429, "rate_limited");
    assert_eq!(
        login(&server, "acme", "operator-user", PASSWORD).await.0,
        200
    );
}

/// kill -9 during writes: every acknowledged record is there after the restart, and the
/// audit chain is intact.
pub async fn kill9_keeps_acknowledged_writes(backend: &Backend) {
    let mut server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    let ws = org.workspace.clone();
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut writers = Vec::new();
    for w in 0..4 {
        let client = SyncClient::new(&server.base, org.token("operator"));
        let acked = acked.clone();
        let ws = ws.clone();
        let tx = tx.clone();
        writers.push(tokio::spawn(async move {
            for i in 0.. {
                let id = format!("w{w}-{i}");
                let items = vec![
                    comment(&id, "x"),
                    run(&format!("{id}-run"), "plan", "running", None, None),
                ];
                match client.push(&ws, items).await {
                    Ok(results) if results.iter().all(|r| r.outcome == Outcome::Created) => {
                        acked
                            .lock()
                            .unwrap()
                            .extend([id.clone(), format!("{id}-run")]);
                        let _ = tx.send(());
                    }
                    Ok(results) => panic!("unexpected {results:?}"),
                    Err(_) => return,
                }
            }
        }));
    }
    // Kill once a good number of writes were acknowledged, with more in flight.
    let mut n = 0;
    while n < 120 {
        rx.recv().await.unwrap();
        n += 1;
    }
    server.kill9();
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 240);
    server.restart().await;
    let mut replica = Replica::default();
    replica
        .catch_up(&SyncClient::new(&server.base, org.token("viewer")), &ws)
        .await
        .unwrap();
    let missing: Vec<&String> = acked
        .iter()
        .filter(|id| !replica.records.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged but lost after kill -9: {missing:?}"
    );
    server.stop();
    let out = backend.cli(&["audit", "verify"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Workspace metadata is the mutable record edited by people: compare-and-set on its version.
/// Two admins edit from the same version: the first wins, the second gets a conflict and
/// succeeds after re-reading. The org's audit log (admins only) shows the changes.
pub async fn workspace_metadata_compare_and_set(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let org = setup_org(backend, &server, "acme").await;
    let b = &server.base;
    let url = format!("{b}/v1/workspaces/{}", org.workspace);
    let (s, ws) = call("GET", &url, Some(org.token("viewer")), None).await;
    assert_eq!(s, 200, "{ws}");
    assert_eq!(
        (ws["version"].as_i64(), ws["role"].as_str()),
        (Some(1), Some("viewer"))
    );
    let (s, first) = call(
        "PATCH",
        &url,
        Some(&org.admin),
        Some(json!({"metadata": {"repo": "a"}, "version": 1})),
    )
    .await;
    assert_eq!((s, first["version"].as_i64()), (200, Some(2)), "{first}");
    let stale = call(
        "PATCH",
        &url,
        Some(org.token("admin")),
        Some(json!({"metadata": {"repo": "b"}, "version": 1})),
    )
    .await;
    assert_error(&stale, 409, "workspace.version_conflict");
    let (_, now) = call("GET", &url, Some(org.token("admin")), None).await;
    assert_eq!(
        now["metadata"]["repo"], "a",
        "the refused change did not land"
    );
    let (s, merged) = call(
        "PATCH",
        &url,
        Some(org.token("admin")),
        Some(json!({"metadata": {"repo": "a", "owner": "b"}, "version": now["version"]})),
    )
    .await;
    assert_eq!((s, merged["version"].as_i64()), (200, Some(3)));
    assert_error(
        &call(
            "PATCH",
            &url,
            Some(org.token("operator")),
            Some(json!({"metadata": {}, "version": 3})),
        )
        .await,
        403,
        "role.insufficient",
    );
    assert_error(
        &call(
            "PATCH",
            &url,
            Some(&org.admin),
            Some(json!({"metadata": [1], "version": 3})),
        )
        .await,
        400,
        "workspace.bad_metadata",
    );

    let (s, audit) = call(
        "GET",
        &format!("{b}/v1/audit?after=0"),
        Some(&org.admin),
        None,
    )
    .await;
    assert_eq!(s, 200, "{audit}");
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "workspace.update").count(),
        2,
        "{actions:?}"
    );
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/audit"),
            Some(org.token("admin")),
            None,
        )
        .await,
        403,
        "role.org_admin_required",
    );
}
