//! `cargo xtask <task>`: benchmarks print wall time, throughput, peak RSS and ratios against
//! the peer tools. Speed goals are checked here, never in timed unit tests.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Run a benchmark and print its figures.
    #[command(subcommand)]
    Bench(Bench),
}

#[derive(Subcommand)]
enum Bench {}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Bench(b) => match b {},
    }
}
