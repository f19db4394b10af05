//! Single sign-on from the desktop (orbis-app's `team::oidc`, the real code) against the
//! real `orbis-server` binary and the fake OIDC provider (common/idp.rs), all on loopback.
//! The "system browser" is `$BROWSER` pointing at a script that fetches the authorization
//! URL with `curl -L`: it follows the provider's redirect to the app's loopback port, as a
//! browser would. Tokens go to a private gnome-keyring (tests/keyring/with-secret-service).

mod common;

use common::idp::{FakeIdp, Mode, CLIENT_ID};
use common::scenarios::setup_org;
use common::{call, Backend, Server};
use orbis_app::team::sso_dto::TeamSsoRequest;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const INSIDE: &str = "ORBIS_TEST_OIDC_CHILD";
const SERVICE: &str = "terraorbis-team-oidc-test";

/// Re-runs `test` in a child process inside a private Secret Service, or with none reachable
/// (`keyring` false); the keychain is opened once per process, hence the child.
fn in_child(test: &str, keyring: bool) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        return true;
    }
    let args = [test, "--exact", "--nocapture", "--test-threads=1"];
    let exe = std::env::current_exe().unwrap();
    let out = if keyring {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/keyring/with-secret-service");
        Command::new("bash")
            .arg(script)
            .arg(exe)
            .args(args)
            .env(INSIDE, "1")
            .output()
    } else {
        Command::new(exe)
            .args(args)
            .env(INSIDE, "1")
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/orbis-test-bus",
            )
            .output()
    }
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the test failed in its child process ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    false
}

/// A "browser" that loads the URL and follows redirects, and nothing more.
fn curl_browser(dir: &Path) -> String {
    let path = dir.join("browser.sh");
    std::fs::write(
        &path,
        "#!/bin/sh\nexec curl -sSL --max-time 30 -o /dev/null \"$1\"\n",
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&path).status().unwrap();
    path.display().to_string()
}

fn desktop(dir: &Path) -> Session {
    let session = Session::new(Store::open(&dir.join("orbis.sqlite3")).unwrap(), None);
    session.set_team_keychain_service(SERVICE);
    session.set_team_sync_interval(Duration::from_secs(3600));
    session.set_team_sso_timeout(Duration::from_secs(30));
    session
}

struct World {
    rt: tokio::runtime::Runtime,
    backend: Backend,
    idp: FakeIdp,
    server: Server,
    workspace: String,
    dir: tempfile::TempDir,
}

/// A provider, a server that trusts it, and org `acme` whose admin added alice by address
/// with the operator role on `prod-network`.
fn world() -> World {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let idp = rt.block_on(FakeIdp::start());
    let server = rt.block_on(Server::start(
        &backend,
        &["--oidc-issuer", &idp.issuer, "--oidc-client-id", CLIENT_ID],
    ));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let b = server.base.clone();
    let (s, alice) = rt.block_on(call(
        "POST",
        &format!("{b}/v1/users"),
        Some(&org.admin),
        Some(json!({"username": "alice@example.com"})),
    ));
    assert_eq!(s, 200, "{alice}");
    let (s, _) = rt.block_on(call(
        "PUT",
        &format!(
            "{b}/v1/workspaces/{}/members/{}",
            org.workspace,
            alice["id"].as_str().unwrap()
        ),
        Some(&org.admin),
        Some(json!({"role": "operator"})),
    ));
    assert_eq!(s, 204);
    World {
        rt,
        backend,
        idp,
        server,
        workspace: org.workspace,
        dir: tempfile::tempdir().unwrap(),
    }
}

fn request(server: &Server) -> TeamSsoRequest {
    TeamSsoRequest {
        server_url: server.base.clone(),
        org: None,
        workspace: Some("prod-network".into()),
    }
}

#[test]
fn sso_sign_in_through_the_browser() {
    if !in_child("sso_sign_in_through_the_browser", true) {
        return;
    }
    let w = world();
    std::env::set_var("BROWSER", curl_browser(w.dir.path()));
    let app_dir = w.dir.path().join("app");
    std::fs::create_dir_all(&app_dir).unwrap();
    let session = desktop(&app_dir);

    // The server URL is all the app needs to know that SSO is there, and where.
    let info = session.team_sso_info(&w.server.base).unwrap();
    assert!(info.available);
    assert_eq!(info.issuer.as_deref(), Some(w.idp.issuer.as_str()));

    let status = session.team_sign_in_sso(&request(&w.server)).unwrap();
    assert!(status.connected, "{status:?}");
    assert_eq!(status.username.as_deref(), Some("alice@example.com"));
    assert_eq!(
        status.org.as_deref(),
        Some("acme"),
        "learnt from the server"
    );
    assert_eq!(status.workspace_id.as_deref(), Some(w.workspace.as_str()));
    assert_eq!(status.role.as_deref(), Some("operator"));

    // What the browser was sent with: a PKCE S256 challenge, state, nonce, a loopback
    // redirect; the provider checked the verifier at /token (once).
    let sent = w.idp.last_authorize();
    assert_eq!(sent["code_challenge_method"], "S256");
    assert_eq!(sent["client_id"], CLIENT_ID);
    assert!(
        sent["redirect_uri"].starts_with("http://127.0.0.1:"),
        "{sent:?}"
    );
    assert!(sent["scope"].split(' ').any(|s| s == "openid"));
    assert!(sent["state"].len() >= 32 && sent["nonce"].len() >= 32);
    assert_ne!(sent["state"], sent["nonce"]);
    assert_eq!(w.idp.token_requests(), 1);

    // The session works, and it lives in the keychain, not in the app's database.
    session.team_sync_now().unwrap();
    let keys = orbis_cloud::secrets::SecretStore::open_service(SERVICE).unwrap();
    let names = keys.list().unwrap();
    assert_eq!(names.len(), 1, "{names:?}");
    let token = keys.get(&names[0]).unwrap();
    let token = secrecy::ExposeSecret::expose_secret(&token)
        .as_bytes()
        .to_vec();
    assert!(token.starts_with(b"orbis_"));
    for file in ["orbis.sqlite3", "orbis.sqlite3-wal"] {
        let bytes = std::fs::read(app_dir.join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_slice()),
            "the session token is in {file}"
        );
    }
    // A restarted app resumes from the keychain alone.
    drop(session);
    let again = desktop(&app_dir);
    again.team_resume();
    again.team_sync_now().unwrap();
    assert!(again.team_status().last_error.is_none());
    let sessions = w.rt.block_on(w.backend.sql_text(
        "SELECT CAST(COUNT(*) AS TEXT) FROM audit WHERE action = 'session.create' \
         AND detail LIKE '%oidc%'",
    ));
    assert_eq!(sessions, "1");
    let log = w.server.log_text();
    assert!(!log.contains(std::str::from_utf8(&token).unwrap()));
}

