//! `cargo xtask <task>`: benchmarks print wall time, throughput, peak RSS and ratios against
//! the peer tools. Speed goals are checked here, never in timed unit tests.

use clap::{Parser, Subcommand};

mod bench_clusters;
mod bench_cost;
mod bench_drift;
mod bench_editor;
mod bench_fmt;
mod bench_lang;
mod bench_lint;
mod bench_parse;
mod bench_plan;
mod bench_roundtrip;
mod bench_server;
mod module_docs;
mod schemas;

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
    /// Regenerate the inputs/outputs tables of the module catalog's READMEs and the catalog
    /// table of modules/README.md (`--check`: fail when stale, write nothing).
    ModuleDocs(module_docs::ModuleDocsArgs),
    /// Provider schema tools for the editor's completion (orbis-lang).
    #[command(subcommand)]
    Schemas(Schemas),
}

#[derive(Subcommand)]
enum Schemas {
    /// Convert `terraform providers schema -json` output to the bundled compact format.
    Compact(schemas::CompactArgs),
}

#[derive(Subcommand)]
enum Bench {
    /// Cluster views: 10,000 pods + 1,000 watch events/s through the delta pipeline (goals
    /// p99 < 100 ms, RSS < 300 MB); runs orbis-clusters' `bench_deltas` example.
    Clusters(bench_clusters::ClustersBenchArgs),
    /// Cost estimate of a generated 10,000-resource plan (goal < 200 ms).
    Cost(bench_cost::CostBenchArgs),
    /// Live AWS drift scan of ~1,000 moto resources through `orbis drift --live aws`.
    Drift(bench_drift::DriftBenchArgs),
    /// Editor: keystroke → diagnostics on a 5,000-line file (goal p99 < 5 ms), and Problems of
    /// the real-world corpus as one workspace (goals < 2 s, < 300 MB).
    Editor(bench_editor::EditorBenchArgs),
    /// Editor language engine: index the real-world corpus as one workspace (goal < 1 s),
    /// memory, and one keystroke's update + completion + references + rename.
    Lang(bench_lang::LangBenchArgs),
    /// `orbis fmt --check` vs `terraform fmt -check -recursive` on the real-world corpus (goal ≥ 5x).
    Fmt(bench_fmt::FmtBenchArgs),
    /// Lint of the real-world corpus: time, files/s, peak RSS, ratios to Checkov and to parsing.
    Lint(bench_lint::LintBenchArgs),
    /// HCL parse speed on the real-world corpus: bare tree-sitter, model, model + eval.
    Parse(bench_parse::ParseBenchArgs),
    /// Keystroke → diagnostics round trip in the real desktop app under Xvfb (goal p99 < 16 ms).
    Roundtrip(bench_roundtrip::RoundtripBenchArgs),
    /// Plan review: load + summary + risk of a generated ~100 MB plan (time, peak RSS).
    Plan(bench_plan::PlanBenchArgs),
    /// Team server: N clients x M records pushed over loopback to SQLite and PostgreSQL
    /// (throughput, p50/p99 latency, pull time).
    Server(bench_server::ServerBenchArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.task {
        Task::Bench(b) => match b {
            Bench::Clusters(args) => bench_clusters::run(args),
            Bench::Cost(args) => bench_cost::run(args),
            Bench::Drift(args) => bench_drift::run(args),
            Bench::Editor(args) => bench_editor::run(args),
            Bench::Lang(args) => bench_lang::run(args),
            Bench::Fmt(args) => bench_fmt::run(args),
            Bench::Lint(args) => bench_lint::run(args),
            Bench::Plan(args) => bench_plan::run(args),
            Bench::Parse(args) => bench_parse::run(args),
            Bench::Roundtrip(args) => bench_roundtrip::run(args),
            Bench::Server(args) => bench_server::run(args),
        },
        Task::ModuleDocs(args) => module_docs::run(args),
        Task::Schemas(Schemas::Compact(args)) => schemas::compact(args),
    }
}
