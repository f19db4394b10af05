//! The desktop side of sync (orbis-app's `team` module) against the real `orbis-server`
//! binary on loopback with SQLite: two Sessions over two app data folders (two desktops)
//! exchange a run, an approval and a comment through the server; one goes offline (server
//! stopped), records, restarts, and syncs when the server is back: nothing lost, nothing
//! duplicated, counted on both desktops and on the server. Tokens go to a private
//! gnome-keyring (tests/keyring/with-secret-service), never to SQLite.

mod common;

use common::desktop::{connect, desktop, in_child, wait_until, SERVICE};
use common::scenarios::{setup_org, PASSWORD};
use common::{call, Backend, Server};
use orbis_app::team::dto::*;
use orbis_app::ErrorCode;
use orbis_store::{NewRun, RunChanges, RunEnd, RunStatus, Store};
use std::path::Path;
use std::time::{Duration, Instant};

/// A run as the runner records it in the desktop's store (start, then end).
fn record_run(dir: &Path, command: &str, env: &str, plan: Option<&str>) -> i64 {
    let store = Store::open(&dir.join("orbis.sqlite3")).unwrap();
    let id = store
        .start_run(&NewRun {
            // As the runner records it: the command line.
            command: format!("/usr/bin/terraform {command} -json -input=false"),
            tool: "terraform".into(),
            tool_version: "1.11.4".into(),
            workspace: "/work/infra".into(),
            environment: Some(env.into()),
            identity: Some("aws:deployer".into()),
            plan_sha256: None,
            started_at: 1_700_000_000,
        })
        .unwrap();
    store
        .finish_run(
            id,
            &RunEnd {
                status: RunStatus::Succeeded,
                exit_code: Some(0),
                changes: Some(RunChanges {
                    add: 2,
                    change: 1,
                    remove: 0,
                    import: 0,
                }),
                plan_sha256: plan.map(str::to_string),
                ended_at: 1_700_000_060,
            },
        )
        .unwrap();
    id
}

fn server_count(backend: &Backend, rt: &tokio::runtime::Runtime, ws: &str, kind: &str) -> usize {
    rt.block_on(backend.sql_text(&format!(
        "SELECT CAST(COUNT(*) AS TEXT) FROM records WHERE workspace_id = '{ws}' AND kind = '{kind}'"
    )))
    .parse()
    .unwrap()
}

fn local_count(dir: &Path, ws: &str, kind: &str) -> usize {
    let store = Store::open(&dir.join("orbis.sqlite3")).unwrap();
    let records = store.team_records(ws, Some(kind)).unwrap();
    let ids: std::collections::HashSet<_> = records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids.len(), records.len(), "no record twice");
    records.len()
}