#[test]
fn sso_failures_say_what_happened() {
    if !in_child("sso_failures_say_what_happened", true) {
        return;
    }
    let w = world();
    let browser = curl_browser(w.dir.path());
    std::env::set_var("BROWSER", &browser);
    let session = desktop(w.dir.path());
    let fails = |expected: ErrorCode| {
        let e = session.team_sign_in_sso(&request(&w.server)).unwrap_err();
        assert_eq!(e.code, expected, "{e:?}");
        assert!(!e.hint.is_empty(), "{e:?}");
        assert!(!session.team_status().connected);
        e
    };

    // PKCE: the code was bound to another challenge, so this app's verifier does not
    // redeem it.
    w.idp.set_mode(Mode::ForeignChallenge);
    let e = fails(ErrorCode::TeamSsoFailed);
    assert!(e.message.contains("PKCE"), "{e:?}");
    // Declined at the provider.
    w.idp.set_mode(Mode::Deny);
    let e = fails(ErrorCode::TeamSsoFailed);
    assert!(e.message.contains("access_denied"), "{e:?}");
    assert!(e.hint.contains("allow"), "{e:?}");
    // A redirect that is not this sign-in's.
    w.idp.set_mode(Mode::WrongState);
    let e = fails(ErrorCode::TeamSsoFailed);
    assert!(e.message.contains("state"), "{e:?}");
    w.idp.set_mode(Mode::Normal);

    // Someone the server has no account for.
    w.idp.set_person("sub-eve", "eve@example.com", true);
    let e = fails(ErrorCode::TeamRefused);
    assert!(e.hint.contains("admin"), "{e:?}");
    w.idp.set_person("sub-alice", "alice@example.com", true);

    // No browser comes back: a timeout, and a cancel, both quick.
    std::env::set_var("BROWSER", "true");
    session.set_team_sso_timeout(Duration::from_secs(1));
    let e = fails(ErrorCode::TeamSsoFailed);
    assert!(e.message.contains("within 1 s"), "{e:?}");
    session.set_team_sso_timeout(Duration::from_secs(60));
    let started = std::time::Instant::now();
    let e = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(1000));
            // One sign-in at a time: a second one is refused, the first keeps waiting.
            let second = session.team_sign_in_sso(&request(&w.server)).unwrap_err();
            assert_eq!(second.code, ErrorCode::TeamInvalid, "{second:?}");
            assert!(second.message.contains("already"), "{second:?}");
            session.team_cancel_sso();
        });
        session.team_sign_in_sso(&request(&w.server)).unwrap_err()
    });
    assert_eq!(e.code, ErrorCode::TeamSsoCancelled, "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(10));

    // No session was made by any of these.
    let sessions = w.rt.block_on(w.backend.sql_text(
        "SELECT CAST(COUNT(*) AS TEXT) FROM audit WHERE action = 'session.create' \
         AND detail LIKE '%oidc%'",
    ));
    assert_eq!(sessions, "0");

    // And with everything right again, it signs in.
    std::env::set_var("BROWSER", &browser);
    assert!(
        session
            .team_sign_in_sso(&request(&w.server))
            .unwrap()
            .connected
    );

    // A server without SSO says so before any browser opens.
    let plain = w.rt.block_on(Server::start(&Backend::sqlite(), &[]));
    let info = session.team_sso_info(&plain.base).unwrap();
    assert!(!info.available && info.issuer.is_none());
    let mut req = request(&plain);
    req.org = Some("acme".into());
    let e = session.team_sign_in_sso(&req).unwrap_err();
    assert_eq!(e.code, ErrorCode::TeamInvalid, "{e:?}");
    assert!(e.message.contains("single sign-on"), "{e:?}");
}

#[test]
fn sso_without_a_keychain_opens_no_browser() {
    if !in_child("sso_without_a_keychain_opens_no_browser", false) {
        return;
    }
    let w = world();
    // A "browser" that only leaves a mark.
    let mark = w.dir.path().join("browser-was-opened");
    let browser = w.dir.path().join("mark.sh");
    std::fs::write(&browser, format!("#!/bin/sh\ntouch '{}'\n", mark.display())).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&browser)
        .status()
        .unwrap();
    std::env::set_var("BROWSER", &browser);
    let session = desktop(w.dir.path());
    let e = session.team_sign_in_sso(&request(&w.server)).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeychainUnavailable, "{e:?}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !mark.exists(),
        "a browser was opened for a session that could not be kept"
    );
    assert_eq!(w.idp.token_requests(), 0);
}
