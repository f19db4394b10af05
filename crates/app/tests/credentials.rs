//! The Credentials view's Session operations (`cloud` feature) on real inputs: fixture AWS
//! config/credentials files and an SSO token cache in a temp home, a moto server on loopback
//! for the live checks (STS GetCallerIdentity), and a private gnome-keyring
//! (tests/keyring/with-secret-service) for run secrets, which a real `terraform` run reads.

use orbis_app::credentials::dto::*;
use orbis_app::runs::dto::*;
use orbis_app::runs::RunSink;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

const ACCESS_KEY_ID: &str = "AKIAORBISTESTKEY1234";
const SECRET_ACCESS_KEY: &str = "orbisFAKEsecretKEYdoNOTleak0123456789abcd";
const SSO_ACCESS_TOKEN: &str = "orbisFAKEssoACCESStokenDoNotLeak";
const FAKE_DB_PASSWORD: &str = "orbisFAKEdbPASSWORD-doNOTleak!$";

fn sha1_hex(s: &str) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A temp home with AWS profiles of every kind the report tells apart. `endpoint` points the
/// profiles that can be checked live at moto (or somewhere unreachable).
fn aws_home(endpoint: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    write(
        h,
        "aws/config",
        &format!(
            "[profile static]\nregion = eu-west-1\nendpoint_url = {endpoint}\n\n\
             [profile role]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = static\nregion = eu-west-1\nendpoint_url = {endpoint}\n\n\
             [profile sso-expired]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-east-1\n\n\
             [profile sso-valid]\nsso_session = team\nsso_account_id = 444455556666\nsso_role_name = ReadOnly\nregion = us-east-1\n\n\
             [profile settings-only]\nregion = us-west-2\n\n\
             [profile unreachable]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:9\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n\
             [sso-session team]\nsso_start_url = https://team.awsapps.com/start\nsso_region = us-east-1\n"
        ),
    );
    write(
        h,
        "aws/credentials",
        &format!(
            "[static]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n\n\
             [unreachable]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"
        ),
    );
    // `corp` signed in long ago (no refresh token): expired. `team` is valid until 2099.
    write(
        h,
        &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
        &format!("{{\"accessToken\":\"{SSO_ACCESS_TOKEN}\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"startUrl\":\"https://corp.awsapps.com/start\"}}"),
    );
    write(
        h,
        &format!(".aws/sso/cache/{}.json", sha1_hex("team")),
        &format!("{{\"accessToken\":\"{SSO_ACCESS_TOKEN}\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"startUrl\":\"https://team.awsapps.com/start\"}}"),
    );
    std::fs::create_dir_all(h.join("bin")).unwrap();
    home
}

/// The environment the session reads: the fixture files through AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE, PATH without any cloud CLI.
fn env_of(home: &Path, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut env = vec![
        (
            "AWS_CONFIG_FILE".to_string(),
            home.join("aws/config").display().to_string(),
        ),
        (
            "AWS_SHARED_CREDENTIALS_FILE".to_string(),
            home.join("aws/credentials").display().to_string(),
        ),
        (
            "PATH".to_string(),
            format!("{}:/usr/bin:/bin", home.join("bin").display()),
        ),
        (
            "KUBECONFIG".to_string(),
            home.join("no-kubeconfig").display().to_string(),
        ),
    ];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    env
}

fn session(home: &Path, extra: &[(&str, &str)]) -> Session {
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    s.set_credentials_context(home.to_path_buf(), env_of(home, extra));
    s
}

fn find<'a>(r: &'a CredentialReport, cloud: CredentialCloud, ctx: &str) -> &'a CredentialEntry {
    r.entries
        .iter()
        .find(|e| e.cloud == cloud && e.context.as_deref() == Some(ctx))
        .unwrap_or_else(|| panic!("no {cloud:?} entry {ctx}: {r:#?}"))
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [
        SECRET_ACCESS_KEY,
        SSO_ACCESS_TOKEN,
        ACCESS_KEY_ID,
        FAKE_DB_PASSWORD,
    ] {
        assert!(
            !text.contains(secret),
            "{what} contains a secret ({}…)",
            &secret[..8]
        );
    }
}