#[test]
fn two_desktops_exchange_runs_and_approvals_through_an_outage() {
    if !in_child(
        "two_desktops_exchange_runs_and_approvals_through_an_outage",
        true,
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let mut server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let ws = org.workspace.clone();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (dir_a.path(), dir_b.path());

    // A run that ended before connecting stays private.
    record_run(a, "plan", "prod", Some(&"0".repeat(64)));
    let alice = desktop(a);
    // With a trailing slash: the status shows the address as the server answers it.
    let status = connect(&alice, &format!("{}/", server.base), &org, "operator-user");
    assert!(status.connected);
    assert_eq!(status.workspace_id.as_deref(), Some(ws.as_str()));
    assert_eq!(status.role.as_deref(), Some("operator"));
    assert_eq!(status.server_url.as_deref(), Some(server.base.as_str()));
    let bob = desktop(b);
    connect(&bob, &server.base, &org, "approver-user");

    // The token is in the keychain, not in the app's database.
    let keys = orbis_cloud::secrets::SecretStore::open_service(SERVICE).unwrap();
    let names = keys.list().unwrap();
    assert_eq!(names.len(), 2, "one token per desktop: {names:?}");
    for dir in [a, b] {
        let db = std::fs::read(dir.join("orbis.sqlite3")).unwrap();
        let wal = std::fs::read(dir.join("orbis.sqlite3-wal")).unwrap_or_default();
        for name in &names {
            let token = keys.get(name).unwrap();
            let token = secrecy::ExposeSecret::expose_secret(&token)
                .as_bytes()
                .to_vec();
            assert!(token.len() > 20);
            for bytes in [&db, &wal] {
                assert!(
                    !bytes.windows(token.len()).any(|w| w == token.as_slice()),
                    "a token is in the SQLite store"
                );
            }
        }
    }

    // Alice plans; the run goes out with the next sync.
    let plan = "ab".repeat(32);
    let local = record_run(a, "plan", "prod", Some(&plan));
    let report = alice.team_sync_now().unwrap();
    assert_eq!((report.pushed, report.rejected), (1, 0), "{report:?}");
    assert_eq!(alice.team_status().pending, 0);
    // She comments on a change of that plan (Plan Review): the background sync sends it.
    let run_record = alice.team_run_record_id(local).expect("connected");
    alice
        .team_add_comment(
            Some(&run_record),
            Some("aws_nat_gateway.main"),
            "replaced on purpose",
        )
        .unwrap();
    wait_until("alice's comment to be pushed", || {
        let s = alice.team_status();
        s.pending == 0 && !s.syncing && s.last_error.is_none()
    });
    assert_eq!(server_count(&backend, &rt, &ws, "comment"), 1);

    // Bob pulls it: it waits in his Approvals inbox, bound to its plan and environment.
    bob.team_sync_now().unwrap();
    let inbox = bob.team_approvals().unwrap();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    assert_eq!(inbox[0].plan_sha256, plan);
    assert_eq!(inbox[0].environment, "prod");
    assert_eq!(inbox[0].plan_summary.as_ref().map(|s| s.add), Some(2));
    assert!(!inbox[0].mine);
    assert_eq!(
        inbox[0].run_id, run_record,
        "the comment names the pushed run"
    );
    let on_plan = bob.team_comments(Some(&run_record)).unwrap();
    assert_eq!(on_plan.len(), 1);
    assert_eq!(on_plan[0].address.as_deref(), Some("aws_nat_gateway.main"));
    // Bob approves; the background sync sends it at once.
    let left = bob
        .team_decide(&TeamDecisionRequest {
            run_id: inbox[0].run_id.clone(),
            decision: TeamDecision::Approved,
            note: Some("NAT change reviewed".into()),
        })
        .unwrap();
    assert!(left.is_empty(), "decided plans leave the inbox");
    wait_until("bob's approval to be pushed", || {
        let s = bob.team_status();
        s.pending == 0 && !s.syncing && s.last_error.is_none()
    });
    assert_eq!(server_count(&backend, &rt, &ws, "approval"), 1);
    // A second decision on the same plan is refused: it is not in the inbox any more.
    let again = bob.team_decide(&TeamDecisionRequest {
        run_id: inbox[0].run_id.clone(),
        decision: TeamDecision::Rejected,
        note: None,
    });
    assert_eq!(again.unwrap_err().code, ErrorCode::NotFound);

    // Alice sees the approval; her apply of that plan is accepted, one of another plan is
    // refused and leaves the queue with its code.
    alice.team_sync_now().unwrap();
    assert_eq!(local_count(a, &ws, "approval"), 1);
    assert!(alice.team_approvals().unwrap().is_empty());
    record_run(a, "apply", "prod", Some(&plan));
    record_run(a, "apply", "prod", Some(&"cd".repeat(32)));
    let report = alice.team_sync_now().unwrap();
    assert_eq!((report.pushed, report.rejected), (1, 1), "{report:?}");
    let status = alice.team_status();
    assert_eq!((status.pending, status.rejected), (0, 1));
    assert_eq!(status.rejected_records[0].code, "approval.plan_mismatch");
    assert_eq!(status.rejected_records[0].kind, "run");

    // The server goes away. Alice records a plan and a comment: they wait in the outbox.
    server.stop();
    let second_plan = "ef".repeat(32);
    record_run(a, "plan", "prod", Some(&second_plan));
    alice
        .team_add_comment(
            None,
            Some("aws_nat_gateway.main"),
            "replaces the NAT gateway",
        )
        .unwrap();
    let err = alice.team_sync_now().unwrap_err();
    assert_eq!(err.code, ErrorCode::TeamUnreachable, "{err:?}");
    let status = alice.team_status();
    assert_eq!(status.pending, 2);
    let shown = status.last_error.expect("the failure is shown");
    assert!(shown.message.contains("cannot be reached"), "{shown:?}");
    assert!(shown.hint.contains("outbox"), "{shown:?}");

    // Alice's app restarts while the server is down: the outbox was in her store.
    drop(alice);
    let alice = desktop(a);
    let status = alice.team_resume();
    assert!(status.connected);
    assert_eq!(status.pending, 2);
    assert_eq!(
        alice.team_comments(None).unwrap().len(),
        2,
        "the pulled comment and the queued one"
    );

    // The server is back: one sync sends everything once.
    rt.block_on(server.restart());
    let started = Instant::now();
    let report = alice.team_sync_now().unwrap();
    assert!(started.elapsed() < Duration::from_secs(15));
    // (The resumed background sync may have sent them first: count on the server.)
    assert_eq!(report.rejected, 0, "{report:?}");
    assert_eq!(alice.team_status().pending, 0);
    assert_eq!(server_count(&backend, &rt, &ws, "run"), 3);
    assert_eq!(server_count(&backend, &rt, &ws, "comment"), 2);
    assert!(alice.team_status().last_error.is_none());

    // A push whose answer was lost (the desktop died before noting it) is sent again: the
    // server answers unchanged and keeps one copy.
    {
        let store = Store::open(&a.join("orbis.sqlite3")).unwrap();
        let comment = store.team_records(&ws, Some("comment")).unwrap();
        assert_eq!(comment.len(), 2);
        store
            .team_enqueue(
                &[orbis_store::OutboxItem {
                    workspace_id: ws.clone(),
                    kind: "comment".into(),
                    id: comment[0].id.clone(),
                    body: comment[0].body.clone(),
                }],
                &[],
                0,
            )
            .unwrap();
    }
    let report = alice.team_sync_now().unwrap();
    // (The live event stream may have woken the background sync first, which then got the
    // `unchanged`: either way nothing is created twice.)
    assert_eq!((report.pushed, report.rejected), (0, 0), "{report:?}");
    assert!(report.unchanged <= 1, "{report:?}");
    assert_eq!(alice.team_status().pending, 0);
    assert_eq!(server_count(&backend, &rt, &ws, "comment"), 2);

    // Bob catches up; both desktops and the server hold the same records, once each.
    bob.team_sync_now().unwrap();
    let inbox = bob.team_approvals().unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].plan_sha256, second_plan);
    let comments = bob.team_comments(None).unwrap();
    assert_eq!(comments.len(), 2);
    let offline = comments
        .iter()
        .find(|c| c.text == "replaces the NAT gateway")
        .expect("the comment made offline");
    assert_eq!(offline.run_id, None);
    assert_eq!(offline.author_id.as_deref(), Some(org.user_id("operator")));
    for (kind, expected) in [("run", 3), ("approval", 1), ("comment", 2)] {
        let on_server = server_count(&backend, &rt, &ws, kind);
        assert_eq!(on_server, expected, "{kind} on the server");
        assert_eq!(
            local_count(a, &ws, kind),
            expected,
            "{kind} on alice's desktop"
        );
        assert_eq!(
            local_count(b, &ws, kind),
            expected,
            "{kind} on bob's desktop"
        );
    }

    // The session is revoked on the server: the status says to sign in again.
    let token = keys
        .list()
        .unwrap()
        .into_iter()
        .map(|n| keys.get(&n).unwrap())
        .map(|t| secrecy::ExposeSecret::expose_secret(&t).to_string())
        .find(|t| {
            let (s, me) = rt.block_on(call(
                "GET",
                &format!("{}/v1/me", server.base),
                Some(t),
                None,
            ));
            s == 200 && me["username"] == "operator-user"
        })
        .expect("alice's token");
    let (s, _) = rt.block_on(call(
        "DELETE",
        &format!("{}/v1/sessions/current", server.base),
        Some(&token),
        None,
    ));
    assert_eq!(s, 204);
    let err = alice.team_sync_now().unwrap_err();
    assert_eq!(err.code, ErrorCode::TeamSignInNeeded);
    assert!(err.hint.contains("Sign in again"), "{err:?}");
    assert_eq!(
        alice.team_status().last_error.map(|e| e.code),
        Some(ErrorCode::TeamSignInNeeded)
    );

    // Disconnecting removes the token from the keychain.
    let status = alice.team_disconnect().unwrap();
    assert!(!status.connected);
    assert_eq!(keys.list().unwrap().len(), 1, "only bob's token is left");
    assert_eq!(
        alice.team_sync_now().unwrap_err().code,
        ErrorCode::TeamNotConnected
    );
}

