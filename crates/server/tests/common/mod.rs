//! Test harness: the real `orbis-server` binary on 127.0.0.1, over a SQLite data directory or
//! a throw-away PostgreSQL cluster (initdb in a temp dir, on a free loopback port; as root it
//! runs as the `postgres` user, which PostgreSQL requires). Readiness is awaited by polling
//! /healthz and pg_ctl's `-w`, never by sleeping.
#![allow(dead_code)]

pub mod certs;
pub mod desktop;
pub mod governance;
pub mod idp;
pub mod requests;
pub mod scenarios;

use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub fn server_binary() -> PathBuf {
    if let Some(p) = option_env!("CARGO_BIN_EXE_orbis-server") {
        return PathBuf::from(p);
    }
    // Examples live in target/<profile>/examples/.
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .join("orbis-server")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

/// The folder of `initdb`/`pg_ctl`: on PATH, else Debian's newest
/// `/usr/lib/postgresql/<version>/bin` (the `postgresql` package does not put them on PATH).
fn pg_bin_dir() -> String {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).find(|d| d.join("initdb").is_file()))
        .unwrap_or_default();
    if let Some(dir) = on_path {
        return dir.display().to_string();
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin.display().to_string())
        .expect("PostgreSQL's initdb was not found (on PATH or /usr/lib/postgresql/*/bin): .ci/install installs the postgresql package")
}

/// A PostgreSQL cluster of its own, stopped and deleted on drop.
pub struct Postgres {
    dir: TempDir,
    pub port: u16,
    root: bool,
    bin: String,
}

impl Postgres {
    pub fn start() -> Postgres {
        let dir = tempfile::Builder::new()
            .prefix("orbis-pg-")
            .tempdir()
            .expect("temp dir");
        let root = is_root();
        if root {
            let ok = Command::new("chown")
                .arg("postgres")
                .arg(dir.path())
                .status();
            assert!(
                ok.map(|s| s.success()).unwrap_or(false),
                "chown postgres {:?}",
                dir.path()
            );
        }
        let d = dir.path().display().to_string();
        let port = free_port();
        let bin = pg_bin_dir();
        let script = format!(
            "{bin}/initdb -D {d}/data -A trust -U orbis -E UTF8 >{d}/initdb.log 2>&1 && \
             {bin}/pg_ctl -D {d}/data -w -t 60 -o '-k {d} -p {port} -c listen_addresses=127.0.0.1 -c fsync=on' -l {d}/log start >/dev/null"
        );
        let status = if root {
            Command::new("su")
                .args(["postgres", "-s", "/bin/sh", "-c", &script])
                .status()
        } else {
            Command::new("sh").args(["-c", &script]).status()
        }
        .expect("run initdb/pg_ctl (is PostgreSQL installed? .ci/install installs it)");
        assert!(
            status.success(),
            "PostgreSQL did not start; see {d}/initdb.log and {d}/log"
        );
        Postgres {
            dir,
            port,
            root,
            bin,
        }
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://orbis@127.0.0.1:{}/{database}", self.port)
    }

    /// A fresh database in this cluster.
    pub async fn create_database(&self, name: &str) -> String {
        let (client, conn) = tokio_postgres::connect(&self.url("postgres"), tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
        tokio::spawn(conn);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create database");
        self.url(name)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let d = self.dir.path().display().to_string();
        let script = format!(
            "{}/pg_ctl -D {d}/data -m immediate -w stop >/dev/null 2>&1",
            self.bin
        );
        let _ = if self.root {
            Command::new("su")
                .args(["postgres", "-s", "/bin/sh", "-c", &script])
                .status()
        } else {
            Command::new("sh").args(["-c", &script]).status()
        };
    }
}

/// Where a server keeps its data.
pub enum Backend {
    Sqlite {
        dir: TempDir,
    },
    Postgres {
        pg: Postgres,
        url: String,
        scratch: TempDir,
    },
}

impl Backend {
    pub fn sqlite() -> Backend {
        Backend::Sqlite {
            dir: tempfile::Builder::new()
                .prefix("orbis-server-")
                .tempdir()
                .unwrap(),
        }
    }

    pub async fn postgres() -> Backend {
        let pg = Postgres::start();
        let url = pg.create_database("orbis").await;
        Backend::Postgres {
            pg,
            url,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Backend::Postgres { .. })
    }

