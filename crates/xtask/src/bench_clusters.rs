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
    /// Measure what the desktop's webview receives instead: the app's coalescing forwarder
    /// (messages/s, deltas per message, latency to the `cluster-event` sink); runs orbis-app's
    /// `bench_cluster_batches` example.
    #[arg(long)]
    ui: bool,
    /// With --ui: pod updates go to this many pods only (repeated updates coalesce).
    #[arg(long)]
    hot: Option<usize>,
}

pub fn run(args: ClustersBenchArgs) -> anyhow::Result<()> {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "--release"]);
    if args.ui {
        cmd.args([
            "-p",
            "orbis-app",
            "--features",
            "clusters",
            "--example",
            "bench_cluster_batches",
            "--",
        ]);
        if let Some(hot) = args.hot {
            cmd.args(["--hot", &hot.to_string()]);
        }
    } else {
        cmd.args(["-p", "orbis-clusters", "--example", "bench_deltas", "--"]);
    }
    let status = cmd
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
