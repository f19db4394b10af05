//! `cargo xtask bench drift`: a live AWS inventory scan of ~1,000 resources in a moto server
//! on loopback, through the real `orbis drift --live aws` (issue 12). xtask must not depend
//! on the AWS SDK (Architecture Invariant), so it runs the CLI binary built with the `cloud`
//! feature; moto and the seed script (boto3) come from the project's Python test venv.

use anyhow::{bail, Context};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct DriftBenchArgs {
    /// Resources to create in moto (VPCs, subnets, security groups, volumes, instances, IAM
    /// users, target groups, Lambda functions, RDS DB instances).
    #[arg(long, default_value_t = 1_000)]
    resources: usize,
    /// Scans to time (the figures are min and median).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// An `orbis` binary built with `--features cloud` (default: build the release one).
    #[arg(long)]
    orbis: Option<PathBuf>,
}

struct Moto(Child);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn venv() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cache/terraorbis/venv/bin")
}

pub fn run(args: DriftBenchArgs) -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let orbis = match args.orbis {
        Some(p) => p,
        None => {
            let status = Command::new(env!("CARGO"))
                .args([
                    "build",
                    "--release",
                    "-p",
                    "orbis-cli",
                    "--features",
                    "cloud",
                ])
                .status()
                .context("run cargo")?;
            if !status.success() {
                bail!("building orbis with the cloud feature failed");
            }
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target"));
            target.join("release/orbis")
        }
    };
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let url = format!("http://127.0.0.1:{port}");
    let _moto = Moto(
        Command::new(venv().join("moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("start moto_server from ~/.cache/terraorbis/venv (run .ci/install)")?,
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("moto_server did not listen within 60 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let t = Instant::now();
    let seed = Command::new(venv().join("python"))
        .arg(root.join("crates/cloud/tests/moto_seed.py"))
        .args([&url, "eu-west-1", "bulk", &args.resources.to_string()])
        .output()
        .context("run the seed script")?;
    if !seed.status.success() {
        bail!("seeding failed: {}", String::from_utf8_lossy(&seed.stderr));
    }
    let seeded: serde_json::Value = serde_json::from_slice(&seed.stdout)?;
    println!(
        "seeded {} resources in moto in {:.1} s",
        seeded["ids"]["created"],
        t.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir()?;
    let state = dir.path().join("empty.tfstate");
    std::fs::write(
        &state,
        r#"{"version":4,"serial":1,"lineage":"bench","outputs":{},"resources":[]}"#,
    )?;
    let key = &seeded["admin"];
    let mut walls = Vec::new();
    let mut scans = Vec::new();
    let mut found = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let out = Command::new(&orbis)
            .args(["drift", "--state"])
            .arg(&state)
            .args(["--live", "aws", "--region", "eu-west-1", "--format", "json"])
            .env_clear()
            .env("HOME", dir.path())
            .env("PATH", "/usr/bin:/bin")
            .env(
                "AWS_ACCESS_KEY_ID",
                key["access_key_id"].as_str().unwrap_or(""),
            )
            .env(
                "AWS_SECRET_ACCESS_KEY",
                key["secret_access_key"].as_str().unwrap_or(""),
            )
            .env("AWS_ENDPOINT_URL", &url)
            .output()
            .with_context(|| format!("run {}", orbis.display()))?;
        walls.push(t.elapsed().as_secs_f64() * 1000.0);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) {
            bail!("orbis drift --live aws failed ({}): {stderr}", out.status);
        }
        let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        found = report["summary"]["unmanaged"].as_u64().unwrap_or(0);
        // "scanned N live resources in X ms (…)"
        if let Some(ms) = stderr
            .split("live resources in ")
            .nth(1)
            .and_then(|s| s.split(" ms").next())
            .and_then(|s| s.parse::<f64>().ok())
        {
            scans.push(ms);
        }
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (
            v.first().copied().unwrap_or(0.0),
            v.get(v.len() / 2).copied().unwrap_or(0.0),
        )
    };
    let (scan_min, scan_med) = stats(&mut scans);
    let (wall_min, wall_med) = stats(&mut walls);
    println!("binary: {}", orbis.display());
    println!("live resources classified: {found} (all unmanaged against an empty state)");
    println!(
        "scan (STS, 5 EC2 Describe calls, S3, RDS, IAM ×3, ELBv2 ×2 and Lambda listings, every page): min {scan_min:.0} ms, median {scan_med:.0} ms"
    );
    println!(
        "orbis drift --live aws, whole command: min {wall_min:.0} ms, median {wall_med:.0} ms"
    );
    Ok(())
}