    /// `--data DIR` or `--database URL` arguments.
    pub fn db_args(&self) -> Vec<String> {
        match self {
            Backend::Sqlite { dir } => vec!["--data".into(), dir.path().display().to_string()],
            Backend::Postgres { url, scratch, .. } => vec![
                "--data".into(),
                scratch.path().display().to_string(),
                "--database".into(),
                url.clone(),
            ],
        }
    }

    pub fn log_dir(&self) -> &Path {
        match self {
            Backend::Sqlite { dir } => dir.path(),
            Backend::Postgres { scratch, .. } => scratch.path(),
        }
    }

    /// Runs `orbis-server <args> <db args>` (subcommands).
    pub fn cli(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(server_binary());
        cmd.args(args).args(self.db_args()).stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run orbis-server")
    }

    /// Executes SQL directly on the database (tampering, simulating time passing).
    pub async fn sql(&self, statement: &str) {
        match self {
            Backend::Sqlite { dir } => {
                let conn =
                    rusqlite::Connection::open(dir.path().join("orbis-server.sqlite3")).unwrap();
                conn.busy_timeout(Duration::from_secs(10)).unwrap();
                conn.execute_batch(statement).unwrap();
            }
            Backend::Postgres { url, .. } => {
                let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                let task = tokio::spawn(conn);
                client.batch_execute(statement).await.unwrap();
                drop(client);
                let _ = task.await;
            }
        }
    }

    /// One text value from the database.
    pub async fn sql_text(&self, query: &str) -> String {
        match self {
            Backend::Sqlite { dir } => {
                let conn =
                    rusqlite::Connection::open(dir.path().join("orbis-server.sqlite3")).unwrap();
                conn.query_row(query, [], |r| r.get(0)).unwrap()
            }
            Backend::Postgres { url, .. } => {
                let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                tokio::spawn(conn);
                client.query_one(query, &[]).await.unwrap().get(0)
            }
        }
    }
}

/// A running server process.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    pub base: String,
    pub log: PathBuf,
    args: Vec<String>,
}

impl Server {
    pub async fn start(backend: &Backend, extra: &[&str]) -> Server {
        Self::start_on(backend, free_port(), extra).await
    }

    pub async fn start_on(backend: &Backend, port: u16, extra: &[&str]) -> Server {
        let log = backend.log_dir().join(format!("server-{port}.log"));
        let mut args = vec!["--listen".to_string(), format!("127.0.0.1:{port}")];
        args.extend(backend.db_args());
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut server = Server {
            child: None,
            port,
            base: format!("http://127.0.0.1:{port}"),
            log,
            args,
        };
        server.spawn().await;
        server
    }

    async fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(server_binary())
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start orbis-server");
        self.child = Some(child);
        self.wait_ready().await;
    }

    /// Polls /healthz until it answers 200 (or the process died, or 60 s passed).
    pub async fn wait_ready(&mut self) {
        // reqwest has no crypto provider of its own in this build (see orbis-sync).
        orbis_sync::use_ring_for_tls();
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "orbis-server exited ({status}) before it was ready:\n{}",
                    self.log_text()
                );
            }
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "orbis-server not ready in 60 s:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGKILL: no chance to flush or finish anything.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().unwrap();
            c.wait().unwrap();
        }
    }

    /// SIGTERM and wait for the graceful exit.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(c.id().to_string())
                .status();
            c.wait().unwrap();
        }
    }

    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "stop or kill the server first");
        self.spawn().await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// A small JSON HTTP helper: (status, body as JSON or Null).
pub async fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    orbis_sync::use_ring_for_tls();
    let client = reqwest::Client::new();
    let mut req = client.request(method.parse().unwrap(), url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.expect("request");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap_or_default();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Asserts an error response carries the `{code, message, hint}` shape and this code.
pub fn assert_error(got: &(u16, Value), status: u16, code: &str) {
    assert_eq!(got.0, status, "status for {code}: body {}", got.1);
    assert_eq!(got.1["code"], code, "body {}", got.1);
    assert!(
        got.1["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message in {}",
        got.1
    );
    assert!(
        got.1["hint"].as_str().is_some_and(|m| !m.is_empty()),
        "hint in {}",
        got.1
    );
}
