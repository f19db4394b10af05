//! `cargo xtask <task>`: benchmarks print wall time, throughput, peak RSS and ratios against
//! the peer tools. Speed goals are checked here, never in timed unit tests.

use clap::{Parser, Subcommand};

mod bench_cost;
mod bench_lint;
mod bench_parse;
mod bench_plan;

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
enum Bench {
    /// Cost estimate of a generated 10,000-resource plan (goal < 200 ms).
    Cost(bench_cost::CostBenchArgs),
    /// Lint of the real-world corpus: time, files/s, peak RSS, ratios to Checkov and to parsing.
    Lint(bench_lint::LintBenchArgs),
    /// HCL parse speed on the real-world corpus: bare tree-sitter, model, model + eval.
    Parse(bench_parse::ParseBenchArgs),
    /// Plan review: load + summary + risk of a generated ~100 MB plan (time, peak RSS).
    Plan(bench_plan::PlanBenchArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Bench(b) => match b {
            Bench::Cost(args) => bench_cost::run(args),
            Bench::Lint(args) => bench_lint::run(args),
            Bench::Plan(args) => bench_plan::run(args),
            Bench::Parse(args) => bench_parse::run(args),
        },
    }
}
