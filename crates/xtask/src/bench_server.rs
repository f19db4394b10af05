//! `cargo xtask bench server`: the team server's load benchmark (N clients × M records over
//! loopback, SQLite and a throw-away PostgreSQL cluster). It shells out to the
//! `orbis-server` bench example in release mode, so xtask gains no server dependency.

use anyhow::bail;
use std::process::Command;

#[derive(clap::Args)]
pub struct ServerBenchArgs {
    /// Concurrent clients.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Records each client pushes.
    #[arg(long, default_value_t = 250)]
    records: usize,
    /// Records per push request.
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Databases to measure: sqlite, postgres or both (comma-separated).
    #[arg(long, default_value = "sqlite,postgres")]
    db: String,
}

pub fn run(args: ServerBenchArgs) -> anyhow::Result<()> {
    // The example drives the real binary, which `cargo run --example` does not build.
    let built = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-p",
            "orbis-server",
            "--bin",
            "orbis-server",
        ])
        .status()?;
    if !built.success() {
        bail!("building orbis-server failed ({built})");
    }
    let status = Command::new(env!("CARGO"))
        .args([
            "run",
            "--release",
            "-p",
            "orbis-server",
            "--example",
            "bench",
            "--",
        ])
        .args(["--clients", &args.clients.to_string()])
        .args(["--records", &args.records.to_string()])
        .args(["--batch", &args.batch.to_string()])
        .args(["--db", &args.db])
        .status()?;
    if !status.success() {
        bail!("the server benchmark failed ({status})");
    }
    Ok(())
}
