//! `orbis plan review FILE...`: offline review of one or more plan JSON files (several files
//! or a folder, e.g. a Terragrunt `run-all`, give one combined review). Exit codes: 0 no
//! policy denial and risk below `--fail-on`, 1 denial or risk at/above `--fail-on`,
//! 2 unreadable input or policy folder.
//!
//! Besides risk and policies, the review lints the planned values with the linter's rules and
//! estimates the monthly cost delta (both from `orbis_app::plan_checks`, shared with the
//! desktop Plan Review); `[lint]` and `[cost.budgets.*]` come from `--config` or the current
//! folder's `.orbis.toml`. An exceeded budget makes the verdict `dangerous` and exits 1; with
//! `--fail-on`, lint findings at/above that severity count like risk.

use clap::{Args, Subcommand};
use orbis_app::plan_checks::{self, money, PlanCheckSettings, PlanCost, PlanLintFinding};
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
    /// Exit 1 when any change has this risk level or higher, or a lint finding on the planned
    /// values has this severity or higher.
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub fail_on: Option<String>,
    /// `.orbis.toml` with `[lint]` and `[cost.budgets.*]` (default: the current folder's).
    #[arg(long)]
    pub config: Option<PathBuf>,
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
    let settings_file = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(".orbis.toml"));
    if args.config.is_some() && !settings_file.is_file() {
        eprintln!(
            "error: [config.io] {} is not a file\nhint: give the path of an .orbis.toml",
            settings_file.display()
        );
        return 2;
    }
    let settings = match PlanCheckSettings::load(&settings_file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: [config.invalid] {e}\nhint: fix the [lint] section of the file");
            return 2;
        }
    };
    for w in &settings.warnings {
        eprintln!("warning: {w}");
    }
    let mut plans = Vec::new();
    let mut costs = Vec::new();
    for f in &files {
        let (loaded, bytes) = if f.as_os_str() == "-" {
            load_stdin()
        } else {
            load_path(f)
        };
        match loaded {
            Ok(p) => {
                match plan_checks::estimate_cost(&bytes, &p.source, &settings.budgets) {
                    Ok(c) => costs.push(c),
                    Err(e) => eprintln!("warning: no cost estimate for {}: {e}", p.source),
                }
                plans.push(p);
            }
            Err(e) => {
                eprintln!("error: {}: {e}", f.display());
                return 2;
            }
        }
    }
    let lint = plan_checks::lint_plans(&plans, &settings.lint);
    // A cost is shown for the whole review only when every plan could be estimated.
    let cost = (costs.len() == plans.len())
        .then(|| plan_checks::combine(&costs, &settings.budgets))
        .flatten();
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
    let blocked: Vec<String> = cost
        .iter()
        .flat_map(|c| &c.budgets)
        .filter(|b| b.exceeded)
        .map(|b| b.message.clone())
        .collect();
    let text = extend_report(
        render(&review, format),
        format,
        &Extras {
            lint: &lint,
            cost: cost.as_ref(),
            costs: &costs,
            blocked: &blocked,
            review: &review,
        },
    );
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
    let lint_threshold = args
        .fail_on
        .as_deref()
        .and_then(orbis_lint::Severity::parse);
    let linted = lint_threshold.is_some_and(|t| {
        lint.iter()
            .any(|f| orbis_lint::Severity::parse(severity_name(f)).is_some_and(|s| s >= t))
    });
    u8::from(review.has_deny() || risky || linted || !blocked.is_empty())
}

fn severity_name(f: &PlanLintFinding) -> &'static str {
    use orbis_app::plan_checks::LintSeverity as L;
    match f.severity {
        L::Info => "info",
        L::Low => "low",
        L::Medium => "medium",
        L::High => "high",
        L::Critical => "critical",
    }
}

struct Extras<'a> {
    lint: &'a [PlanLintFinding],
    cost: Option<&'a PlanCost>,
    costs: &'a [plan_checks::CostCheck],
    blocked: &'a [String],
    review: &'a Review,
}

/// Adds lint and cost to the engine's report: JSON gets `lint`, `cost` and per-change
/// `cost_delta` (fields only added, the engine's shape kept; an exceeded budget turns the
/// verdict `dangerous`); text and Markdown get sections. SARIF and HTML stay the engine's.
fn extend_report(text: String, format: Format, x: &Extras) -> String {
    match format {
        Format::Json => extend_json(text, x),
        Format::Text => {
            let mut out = text;
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("\nLint ({} findings)\n", x.lint.len()));
            for f in x.lint {
                out.push_str(&format!(
                    "  {:<8} {} {}: {}\n",
                    severity_name(f),
                    f.rule_id,
                    f.address,
                    f.message
                ));
            }
            out.push_str(&cost_text(x, "  "));
            out
        }
        Format::Markdown => {
            let mut out = text;
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("\n## Lint ({} findings)\n\n", x.lint.len()));
            if !x.lint.is_empty() {
                out.push_str("| severity | rule | address | message |\n|---|---|---|---|\n");
                for f in x.lint {
                    out.push_str(&format!(
                        "| {} | {} | `{}` | {} |\n",
                        severity_name(f),
                        f.rule_id,
                        f.address,
                        f.message.replace('|', "\\|")
                    ));
                }
            }
            out.push_str("\n## Cost\n\n");
            out.push_str(&cost_text(x, "- "));
            out
        }
        _ => text,
    }
}

