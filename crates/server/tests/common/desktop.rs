//! Desktop-side helpers for the tests that drive orbis-app Sessions (no window) against the
//! server: a child process inside a private Secret Service (the keychain is opened once per
//! process), a Session over an app data folder, and bounded waiting.

use super::scenarios::{Org, PASSWORD};
use orbis_app::team::dto::{TeamConnectRequest, TeamStatus};
use orbis_app::Session;
use orbis_store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const INSIDE: &str = "ORBIS_TEST_TEAM_CHILD";
pub const SERVICE: &str = "terraorbis-team-test";

/// Re-runs `test` in a child process inside a private Secret Service (`keyring`) or with
/// none reachable; true when already inside (run the test body), false in the parent.
pub fn in_child(test: &str, keyring: bool) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        return true;
    }
    let exe = std::env::current_exe().unwrap();
    let args = [test, "--exact", "--nocapture", "--test-threads=1"];
    let mut command = if keyring {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/keyring/with-secret-service");
        let mut c = Command::new("bash");
        c.arg(script).arg(exe);
        c
    } else {
        let mut c = Command::new(exe);
        c.env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/orbis-test-bus",
        );
        c
    };
    let out = command.args(args).env(INSIDE, "1").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the test failed in its child process ({}):\n{stdout}\n{stderr}",
        out.status
    );
    false
}

/// One desktop: its own app data folder and a Session over its store, syncing only when
/// the test says so (or when kicked).
pub fn desktop(dir: &Path) -> Session {
    let session = Session::new(Store::open(&dir.join("orbis.sqlite3")).unwrap(), None);
    session.set_team_keychain_service(SERVICE);
    session.set_team_sync_interval(Duration::from_secs(3600));
    session
}

/// Signs `user` in to `org`'s "prod-network" workspace at `server_url`, then waits for the
/// first background sync (started by connecting) to end, so the test's own syncs report what
/// they did.
pub fn connect(session: &Session, server_url: &str, org: &Org, user: &str) -> TeamStatus {
    let status = session
        .team_connect(&TeamConnectRequest {
            server_url: server_url.into(),
            org: org.name.clone(),
            username: user.into(),
            password: PASSWORD.into(),
            workspace: Some("prod-network".into()),
        })
        .unwrap();
    wait_until("the first sync", || {
        let s = session.team_status();
        s.last_sync_at.is_some() && !s.syncing
    });
    status
}

pub fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A finished plan run as the runner records it in a desktop's store.
pub fn record_plan(dir: &Path, env: &str, plan_sha256: &str) -> i64 {
    use orbis_store::{NewRun, RunEnd, RunStatus};
    let store = Store::open(&dir.join("orbis.sqlite3")).unwrap();
    let id = store
        .start_run(&NewRun {
            command: "/usr/bin/terraform plan -json -input=false".into(),
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
                changes: None,
                plan_sha256: Some(plan_sha256.into()),
                ended_at: 1_700_000_060,
            },
        )
        .unwrap();
    id
}
