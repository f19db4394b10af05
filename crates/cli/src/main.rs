//! `orbis`: the command-line front end. Every subcommand lives in its own module under
//! `commands/` and calls the same operations as the desktop app (through `orbis-app` or the
//! engine crates). Exit codes are CI-friendly: 0 ok, 1 findings/deny, 2 usage or IO error.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod commands;

#[derive(Parser)]
#[command(
    name = "orbis",
    version,
    about = "TerraOrbis: offline IaC lint, plan review, cost and formatting"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Kubernetes clusters of your kubeconfigs: contexts (and what is wrong with them), pods
    /// with their health in plain words.
    Clusters(commands::clusters::ClustersArgs),
    /// Estimate monthly cloud cost offline: breakdown of a folder or plan, diff of a plan.
    Cost(commands::cost::CostArgs),
    /// Rewrite Terraform files in the canonical layout (the same bytes as `terraform fmt`).
    Fmt(commands::fmt::FmtArgs),
    /// Check the cloud credentials of this machine: per AWS profile, Azure CLI account, gcloud
    /// application-default credentials and kubeconfig context, who they are, whether they
    /// work, when they expire, and the command that fixes them.
    Doctor(commands::doctor::DoctorArgs),
    /// Compare state with the live cloud (inventory) or a refresh-only plan: managed, changed,
    /// missing and unmanaged resources; import blocks and accept-into-code diffs. Exit 1 on drift.
    Drift(commands::drift::DriftArgs),
    /// List what exists in the cloud (scanned now or from a snapshot), and which state manages it.
    Inventory(commands::inventory::InventoryArgs),
    /// Lint Terraform and Kubernetes files for security, governance and tagging problems.
    Lint(commands::lint::LintArgs),
    /// Generate a Terraform project from a small spec, composed from the governed module
    /// catalog: remote state, pinned providers, tags, governance baseline, DECISIONS.md.
    New(commands::new::NewArgs),
    /// Review Terraform plans offline: changes, risk, Rego policies, verdict.
    Plan(commands::plan::PlanArgs),
    /// Run terraform/tofu init, validate, plan or apply (of an approved saved plan) with live
    /// typed events, Ctrl-C forwarding and optional run history.
    Run(commands::run::RunArgs),
    /// Explore a Terraform/OpenTofu state (read-only, sensitive values redacted).
    State(commands::state::StateArgs),
    /// List the files of a workspace as the desktop app's tree shows them.
    Tree(commands::tree::TreeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Clusters(args) => commands::clusters::run(args),
        Command::Cost(args) => commands::cost::run(args),
        Command::Fmt(args) => commands::fmt::run(args),
        Command::Doctor(args) => commands::doctor::run(args),
        Command::Drift(args) => commands::drift::run(args),
        Command::Inventory(args) => commands::inventory::run(args),
        Command::Lint(args) => commands::lint::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Plan(args) => commands::plan::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::State(args) => commands::state::run(args),
        Command::Tree(args) => commands::tree::run(args),
    };
    ExitCode::from(code)
}
