//! `orbis plan review FILE...`: offline review of one or more plan JSON files (several files
//! or a folder, e.g. a Terragrunt `run-all`, give one combined review). Exit codes: 0 no
//! policy denial and risk below `--fail-on`, 1 denial or risk at/above `--fail-on`,
//! 2 unreadable input or policy folder.

use clap::{Args, Subcommand};
use orbis_plan::report::{render, Format};
use orbis_plan::{load_file, Review, RiskLevel};
use orbis_policy::{bundled, evaluate_plan, load_dir, PolicyConfig};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub command: PlanCommand,
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Review plan JSON (`terraform show -json PLANFILE`): changes, risk, policy, verdict.
    Review(ReviewArgs),
}

#[derive(Args)]
pub struct ReviewArgs {
    /// Plan JSON files, folders searched for `*.json` plans (Terragrunt run-all), or `-` for
    /// standard input (`terraform show -json plan.out | orbis plan review -`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = ["text", "json", "markdown", "sarif", "html"])]
    pub format: String,
    /// Folder of extra Rego policies (`*.rego`, v0 or v1 syntax) run with the bundled pack.
    #[arg(long)]
    pub policy_dir: Option<PathBuf>,
    /// Do not run the bundled policy pack.
    #[arg(long)]
    pub no_bundled_policies: bool,
    /// Exit 1 when any change has this risk level or higher.
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub fail_on: Option<String>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(args: PlanArgs) -> u8 {
    match args.command {
        PlanCommand::Review(a) => review(a),
    }
}

fn review(args: ReviewArgs) -> u8 {
    let files = match plan_files(&args.files) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            eprintln!("error: [plan.no_input] no plan JSON files found\nhint: give `terraform show -json` output files or a folder holding them");
            return 2;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut plans = Vec::new();
    for f in &files {
        let loaded = if f.as_os_str() == "-" {
            load_stdin()
        } else {
            load_file(f)
        };
        match loaded {
            Ok(p) => plans.push(p),
            Err(e) => {
                eprintln!("error: {}: {e}", f.display());
                return 2;
            }
        }
    }
    let mut policies = if args.no_bundled_policies {
        Vec::new()
    } else {
        bundled()
    };
    if let Some(dir) = &args.policy_dir {
        match load_dir(dir) {
            Ok(p) => policies.extend(p),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    }
    let config = PolicyConfig::default();
    let findings = plans
        .iter()
        .flat_map(|p| evaluate_plan(&policies, p, &config))
        .collect();
    let review = Review::new(plans).with_policy(findings);
    let format = Format::parse(&args.format).unwrap_or(Format::Text);
    let text = render(&review, format);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!("error: [plan.io] cannot write {}: {e}", path.display());
                return 2;
            }
        }
        None => print!("{text}"),
    }
    let threshold = args.fail_on.as_deref().and_then(RiskLevel::parse);
    let risky = threshold.is_some_and(|t| review.max_risk() >= t);
    u8::from(review.has_deny() || risky)
}

fn load_stdin() -> Result<orbis_plan::Plan, orbis_plan::LoadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    match std::io::stdin().read_to_end(&mut bytes) {
        Ok(_) => orbis_plan::load_bytes(&bytes, "<stdin>"),
        Err(e) => Err(orbis_plan::LoadError {
            code: "plan.io",
            message: format!("cannot read standard input: {e}"),
            offset: None,
            line: None,
            column: None,
            hint: "pipe `terraform show -json PLANFILE` into the command",
        }),
    }
}

/// Files as given; folders are searched (sorted, recursively) for `*.json`, skipping hidden
/// folders and `.terragrunt-cache`.
fn plan_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            collect(input, &mut out, 0)
                .map_err(|e| format!("[plan.io] cannot read folder {}: {e}", input.display()))?;
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if p.is_dir() && !hidden && depth < 32 {
            collect(&p, out, depth + 1)?;
        } else if p.is_file() && p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}