#[test]
fn the_report_reads_every_profile_from_files_only() {
    // The endpoint leads nowhere: an offline report must not need it.
    let home = aws_home("http://127.0.0.1:9");
    let s = session(home.path(), &[("AWS_PROFILE", "sso-expired")]);
    let started = Instant::now();
    let r = s.credential_report().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "files only: {:?}",
        started.elapsed()
    );
    assert_no_secret("report", &serde_json::to_string(&r).unwrap());
    assert_eq!(r.active_aws.as_deref(), Some("sso-expired"));

    let e = find(&r, CredentialCloud::Aws, "sso-expired");
    assert_eq!(e.status, CredentialStatus::Expired, "{e:#?}");
    assert_eq!(
        e.fix.as_deref(),
        Some("aws sso login --profile sso-expired")
    );
    assert_eq!(e.expires_at.as_deref(), Some("2020-01-01T00:00:00Z"));
    assert_eq!(
        e.identity.as_deref(),
        Some("role Admin in account 111122223333")
    );
    assert!(e.active && !e.verified && e.can_check_live, "{e:#?}");

    let v = find(&r, CredentialCloud::Aws, "sso-valid");
    assert_eq!(v.status, CredentialStatus::Ok, "{v:#?}");
    assert_eq!(v.expires_at.as_deref(), Some("2099-01-01T00:00:00Z"));
    assert_eq!(v.fix, None);
    assert!(!v.active);

    let st = find(&r, CredentialCloud::Aws, "static");
    assert_eq!(st.status, CredentialStatus::Ok);
    assert_eq!(st.identity.as_deref(), Some("access key AKIA…1234"));
    assert!(st.message.contains("Not checked with AWS"), "{st:#?}");

    let role = find(&r, CredentialCloud::Aws, "role");
    assert_eq!(role.status, CredentialStatus::Ok);
    assert_eq!(
        role.identity.as_deref(),
        Some("arn:aws:iam::123456789012:role/deployer")
    );

    let so = find(&r, CredentialCloud::Aws, "settings-only");
    assert_eq!(so.status, CredentialStatus::Missing);
    assert_eq!(
        so.fix.as_deref(),
        Some("aws configure --profile settings-only")
    );
    assert!(!so.can_check_live, "no credentials: nothing to ask AWS");

    // The other clouds: nothing configured in this home, each with the command to start.
    let other = |cloud| {
        r.entries
            .iter()
            .find(|e| e.cloud == cloud)
            .unwrap_or_else(|| panic!("no {cloud:?} entry"))
    };
    let az = other(CredentialCloud::Azure);
    assert_eq!(
        (az.status, az.fix.as_deref()),
        (CredentialStatus::Missing, Some("az login"))
    );
    let gcp = other(CredentialCloud::Gcp);
    assert_eq!(
        (gcp.status, gcp.fix.as_deref()),
        (
            CredentialStatus::Missing,
            Some("gcloud auth application-default login")
        )
    );
    assert_eq!(
        other(CredentialCloud::Kubernetes).status,
        CredentialStatus::Missing
    );
    assert!(r
        .entries
        .iter()
        .all(|e| !e.can_check_live || e.cloud == CredentialCloud::Aws));
}

