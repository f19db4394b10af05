//! Live updates on the desktop side: with the periodic pull set to an hour, a desktop still
//! sees within seconds what another desktop pushed (a plan waiting for approval, a request's
//! decision), because its sync follows the workspace's event stream (SSE) — also after the
//! server restarted (the stream is reopened from the local cursor). Real `orbis-server`
//! binary on loopback (SQLite), orbis-app Sessions without a window, private gnome-keyring.

mod common;

use common::desktop::{connect, desktop, in_child, record_plan, wait_until};
use common::scenarios::setup_org;
use common::{call, Backend, Server};
use orbis_app::Session;
use serde_json::json;

fn in_inbox(session: &Session, plan: &str) -> bool {
    session
        .team_approvals()
        .unwrap()
        .iter()
        .any(|a| a.plan_sha256 == plan)
}

#[test]
fn another_desktops_push_shows_without_waiting_for_the_pull() {
    if !in_child(
        "another_desktops_push_shows_without_waiting_for_the_pull",
        true,
    ) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let mut server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Both desktops pull once an hour (desktop()): only the event stream can bring news.
    let alice = desktop(dir_a.path());
    let bob = desktop(dir_b.path());
    connect(&alice, &server.base, &org, "operator-user");
    connect(&bob, &server.base, &org, "approver-user");

    // Alice's plan reaches Bob's inbox by itself.
    let plan = "cd".repeat(32);
    record_plan(dir_a.path(), "prod", &plan);
    alice.team_sync_now().unwrap();
    wait_until("bob's inbox to show alice's plan", || in_inbox(&bob, &plan));

    // A request made through the API (another client) shows in Alice's Requests list, and
    // Bob's decision on it follows there too.
    let (s, made) = rt.block_on(call(
        "POST",
        &format!("{}/v1/workspaces/{}/requests", server.base, org.workspace),
        Some(org.token("admin")),
        Some(
            json!({"id": "req-live-1", "module": "aws/s3-bucket", "module_version": "1.0.0",
                    "environment": "prod", "variables": {"name": "b"}, "reason": "logs"}),
        ),
    ));
    assert_eq!(s, 200, "{made}");
    let status_of = |session: &Session| {
        session
            .team_requests()
            .unwrap()
            .into_iter()
            .find(|r| r.id == "req-live-1")
            .map(|r| r.status)
    };
    wait_until("the request on alice's desktop", || {
        status_of(&alice).as_deref() == Some("requested")
    });
    wait_until("the request on bob's desktop", || {
        status_of(&bob).as_deref() == Some("requested")
    });
    let (s, _) = rt.block_on(call(
        "POST",
        &format!(
            "{}/v1/workspaces/{}/requests/req-live-1/decision",
            server.base, org.workspace
        ),
        Some(org.token("approver")),
        Some(json!({"decision": "reject", "comment": "use the shared bucket"})),
    ));
    assert_eq!(s, 200);
    wait_until("the decision on alice's desktop", || {
        status_of(&alice).as_deref() == Some("rejected")
    });

    // The server restarts: the streams reopen from their cursors and carry on.
    server.stop();
    rt.block_on(server.restart());
    let plan2 = "ef".repeat(32);
    record_plan(dir_a.path(), "prod", &plan2);
    wait_until("alice's sync after the restart", || {
        alice.team_sync_now().is_ok()
    });
    wait_until(
        "bob's inbox to show the plan made after the restart",
        || in_inbox(&bob, &plan2),
    );
    assert!(bob.team_status().last_error.is_none());

    // Disconnecting ends the stream: nothing arrives any more.
    bob.team_disconnect().unwrap();
    let plan3 = "ab".repeat(32);
    record_plan(dir_a.path(), "prod", &plan3);
    alice.team_sync_now().unwrap();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let store = orbis_store::Store::open(&dir_b.path().join("orbis.sqlite3")).unwrap();
    let runs = store.team_records(&org.workspace, Some("run")).unwrap();
    assert!(
        !runs.iter().any(|r| r.body.contains(&plan3)),
        "a disconnected desktop receives nothing"
    );
    assert_eq!(runs.len(), 2, "both earlier plans, once each");
}
