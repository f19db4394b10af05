//! `orbis cost breakdown PATH|PLAN` and `orbis cost diff PLAN`: offline cost estimates from
//! configuration (evaluated by orbis-hcl) or plan JSON, with the bundled price catalog (or an
//! imported one), an infracost-style usage file, budgets from `.orbis.toml` `[cost.budgets]`
//! and chargeback groups. `orbis cost import FILE --catalog DB` loads a cloud's price file.
//! `--chart FILE.svg|FILE.png [--group-by service|module|tag:KEY]` also draws the cost by
//! group (`cost_chart.rs`). Exit codes: 0 ok, 1 a budget is exceeded, 2 usage or input error.

use super::cost_chart::ChartRequest;
use clap::{Args, Subcommand};
use orbis_cost::budget::{any_exceeded, check, BudgetInput, BudgetResult};
use orbis_cost::settings::CostSettings;
use orbis_cost::{chargeback, currency, report, Catalog, CostError, Estimator, UsageFile};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CostArgs {
    #[command(subcommand)]
    pub command: CostCommand,
}

#[derive(Subcommand)]
pub enum CostCommand {
    /// Monthly cost of a configuration folder (or a plan JSON's planned state).
    Breakdown(EstimateArgs),
    /// Monthly cost change of a plan JSON (`terraform show -json PLANFILE`): before → after.
    Diff(EstimateArgs),
    /// Import a cloud price file (AWS offer CSV/JSON, Azure Retail Prices page, GCP skus.list)
    /// into a catalog database used with `--catalog`.
    Import(ImportArgs),
}

#[derive(Args)]
pub struct EstimateArgs {
    /// Configuration folder (or .tf file), or plan JSON file.
    pub path: PathBuf,
    #[arg(long, default_value = "table", value_parser = ["table", "json", "html"])]
    pub format: String,
    /// Usage file in the infracost-usage.yml layout.
    #[arg(long)]
    pub usage_file: Option<PathBuf>,
    /// Show money in this currency (needs --rate: units of it per US dollar; nothing is fetched).
    #[arg(long, requires = "rate")]
    pub currency: Option<String>,
    #[arg(long, requires = "currency")]
    pub rate: Option<f64>,
    /// Settings file with `[cost.budgets.NAME]` (default: `.orbis.toml` beside PATH or in the
    /// current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Check only this budget (workspace/environment name); default: every budget defined.
    #[arg(long)]
    pub budget: Option<String>,
    /// Catalog database written by `orbis cost import` (layered over the bundled prices).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Also draw the cost by group as FILE.svg or FILE.png (a diff: before → after).
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Groups of the chart: service, module or tag:KEY.
    #[arg(long, default_value = "service", requires = "chart")]
    pub group_by: String,
    #[arg(long, default_value = "light", value_parser = ["light", "dark"], requires = "chart")]
    pub chart_theme: String,
}

#[derive(Args)]
pub struct ImportArgs {
    /// Price files as downloaded from the cloud's price list.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Catalog database to create or update.
    #[arg(long)]
    pub catalog: PathBuf,
}

pub fn run(args: CostArgs) -> u8 {
    let result = match args.command {
        CostCommand::Breakdown(a) => estimate(a, false),
        CostCommand::Diff(a) => estimate(a, true),
        CostCommand::Import(a) => import(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: [{}] {}\nhint: {}", e.code, e.message, e.hint);
            2
        }
    }
}

fn is_plan(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .map(|e| e.eq_ignore_ascii_case("json"))
            .unwrap_or(false)
}

fn settings_for(a: &EstimateArgs) -> CostSettings {
    let path = a.config.clone().unwrap_or_else(|| {
        let beside = if a.path.is_dir() {
            a.path.join(".orbis.toml")
        } else {
            a.path
                .parent()
                .unwrap_or(Path::new("."))
                .join(".orbis.toml")
        };
        if beside.is_file() {
            beside
        } else {
            PathBuf::from(".orbis.toml")
        }
    });
    CostSettings::load(&path)
}