#[test]
fn an_sso_login_is_seen_on_recheck_and_unknown_profiles_are_reported() {
    let home = aws_home("http://127.0.0.1:9");
    let s = session(home.path(), &[("AWS_PROFILE", "sso-expired")]);
    let before = s.credential_report().unwrap();
    assert_eq!(
        find(&before, CredentialCloud::Aws, "sso-expired").status,
        CredentialStatus::Expired
    );
    // What `aws sso login --profile sso-expired` leaves behind: a fresh token.
    write(
        home.path(),
        &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
        &format!(
            "{{\"accessToken\":\"{SSO_ACCESS_TOKEN}\",\"expiresAt\":\"2099-06-01T00:00:00Z\"}}"
        ),
    );
    let after = s
        .recheck_credential(CredentialCloud::Aws, Some("sso-expired".into()))
        .unwrap();
    let e = find(&after, CredentialCloud::Aws, "sso-expired");
    assert_eq!(e.status, CredentialStatus::Ok, "{e:#?}");
    assert_eq!(e.expires_at.as_deref(), Some("2099-06-01T00:00:00Z"));
    assert_eq!(e.fix, None);

    // A profile named by AWS_PROFILE that the files lack: runs would fail, so it is said.
    let s = session(home.path(), &[("AWS_PROFILE", "prod typo")]);
    let r = s.credential_report().unwrap();
    assert_eq!(r.active_aws.as_deref(), Some("prod typo"));
    let e = find(&r, CredentialCloud::Aws, "prod typo");
    assert_eq!(e.status, CredentialStatus::Missing);
    assert!(e.active);
    assert_eq!(
        e.fix.as_deref(),
        Some("aws configure --profile 'prod typo'")
    );

    // Credentials in the environment come first and are the active context.
    let s = session(
        home.path(),
        &[
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ],
    );
    let r = s.credential_report().unwrap();
    assert_eq!(r.active_aws.as_deref(), Some("(environment)"));
    assert_eq!(r.entries[0].context.as_deref(), Some("(environment)"));
    assert!(r.entries[0].active);
    assert_no_secret("report", &serde_json::to_string(&r).unwrap());
}

