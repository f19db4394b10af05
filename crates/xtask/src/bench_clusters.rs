//! `cargo xtask bench clusters`: the cluster views' delta pipeline (issue 11; goals p99 < 100
//! ms, RSS < 300 MB for 10,000 pods and 1,000 events/s). xtask must not depend on kube
//! (Architecture Invariant), so this runs orbis-clusters' own example, which prints the figures.

use anyhow::{bail, Context};
use std::process::Command;

#[derive(clap::Args)]
pub struct ClustersBenchArgs {
    /// Pods in the simulated cluster.
    #[arg(long, default_value_t = 10_000)]
    pods: usize,
    /// Watch events per second (half pod updates, half new Events).
    #[arg(long, default_value_t = 1_000)]
    rate: usize,
    /// How long the events flow.
    #[arg(long, default_value_t = 10)]
    seconds: usize,
}

pub fn run(args: ClustersBenchArgs) -> anyhow::Result<()> {
    let status = Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "orbis-clusters",
            "--example",
            "bench_deltas",
            "--",
        ])
        .args(["--pods", &args.pods.to_string()])
        .args(["--rate", &args.rate.to_string()])
        .args(["--seconds", &args.seconds.to_string()])
        .status()
        .context("run cargo")?;
    if !status.success() {
        bail!("the clusters benchmark failed ({status})");
    }
    Ok(())
}