fn estimate(a: EstimateArgs, diff: bool) -> Result<u8, CostError> {
    if !a.path.exists() {
        return Err(CostError::new(
            "cost.io",
            format!("{} does not exist", a.path.display()),
            "give a configuration folder or a plan JSON file",
        ));
    }
    if diff && !is_plan(&a.path) {
        return Err(CostError::new("cost.usage", format!("{} is not a plan JSON file", a.path.display()), "`cost diff` needs `terraform show -json PLANFILE > plan.json`; use `cost breakdown` for a folder"));
    }
    if let Some(r) = a.rate {
        if !(r.is_finite() && r > 0.0) {
            return Err(CostError::new(
                "cost.usage",
                format!("--rate {r} is not a positive number"),
                "give units of the currency per US dollar, e.g. --currency EUR --rate 0.92",
            ));
        }
    }
    let chart = ChartRequest::from_args(a.chart.as_deref(), &a.group_by, &a.chart_theme)?;
    let catalog = match &a.catalog {
        Some(p) => Catalog::open_with_bundled(p)?,
        None => Catalog::bundled(),
    };
    let usage = match &a.usage_file {
        Some(p) => UsageFile::load(p)?,
        None => UsageFile::default(),
    };
    let settings = settings_for(&a);
    for w in &settings.warnings {
        eprintln!("warning: {w}");
    }
    let mut budgets = settings.budgets.clone();
    if let Some(name) = &a.budget {
        budgets.retain(|b| &b.name == name);
        if budgets.is_empty() {
            return Err(CostError::new("cost.budget", format!("no budget named {name}"), "define it in .orbis.toml as [cost.budgets.NAME] with monthly_total and/or monthly_delta"));
        }
    }
    let estimator = Estimator::new(catalog, usage);
    let (text, results, cur) = if is_plan(&a.path) {
        let mut p = orbis_cost::from_plan::estimate_plan_file(&a.path, &estimator)?;
        if let (Some(c), Some(r)) = (&a.currency, a.rate) {
            currency::convert_plan(&mut p, c, r);
        }
        let results = check(
            BudgetInput {
                total: p.total(),
                delta: Some(p.diff_total()),
            },
            &budgets,
        );
        let groups = chargeback::all(&p.after, &settings.chargeback_tags);
        match &chart {
            Some(c) if diff => c.write_diff(&p)?,
            Some(c) => c.write_estimate(&p.after)?,
            None => {}
        }
        let text = match (a.format.as_str(), diff) {
            ("json", true) => report::json::diff(&p, &groups, &results),
            ("json", false) => report::json::breakdown(&p.after, &groups, &results),
            ("html", true) => report::html::diff(&p),
            ("html", false) => report::html::estimate(&p.after),
            (_, true) => report::table::diff(&p),
            (_, false) => report::table::estimate(&p.after),
        };
        (text, results, p.after.currency.clone())
    } else {
        let dir = if a.path.is_dir() {
            a.path.clone()
        } else {
            a.path.parent().unwrap_or(Path::new(".")).to_path_buf()
        };
        let mut e = orbis_cost::from_config::estimate_dir(&dir, &estimator);
        if let (Some(c), Some(r)) = (&a.currency, a.rate) {
            currency::convert(&mut e, c, r);
        }
        let results = check(
            BudgetInput {
                total: e.total_monthly_cost,
                delta: None,
            },
            &budgets,
        );
        let groups = chargeback::all(&e, &settings.chargeback_tags);
        if let Some(c) = &chart {
            c.write_estimate(&e)?;
        }
        let text = match a.format.as_str() {
            "json" => report::json::breakdown(&e, &groups, &results),
            "html" => report::html::estimate(&e),
            _ => report::table::estimate(&e),
        };
        (text, results, e.currency.clone())
    };
    write_out(&a.output, &text)?;
    report_budgets(&results, &cur, a.format == "table");
    Ok(if any_exceeded(&results) { 1 } else { 0 })
}

fn report_budgets(results: &[BudgetResult], cur: &str, to_stdout: bool) {
    let text = report::table::budgets(results, cur);
    if text.is_empty() {
        return;
    }
    // Machine-readable formats keep stdout clean; the budget lines go to stderr there.
    if to_stdout {
        print!("{text}");
    } else {
        eprint!("{text}");
    }
}

fn write_out(output: &Option<PathBuf>, text: &str) -> Result<(), CostError> {
    match output {
        Some(p) => std::fs::write(p, text).map_err(|e| {
            CostError::new(
                "cost.io",
                format!("cannot write {}: {e}", p.display()),
                "check the output path",
            )
        }),
        None => {
            // A closed pipe (`| head`) is not an error worth a panic.
            use std::io::Write;
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            Ok(())
        }
    }
}

fn import(a: ImportArgs) -> Result<u8, CostError> {
    let mut conn = orbis_cost::catalog::open_db(&a.catalog)?;
    for f in &a.files {
        let imported = orbis_cost::import::import_file(f)?;
        let n = orbis_cost::catalog::insert_rows(
            &mut conn,
            &imported.rows,
            &imported.version,
            &imported.source,
        )?;
        println!(
            "{}: {n} prices imported ({}), {} entries skipped",
            f.display(),
            imported.source,
            imported.skipped.len()
        );
    }
    Ok(0)
}