/// A moto server on a free loopback port, killed when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto() -> Option<Moto> {
    if std::env::var("ORBIS_SKIP_MOTO").as_deref() == Ok("1") {
        eprintln!("SKIPPED: ORBIS_SKIP_MOTO=1 (this test needs a moto server)");
        return None;
    }
    let program = std::env::var_os("ORBIS_MOTO_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default())
                .join(".cache/terraorbis/venv/bin/moto_server")
        });
    assert!(
        program.is_file(),
        "moto is not installed ({}): run .ci/install (or ORBIS_SKIP_MOTO=1 to skip)",
        program.display()
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(&program)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let m = Moto {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let up = TcpStream::connect(("127.0.0.1", port))
            .ok()
            .and_then(|mut s| {
                s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
                write!(
                    s,
                    "GET /moto-api/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )
                .ok()?;
                let mut out = String::new();
                s.read_to_string(&mut out).ok()?;
                Some(out.contains(" 200 "))
            });
        if up == Some(true) {
            return Some(m);
        }
        assert!(Instant::now() < deadline, "moto did not start within 90 s");
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn check_live_asks_sts_only_when_asked() {
    let Some(moto) = moto() else { return };
    let home = aws_home(&moto.url);
    let s = session(home.path(), &[("AWS_PROFILE", "static")]);
    let r = s.credential_report().unwrap();
    assert!(!find(&r, CredentialCloud::Aws, "static").verified);

    let live = s
        .check_credential_live(CredentialCloud::Aws, Some("static"))
        .unwrap();
    assert_eq!(live.status, CredentialStatus::Ok, "{live:#?}");
    assert!(live.verified && live.checked_at.is_some() && live.active);
    assert_eq!(
        live.identity.as_deref(),
        Some("arn:aws:sts::123456789012:user/moto (account 123456789012)")
    );
    // The report keeps the live verdict for the session…
    let r = s.credential_report().unwrap();
    let e = find(&r, CredentialCloud::Aws, "static");
    assert!(e.verified && e.active, "{e:#?}");
    assert_eq!(e.identity, live.identity);
    // …until that context is re-checked.
    let r = s
        .recheck_credential(CredentialCloud::Aws, Some("static".into()))
        .unwrap();
    assert!(!find(&r, CredentialCloud::Aws, "static").verified);

    // Assume-role through moto: the role's session.
    let role = s
        .check_credential_live(CredentialCloud::Aws, Some("role"))
        .unwrap();
    assert_eq!(role.status, CredentialStatus::Ok, "{role:#?}");
    assert!(role
        .identity
        .as_deref()
        .unwrap()
        .starts_with("arn:aws:sts::123456789012:assumed-role/deployer/"));
    assert!(role.expires_at.is_some());

    // An expired SSO sign-in is told from the cache, with its fix.
    let e = s
        .check_credential_live(CredentialCloud::Aws, Some("sso-expired"))
        .unwrap();
    assert_eq!(e.status, CredentialStatus::Expired);
    assert_eq!(
        e.fix.as_deref(),
        Some("aws sso login --profile sso-expired")
    );

    // An endpoint that refuses connections: an error in plain words, within the timeout.
    let started = Instant::now();
    let e = s
        .check_credential_live(CredentialCloud::Aws, Some("unreachable"))
        .unwrap();
    assert_eq!(e.status, CredentialStatus::Error, "{e:#?}");
    assert!(started.elapsed() < Duration::from_secs(26));
    assert!(
        !e.message.contains("Error {"),
        "no debug dumps: {}",
        e.message
    );

    // Not an AWS profile of these files.
    let err = s
        .check_credential_live(CredentialCloud::Aws, Some("nope"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_no_secret("live verdicts", &format!("{live:?}{role:?}{e:?}"));
}

/// A run's history names who ran it: the identity a "Check live" proved for the run's AWS
/// profile, else the profile marked unverified — decided offline when the run starts.
#[test]
fn a_run_records_the_identity_a_live_check_verified() {
    let Some(moto) = moto() else { return };
    if orbis_runner::which("terraform").is_none() {
        panic!("this test needs `terraform` on PATH (1.x)");
    }
    let home = aws_home(&moto.url);
    let s = session(home.path(), &[("AWS_PROFILE", "static")]);
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "main.tf",
        "resource \"terraform_data\" \"x\" {}\n",
    );
    let data = tempfile::tempdir().unwrap();
    s.open_workspace(ws.path()).unwrap();
    s.set_runs_dir(Some(data.path().to_path_buf()));
    s.set_run_env(vec![
        ("TF_CLI_CONFIG_FILE".into(), "/dev/null".into()),
        ("AWS_PROFILE".into(), "static".into()),
    ]);

    // Not checked yet: the profile, marked unverified.
    let (run, _) = plan(&s);
    assert_eq!(run.identity.as_deref(), Some("aws:static (unverified)"));

    let live = s
        .check_credential_live(CredentialCloud::Aws, Some("static"))
        .unwrap();
    assert_eq!(live.status, CredentialStatus::Ok, "{live:#?}");
    // The moto server is gone: starting a run must not need it.
    drop(moto);
    let (run, _) = plan(&s);
    assert_eq!(run.status, RunStatus::Succeeded);
    assert_eq!(
        run.identity.as_deref(),
        Some("aws:static arn:aws:sts::123456789012:user/moto (account 123456789012) (verified)")
    );
    // Re-checking the files drops the live verdict: unverified again.
    s.recheck_credential(CredentialCloud::Aws, Some("static".into()))
        .unwrap();
    let (run, _) = plan(&s);
    assert_eq!(run.identity.as_deref(), Some("aws:static (unverified)"));
    assert_no_secret("run identity", &format!("{run:?}"));
}

// ---- Run secrets against a real Secret Service, read by a real terraform run ----

const INSIDE: &str = "ORBIS_TEST_KEYRING_CHILD";

/// Re-runs `test` inside `tests/keyring/with-secret-service` (a private, unlocked
/// gnome-keyring on its own D-Bus session) unless this process is already that child.
fn in_secret_service(test: &str, extra_env: &[(&str, &str)]) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        return true;
    }
    if std::env::var("ORBIS_SKIP_SECRET_SERVICE").as_deref() == Ok("1") {
        eprintln!("SKIPPED: ORBIS_SKIP_SECRET_SERVICE=1 (this test needs gnome-keyring and D-Bus)");
        return false;
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/keyring/with-secret-service");
    let out = Command::new("bash")
        .arg(script)
        .arg(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(INSIDE, "1")
        .envs(extra_env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the test failed in its child process ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(
        !stdout.contains(FAKE_DB_PASSWORD) && !stderr.contains(FAKE_DB_PASSWORD),
        "a secret was printed"
    );
    false
}

const SECRET_TF: &str = r#"
variable "db_password" {
  type      = string
  sensitive = true
}
resource "terraform_data" "db" {
  input = "configured"
  lifecycle {
    precondition {
      condition     = var.db_password == "orbisFAKEdbPASSWORD-doNOTleak!$"
      error_message = "The run did not get the db_password secret."
    }
  }
}
output "db_password" {
  value     = var.db_password
  sensitive = true
}
"#;

fn plan(s: &Session) -> (RunSummary, Vec<String>) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink: RunSink = Arc::new(move |m| {
        let _ = tx.lock().unwrap().send(m);
    });
    let started = s
        .start_run(
            &StartRunRequest {
                kind: RunKind::Plan,
                environment: None,
                plan_run_id: None,
                typed_confirmation: String::new(),
            },
            sink,
        )
        .unwrap();
    let mut lines = Vec::new();
    loop {
        let m: RunEventMessage = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the run finishes");
        assert_eq!(m.run_id, started.id);
        match m.update {
            RunUpdate::Log { line, .. } => lines.push(line),
            RunUpdate::Finished { run } => return (run, lines),
            _ => {}
        }
    }
}

#[test]
fn run_secrets_live_in_the_keychain_and_reach_terraform() {
    if !in_secret_service("run_secrets_live_in_the_keychain_and_reach_terraform", &[]) {
        return;
    }
    assert!(
        orbis_runner::which("terraform").is_some(),
        "this test needs `terraform` on PATH (1.x)"
    );
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "main.tf", SECRET_TF);
    let data = tempfile::tempdir().unwrap();
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    s.set_secret_service(&format!("terraorbis-test-{}", std::process::id()));
    s.open_workspace(ws.path()).unwrap();
    s.set_runs_dir(Some(data.path().to_path_buf()));
    s.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);

    let listed = s.run_secrets().unwrap();
    assert!(listed.available && listed.names.is_empty(), "{listed:?}");

    // Without the secret terraform has no value for the variable: the plan fails.
    let (run, _) = plan(&s);
    assert_eq!(run.status, RunStatus::Failed);

    let listed = s
        .set_run_secret("TF_VAR_db_password", FAKE_DB_PASSWORD.to_string())
        .unwrap();
    assert_eq!(listed.names, ["TF_VAR_db_password"]);
    assert_eq!(
        s.set_run_secret("not a name", "x".into()).unwrap_err().code,
        ErrorCode::SecretInvalid
    );
    assert_eq!(
        s.set_run_secret("TF_VAR_empty", String::new())
            .unwrap_err()
            .code,
        ErrorCode::SecretInvalid
    );

    // It is in the Secret Service, under the workspace's own service.
    let service = format!(
        "terraorbis-test-{}:{}",
        std::process::id(),
        ws.path().canonicalize().unwrap().display()
    );
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            &service,
            "username",
            "TF_VAR_db_password",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), FAKE_DB_PASSWORD);

    // A run gets it: the precondition compares it, and nothing shows it.
    let (run, lines) = plan(&s);
    assert_eq!(run.status, RunStatus::Succeeded, "{lines:#?}");
    let log = s.run_log(run.id).unwrap().log;
    assert_no_secret("run log", &format!("{log}\n{}", lines.join("\n")));

    // Another workspace does not see this one's secrets.
    let other = tempfile::tempdir().unwrap();
    s.open_workspace(other.path()).unwrap();
    assert!(s.run_secrets().unwrap().names.is_empty());
    s.open_workspace(ws.path()).unwrap();

    let listed = s.delete_run_secret("TF_VAR_db_password").unwrap();
    assert!(listed.names.is_empty());
    let (run, _) = plan(&s);
    assert_eq!(run.status, RunStatus::Failed, "the secret is gone");
}

