//! Run secrets against a real Secret Service: each test re-runs itself inside
//! `tests/keyring/with-secret-service` (a private D-Bus session with gnome-keyring-daemon,
//! unlocked, keyring in a temp folder), so it never touches the user's own keyring. The "no
//! keychain" test re-runs itself with a session bus address that leads nowhere.
//!
//! keyring opens its store once per process, which is one more reason for a process per case.

use orbis_cloud::{ErrorCode, SecretStore};
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::process::Command;

const INSIDE: &str = "ORBIS_TEST_KEYRING_CHILD";
const FAKE_DB_PASSWORD: &str = "orbisFAKEdbPASSWORDdoNOTleak!$ \"'`";
const FAKE_TOKEN: &str = "ghp_orbisFAKEtokenDoNotLeak0000000000";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// True when this process is the child that runs the test body. Otherwise runs the child
/// (`how` prepares its command) and checks that it passed.
fn in_child(test: &str, how: impl FnOnce(&mut Command)) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        return true;
    }
    if std::env::var("ORBIS_SKIP_SECRET_SERVICE").as_deref() == Ok("1") {
        eprintln!("SKIPPED: ORBIS_SKIP_SECRET_SERVICE=1 (this test needs gnome-keyring and D-Bus)");
        return false;
    }
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(&exe);
    how(&mut cmd);
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(INSIDE, "1");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the test failed in its child process ({}):\n{stdout}\n{stderr}",
        out.status
    );
    for secret in [FAKE_DB_PASSWORD, FAKE_TOKEN] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "a secret was printed"
        );
    }
    false
}

/// Runs the child inside a private Secret Service.
fn with_secret_service(cmd: &mut Command) {
    let script = repo_root().join("tests/keyring/with-secret-service");
    let program = cmd.get_program().to_owned();
    let mut wrapped = Command::new("bash");
    wrapped.arg(script).arg(program);
    *cmd = wrapped;
}

#[test]
fn secrets_round_trip_through_a_real_secret_service() {
    if !in_child(
        "secrets_round_trip_through_a_real_secret_service",
        with_secret_service,
    ) {
        return;
    }
    let service = format!("terraorbis-test-{}", std::process::id());
    let store = SecretStore::open_service(&service).expect("the private Secret Service is up");
    assert_eq!(store.list().unwrap(), Vec::<String>::new());

    store
        .set("TF_VAR_db_password", &SecretString::from(FAKE_DB_PASSWORD))
        .unwrap();
    store
        .set("GITHUB_TOKEN", &SecretString::from("first"))
        .unwrap();
    store
        .set("GITHUB_TOKEN", &SecretString::from(FAKE_TOKEN))
        .unwrap();
    assert_eq!(
        store.get("TF_VAR_db_password").unwrap().expose_secret(),
        FAKE_DB_PASSWORD
    );
    assert_eq!(
        store.get("GITHUB_TOKEN").unwrap().expose_secret(),
        FAKE_TOKEN
    );
    assert_eq!(
        store.list().unwrap(),
        ["GITHUB_TOKEN", "TF_VAR_db_password"]
    );

    // It really is in the Secret Service: the standard client finds it.
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            &service,
            "username",
            "TF_VAR_db_password",
        ])
        .output()
        .expect("secret-tool (libsecret-tools) is installed by .ci/install");
    assert_eq!(String::from_utf8_lossy(&out.stdout), FAKE_DB_PASSWORD);

    // For a run: values by name, exposed only for the child's environment.
    let env = store
        .env_for_run(&["TF_VAR_db_password", "GITHUB_TOKEN"])
        .unwrap();
    assert!(
        !format!("{env:?}").contains(FAKE_TOKEN),
        "Debug hides values"
    );
    let child_env = orbis_cloud::secrets::expose_for_child(&env);
    let printed = Command::new("sh")
        .args(["-c", "printf %s \"$TF_VAR_db_password\""])
        .env_clear()
        .envs(child_env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&printed.stdout), FAKE_DB_PASSWORD);

    let e = store
        .env_for_run(&["TF_VAR_db_password", "MISSING_A", "MISSING_B"])
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::SecretNotFound);
    assert!(e.message.contains("MISSING_A, MISSING_B"), "{e:?}");

    assert!(store.delete("GITHUB_TOKEN").unwrap());
    assert!(!store.delete("GITHUB_TOKEN").unwrap());
    assert_eq!(
        store.get("GITHUB_TOKEN").unwrap_err().code,
        ErrorCode::SecretNotFound
    );
    assert_eq!(store.list().unwrap(), ["TF_VAR_db_password"]);
    assert_eq!(
        store
            .set("not a name", &SecretString::from("x"))
            .unwrap_err()
            .code,
        ErrorCode::SecretNameInvalid
    );

    // Another service does not see these.
    let other = SecretStore::open_service(&format!("{service}-other")).unwrap();
    assert!(other.list().unwrap().is_empty());
    assert_eq!(
        other.get("TF_VAR_db_password").unwrap_err().code,
        ErrorCode::SecretNotFound
    );

    assert!(store.delete("TF_VAR_db_password").unwrap());
    assert!(store.list().unwrap().is_empty());
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", &service])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).trim().is_empty(),
        "nothing left behind: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_locked_keyring_is_reported_not_bypassed() {
    if !in_child("a_locked_keyring_is_reported_not_bypassed", |cmd| {
        with_secret_service(cmd);
        cmd.env("ORBIS_KEYRING_LOCKED", "1");
    }) {
        return;
    }
    let store = SecretStore::open_service("terraorbis-locked-test").unwrap();
    let e = store
        .set("TF_VAR_x", &SecretString::from(FAKE_TOKEN))
        .unwrap_err();
    // gnome-keyring asks for an unlock prompt, which cannot be shown headless: refused.
    assert_eq!(e.code, ErrorCode::KeychainLocked, "{e:?}");
    assert!(e.hint.to_lowercase().contains("unlock"), "{e:?}");
    assert!(!e.message.contains(FAKE_TOKEN));
}

#[test]
fn without_a_secret_service_the_store_refuses() {
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_path_buf();
    if !in_child("without_a_secret_service_the_store_refuses", |cmd| {
        cmd.env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/orbis-no-bus",
        )
        .env("XDG_RUNTIME_DIR", "/nonexistent/orbis-no-runtime")
        .env("HOME", &home_path)
        .env("XDG_DATA_HOME", home_path.join("data"));
    }) {
        // Nothing was written anywhere in the child's home: no plain-text fallback.
        let left: Vec<_> = walk(home.path());
        assert!(
            left.is_empty(),
            "files written without a keychain: {left:?}"
        );
        return;
    }
    let e = SecretStore::open().unwrap_err();
    assert_eq!(e.code, ErrorCode::NoKeychain, "{e:?}");
    assert!(
        e.message == "No keyring (Secret Service) is running, so run secrets cannot be kept.",
        "{e:?}"
    );
    assert!(e.hint.contains("never stored in plain text"), "{e:?}");
    assert!(
        e.hint.contains("GNOME Keyring (gnome-keyring) or KWallet"),
        "{e:?}"
    );
    assert!(
        !e.hint.contains("zbus") && !e.message.contains("zbus"),
        "{e:?}"
    );
    // The same refusal from every other operation path.
    let e = SecretStore::open_service("terraorbis-other").unwrap_err();
    assert_eq!(e.code, ErrorCode::NoKeychain);
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
