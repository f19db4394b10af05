//! Test peers and fixtures shared by the integration tests: a real moto server on loopback
//! (AWS), temp homes with fake cloud configuration, and the fake secrets whose absence from
//! every output the tests assert.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Fake AWS keys (never valid anywhere); outputs are scanned for the secret.
pub const ACCESS_KEY_ID: &str = "AKIAORBISTESTKEY1234";
pub const SECRET_ACCESS_KEY: &str = "orbisFAKEsecretKEYdoNOTleak0123456789abcd";
pub const SESSION_TOKEN: &str = "orbisFAKEsessionTOKENdoNOTleak";

/// A moto server (`moto_server` from the project's Python test environment) on a free
/// loopback port, killed when dropped.
pub struct Moto {
    child: Child,
    pub url: String,
    _log: tempfile::NamedTempFile,
}

impl Moto {
    /// Starts moto, or returns None (after saying so) when `ORBIS_SKIP_MOTO=1`. Without moto
    /// installed the test fails: CI must have it.
    pub fn start() -> Option<Moto> {
        Self::start_with_env(&[])
    }

    pub fn start_with_env(env: &[(&str, &str)]) -> Option<Moto> {
        if std::env::var("ORBIS_SKIP_MOTO").as_deref() == Ok("1") {
            eprintln!("SKIPPED: ORBIS_SKIP_MOTO=1 (this test needs a moto server)");
            return None;
        }
        let program = moto_server();
        assert!(
            program.is_file(),
            "moto is not installed ({} is missing): run .ci/install, which installs moto[server] \
             into ~/.cache/terraorbis/venv (or set ORBIS_MOTO_SERVER to a moto_server, or \
             ORBIS_SKIP_MOTO=1 to skip these tests)",
            program.display()
        );
        let port = free_port();
        let log = tempfile::NamedTempFile::new().unwrap();
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .envs(env.iter().copied())
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(log.reopen().unwrap())
            .stderr(log.reopen().unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let mut moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
            _log: log,
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if http_get(port, "/moto-api/")
                .is_some_and(|s| s.starts_with("HTTP/1.1 200") || s.starts_with("HTTP/1.0 200"))
            {
                return Some(moto);
            }
            if let Ok(Some(status)) = moto.child.try_wait() {
                let log = std::fs::read_to_string(moto._log.path()).unwrap_or_default();
                panic!("moto_server exited ({status}) before listening:\n{log}");
            }
            assert!(
                Instant::now() < deadline,
                "moto_server did not listen on port {port} within 90 s"
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test environment's Python (boto3 for seeding moto), installed by `.ci/install`.
pub fn venv_python() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cache/terraorbis/venv/bin/python")
}

fn moto_server() -> PathBuf {
    if let Some(p) = std::env::var_os("ORBIS_MOTO_SERVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cache/terraorbis/venv/bin/moto_server")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect_timeout(
        &format!("127.0.0.1:{port}").parse().unwrap(),
        Duration::from_millis(500),
    )
    .ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// A temp home folder with helpers to write cloud configuration into it.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn write_exec(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.write(rel, text);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        p
    }

    /// An empty `bin/` folder for PATH (so no real cloud CLI of the machine is found).
    pub fn bin(&self) -> PathBuf {
        let p = self.dir.path().join("bin");
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    /// A context with this home and only these variables (PATH = this home's bin/ + /bin).
    pub fn context(&self, vars: &[(&str, &str)]) -> orbis_cloud::Context {
        let mut env: Vec<(String, String)> = vec![(
            "PATH".into(),
            format!("{}:/usr/bin:/bin", self.bin().display()),
        )];
        env.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        orbis_cloud::Context::new(self.path(), env)
    }
}

/// Fails when any of the fake secrets appears in `text`.
pub fn assert_no_secret(what: &str, text: &str) {
    for secret in [SECRET_ACCESS_KEY, SESSION_TOKEN, ACCESS_KEY_ID] {
        assert!(
            !text.contains(secret),
            "{what} contains a secret ({}…):\n{text}",
            &secret[..8]
        );
    }
}

/// A moto server seeded by `tests/moto_seed.py SCENARIO` (boto3 from the test venv); `out` is
/// the script's JSON (`ids` by name, and each created user's keys by user name).
pub struct Seeded {
    pub moto: Moto,
    pub out: serde_json::Value,
}

/// Starts moto and seeds it; `enforce_iam`: moto checks signatures and policies after the
/// seed's six bootstrap calls.
pub fn seeded(scenario: &str, enforce_iam: bool) -> Option<Seeded> {
    let moto = if enforce_iam {
        Moto::start_with_env(&[("INITIAL_NO_AUTH_ACTION_COUNT", "6")])?
    } else {
        Moto::start()?
    };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/moto_seed.py");
    let out = Command::new(venv_python())
        .arg(&script)
        .args([moto.url.as_str(), "eu-west-1", scenario])
        .output()
        .expect("run the seed script with the test venv's python");
    assert!(
        out.status.success(),
        "seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = serde_json::from_slice(&out.stdout).expect("the seed script prints JSON");
    Some(Seeded { moto, out })
}

impl Seeded {
    pub fn id(&self, name: &str) -> String {
        self.out["ids"][name].as_str().unwrap().to_string()
    }

    /// The cloud context of seeded user `user` (its keys), pointed at this moto in eu-west-1.
    pub fn context(&self, home: &Home, user: &str) -> orbis_cloud::Context {
        let key = &self.out[user];
        home.context(&[
            ("AWS_ACCESS_KEY_ID", key["access_key_id"].as_str().unwrap()),
            (
                "AWS_SECRET_ACCESS_KEY",
                key["secret_access_key"].as_str().unwrap(),
            ),
            ("AWS_ENDPOINT_URL", &self.moto.url),
            ("AWS_REGION", "eu-west-1"),
        ])
    }
}