fn cost_text(x: &Extras, bullet: &str) -> String {
    let Some(c) = x.cost else {
        return format!("{bullet}Cost: not estimated\n");
    };
    let mut out = format!(
        "{bullet}Cost: {} → {} per month ({}{}/mo)\n",
        money(c.past_total_monthly_cost),
        money(c.total_monthly_cost),
        if c.diff_total_monthly_cost >= 0.0 {
            "+"
        } else {
            ""
        },
        money(c.diff_total_monthly_cost)
    );
    for u in &c.unsupported {
        out.push_str(&format!(
            "{bullet}unsupported (not counted): {} — {}\n",
            u.address, u.reason
        ));
    }
    for b in &c.budgets {
        out.push_str(&format!("{bullet}{}\n", b.message));
    }
    for b in x.blocked {
        out.push_str(&format!("{bullet}BLOCKED: {b}\n"));
    }
    out
}

fn extend_json(text: String, x: &Extras) -> String {
    let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(&text) else {
        return text;
    };
    let lint: Vec<serde_json::Value> = x
        .lint
        .iter()
        .map(|f| {
            serde_json::json!({"rule_id": f.rule_id, "severity": severity_name(f),
                "address": f.address, "message": f.message})
        })
        .collect();
    doc["lint"] = serde_json::Value::Array(lint);
    let round = orbis_cost::money::round_cents;
    doc["cost"] = match x.cost {
        Some(c) => serde_json::json!({
            "currency": c.currency,
            "past_total_monthly_cost": round(c.past_total_monthly_cost),
            "total_monthly_cost": round(c.total_monthly_cost),
            "diff_total_monthly_cost": round(c.diff_total_monthly_cost),
            "unsupported": c.unsupported.iter().map(|u| serde_json::json!({
                "address": u.address, "type": u.resource_type, "reason": u.reason})).collect::<Vec<_>>(),
            "budgets": c.budgets.iter().map(|b| serde_json::json!({
                "budget": b.budget, "limit_kind": b.limit_kind, "limit": b.limit,
                "actual": round(b.actual), "exceeded": b.exceeded, "message": b.message})).collect::<Vec<_>>(),
        }),
        None => serde_json::Value::Null,
    };
    if !x.blocked.is_empty() {
        doc["verdict"] = serde_json::Value::from("dangerous");
        doc["blocked_by"] = serde_json::json!(x.blocked);
    }
    // Per change: the plan it belongs to gives its estimate (changes are in review order).
    let by_source: std::collections::HashMap<&str, &plan_checks::CostCheck> = x
        .review
        .plans
        .iter()
        .map(|p| p.source.as_str())
        .zip(x.costs.iter())
        .collect();
    if let Some(changes) = doc.get_mut("changes").and_then(|c| c.as_array_mut()) {
        for ch in changes {
            let plan = ch.get("plan").and_then(|p| p.as_str()).unwrap_or_default();
            let address = ch
                .get("address")
                .and_then(|p| p.as_str())
                .unwrap_or_default();
            let delta = (x.costs.len() == x.review.plans.len())
                .then(|| by_source.get(plan))
                .flatten()
                .map(|k| k.change(address));
            ch["cost_delta"] = match delta {
                Some(d) => serde_json::json!({
                    "status": d.status,
                    "past_monthly_cost": round(d.past_monthly_cost),
                    "monthly_cost": round(d.monthly_cost),
                    "diff_monthly_cost": round(d.diff_monthly_cost),
                    "reason": d.reason,
                }),
                None => serde_json::Value::Null,
            };
        }
    }
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or(text);
    out.push('\n');
    out
}

/// Reads a plan file; the bytes are kept for the cost estimate (it reads the document's
/// provider configuration, which the plan model does not keep).
fn load_path(path: &Path) -> (Result<orbis_plan::Plan, orbis_plan::LoadError>, Vec<u8>) {
    match std::fs::read(path) {
        Ok(bytes) => (
            orbis_plan::load_bytes(&bytes, &path.display().to_string()),
            bytes,
        ),
        // The engine's own error (code, hint) for an unreadable file.
        Err(_) => (load_file(path), Vec::new()),
    }
}

fn load_stdin() -> (Result<orbis_plan::Plan, orbis_plan::LoadError>, Vec<u8>) {
    use std::io::Read;
    let mut bytes = Vec::new();
    match std::io::stdin().read_to_end(&mut bytes) {
        Ok(_) => (orbis_plan::load_bytes(&bytes, "<stdin>"), bytes),
        Err(e) => (
            Err(orbis_plan::LoadError {
                code: "plan.io",
                message: format!("cannot read standard input: {e}"),
                offset: None,
                line: None,
                column: None,
                hint: "pipe `terraform show -json PLANFILE` into the command",
            }),
            Vec::new(),
        ),
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