#[test]
fn connecting_without_a_keychain_is_refused() {
    if !in_child("connecting_without_a_keychain_is_refused", false) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let dir = tempfile::tempdir().unwrap();
    let session = desktop(dir.path());
    let err = session
        .team_connect(&TeamConnectRequest {
            server_url: server.base.clone(),
            org: org.name.clone(),
            username: "operator-user".into(),
            password: PASSWORD.into(),
            workspace: None,
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::KeychainUnavailable, "{err:?}");
    assert!(
        err.message.contains("never stored anywhere else"),
        "{err:?}"
    );
    assert!(!session.team_status().connected);
    // Refused before signing in: the server created no session for it.
    let sessions = rt.block_on(
        backend.sql_text("SELECT CAST(COUNT(*) AS TEXT) FROM tokens WHERE kind = 'session'"),
    );
    assert_eq!(sessions, "5", "only setup_org's own sign-ins");
}

#[test]
fn bad_addresses_and_wrong_passwords_say_what_to_fix() {
    if !in_child("bad_addresses_and_wrong_passwords_say_what_to_fix", true) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let dir = tempfile::tempdir().unwrap();
    let session = desktop(dir.path());
    let request = |url: &str, password: &str, workspace: Option<&str>| TeamConnectRequest {
        server_url: url.into(),
        org: org.name.clone(),
        username: "operator-user".into(),
        password: password.into(),
        workspace: workspace.map(str::to_string),
    };
    let code = |r: TeamConnectRequest| session.team_connect(&r).unwrap_err();
    assert_eq!(
        code(request("ftp://x", PASSWORD, None)).code,
        ErrorCode::TeamInvalid
    );
    let e = code(request(&server.base, "wrong password!", None));
    assert_eq!(e.code, ErrorCode::TeamSignInNeeded);
    assert!(e.message.contains("password"), "{e:?}");
    // Nothing listens on the port any more: unreachable, quickly.
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    let started = Instant::now();
    assert_eq!(
        code(request(&closed, PASSWORD, None)).code,
        ErrorCode::TeamUnreachable
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let e = code(request(&server.base, PASSWORD, Some("nope")));
    assert_eq!(e.code, ErrorCode::TeamRefused);
    assert!(e.hint.contains("prod-network"), "{e:?}");
    assert!(!session.team_status().connected);
}