#[test]
fn without_a_keychain_secrets_are_refused_and_runs_still_start() {
    if std::env::var_os(INSIDE).is_none() {
        // A session bus that leads nowhere: no Secret Service.
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "without_a_keychain_secrets_are_refused_and_runs_still_start",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(INSIDE, "1")
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/orbis-no-bus",
            )
            .env("XDG_RUNTIME_DIR", "/nonexistent/orbis-no-runtime")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "child failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "main.tf",
        "resource \"terraform_data\" \"x\" {}\n",
    );
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    s.open_workspace(ws.path()).unwrap();
    let listed = s.run_secrets().unwrap();
    assert!(!listed.available);
    let problem = listed.problem.unwrap();
    assert_eq!(problem.code, ErrorCode::KeychainUnavailable);
    assert!(
        problem.hint.contains("never stored in plain text"),
        "{problem:?}"
    );
    let e = s
        .set_run_secret("TF_VAR_db_password", FAKE_DB_PASSWORD.into())
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::KeychainUnavailable);
    assert_no_secret("error", &format!("{e:?}"));
    // Nothing was written in the workspace instead.
    let files: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files, ["main.tf"]);
    // A run without secrets does not need the keychain.
    if orbis_runner::which("terraform").is_some() {
        let data = tempfile::tempdir().unwrap();
        s.set_runs_dir(Some(data.path().to_path_buf()));
        s.set_run_env(vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())]);
        let (run, lines) = plan(&s);
        assert_eq!(run.status, RunStatus::Succeeded, "{lines:#?}");
    }
}

/// "Check live" of the Azure row: azure_identity's Azure CLI credential really runs `az account
/// get-access-token`; `az` here is a stand-in script on the session's PATH (the real CLI needs
/// a Microsoft sign-in). The token never reaches the verdict; an expired sign-in says `az login`.
#[test]
fn azure_check_live_runs_the_cli_credential_and_keeps_the_token_out() {
    const PROFILE: &str = "\u{feff}{\"subscriptions\": [{\"id\": \"00000000-0000-0000-0000-0000000000aa\", \"name\": \"Platform Prod\", \"state\": \"Enabled\", \"user\": {\"name\": \"ops@example.com\", \"type\": \"user\"}, \"isDefault\": true, \"tenantId\": \"11111111-2222-3333-4444-555555555555\", \"environmentName\": \"AzureCloud\"}]}";
    const TOKEN: &str = "eyJorbisFAKEazureTOKENdoNOTleak";
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    write(h, "azcfg/azureProfile.json", PROFILE);
    let az = write(
        h,
        "bin/az",
        &format!(
            "#!/bin/sh\nprintf '{{\"accessToken\": \"{TOKEN}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"subscription\": \"00000000-0000-0000-0000-0000000000aa\", \"tenant\": \"11111111-2222-3333-4444-555555555555\", \"tokenType\": \"Bearer\"}}'\n"
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let azcfg = h.join("azcfg").display().to_string();
    let s = session(h, &[("AZURE_CONFIG_DIR", azcfg.as_str())]);

    let report = s.credential_report().unwrap();
    let row = find(&report, CredentialCloud::Azure, "Platform Prod");
    assert!(row.can_check_live, "{row:#?}");
    assert!(!row.verified);
    // Kubernetes rows are never checked live here; AWS rows without credentials neither.
    assert!(report
        .entries
        .iter()
        .filter(|e| e.cloud == CredentialCloud::Kubernetes)
        .all(|e| !e.can_check_live));

    let live = s
        .check_credential_live(CredentialCloud::Azure, Some("Platform Prod"))
        .unwrap();
    assert_eq!(live.status, CredentialStatus::Ok, "{live:#?}");
    assert!(live.verified);
    assert_eq!(live.identity.as_deref(), Some("ops@example.com"));
    assert_eq!(live.context.as_deref(), Some("Platform Prod"));
    let json = serde_json::to_string(&live).unwrap();
    assert!(!json.contains(TOKEN), "token leaked: {json}");
    // The verdict replaces the row in the next report.
    let again = s.credential_report().unwrap();
    assert!(find(&again, CredentialCloud::Azure, "Platform Prod").verified);

    // The sign-in expired: the CLI says so, the verdict says what to run.
    std::fs::write(
        &az,
        "#!/bin/sh\necho 'ERROR: AADSTS700082: The refresh token has expired due to inactivity.' >&2\necho 'az login' >&2\nexit 1\n",
    )
    .unwrap();
    let expired = s
        .check_credential_live(CredentialCloud::Azure, Some("Platform Prod"))
        .unwrap();
    assert_eq!(expired.status, CredentialStatus::Expired, "{expired:#?}");
    assert_eq!(expired.fix.as_deref(), Some("az login"));

    // A context the report does not have is refused by name.
    let err = s
        .check_credential_live(CredentialCloud::Gcp, Some("nope"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
