//! `orbis new --spec FILE --out DIR [--format text|json] [--force] [--catalog DIR]`: generate a
//! Terraform project from a small spec with `orbis-generator`, then check it the way CI would
//! (offline validator, `orbis lint`) and print its estimated monthly cost when the cost engine
//! can tell from configuration. `orbis new --list-components` shows what a spec can ask for.
//!
//! Exit codes: 0 generated and clean, 1 generated but a check found problems (a generator bug
//! worth reporting), 2 bad spec, missing catalog, non-empty output folder or IO error.

use orbis_generator::validate::validate_dir;
use orbis_generator::{generate, parse_spec_file, write_project, GenerateError, CATALOG};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The request: a TOML spec, or YAML for `.yaml`/`.yml` (see `--list-components` and
    /// tests/generator/specs/).
    #[arg(long, required_unless_present = "list_components")]
    pub spec: Option<PathBuf>,
    /// Folder to write the project into (created; must be empty unless --force).
    #[arg(long, required_unless_present = "list_components")]
    pub out: Option<PathBuf>,
    /// Overwrite the generated files in a non-empty folder (other files are kept).
    #[arg(long)]
    pub force: bool,
    /// Output format: text or json.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// The module catalog folder (default: $ORBIS_MODULES, the installed catalog, or the
    /// source tree's modules/).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// List the clouds, components and values a spec can use, then exit.
    #[arg(long)]
    pub list_components: bool,
}

pub fn run(args: NewArgs) -> u8 {
    if args.list_components {
        return list(&args.format);
    }
    let (Some(spec_path), Some(out)) = (args.spec.as_ref(), args.out.as_ref()) else {
        return fail(
            "generator.usage",
            "--spec and --out are required",
            "orbis new --spec app.toml --out ./app",
        );
    };
    let text = match std::fs::read_to_string(spec_path) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                "generator.io",
                &format!("cannot read {}: {e}", spec_path.display()),
                "check the path of the spec file",
            )
        }
    };
    let spec = match parse_spec_file(spec_path, &text) {
        Ok(s) => s,
        Err(e) => return report(&GenerateError::Spec(e), Some(spec_path)),
    };
    let catalog = match find_catalog(args.catalog.as_deref()) {
        Some(c) => c,
        None => {
            return fail(
                "generator.catalog",
                "the module catalog was not found",
                "pass --catalog <TerraOrbis modules/ folder> or set ORBIS_MODULES",
            )
        }
    };
    let project = match generate(&spec, &catalog)
        .and_then(|p| write_project(&p, out, args.force).map(|_| p))
    {
        Ok(p) => p,
        Err(e) => return report(&e, None),
    };
    // The same checks the generator's tests run, on what was written.
    let problems = validate_dir(out);
    let lint = lint_counts(out);
    let cost = estimate(out);
    let clean = problems.is_empty() && lint.as_ref().is_ok_and(|l| l.0 == 0);
    if args.format == "json" {
        let doc = json!({
            "out": out.display().to_string(),
            "cloud": spec.cloud.name(),
            "environment": spec.environment.name(),
            "files": project.files.keys().collect::<Vec<_>>(),
            "modules": project.modules,
            "decisions": project.decisions.iter().map(|d| json!({"topic": d.topic, "choice": d.choice, "reason": d.reason})).collect::<Vec<_>>(),
            "validation": problems.iter().map(|p| json!({"file": p.file.display().to_string(), "line": p.line, "message": p.message})).collect::<Vec<_>>(),
            "lint": match &lint {
                Ok((medium, total)) => json!({"findings_medium_or_above": medium, "findings": total}),
                Err(e) => json!({"error": e}),
            },
            "cost": cost.as_ref().map(|c| json!({
                "monthly": (c.total * 100.0).round() / 100.0,
                "currency": c.currency,
                "priced_resources": c.priced,
                "unpriced_resources": c.unpriced,
                "missing_prices": c.missing_prices,
                "lower_bound": c.missing_prices > 0,
            })),
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        println!(
            "Generated {} {} project in {} ({} files, {} catalog modules vendored under modules/).",
            spec.cloud.name(),
            spec.environment.name(),
            out.display(),
            project.files.len(),
            project.modules.len()
        );
        println!("Decisions ({}): see DECISIONS.md", project.decisions.len());
        for d in &project.decisions {
            println!("  - {}: {}", d.topic, d.choice);
        }
        if problems.is_empty() {
            println!("Validator: every reference and module input resolves.");
        } else {
            println!("Validator: {} problem(s):", problems.len());
            for p in &problems {
                println!("  {p}");
            }
        }
        match &lint {
            Ok((medium, total)) => {
                println!("orbis lint: {medium} finding(s) at medium or above ({total} in all).")
            }
            Err(e) => println!("orbis lint: not run ({e})"),
        }
        match &cost {
            Some(c) => {
                println!(
                    "Estimated monthly cost: {}{:.2} {} ({} resources priced from configuration; {} not supported by the cost engine; usage-based charges excluded)",
                    if c.missing_prices > 0 { "at least " } else { "" },
                    c.total,
                    c.currency,
                    c.priced,
                    c.unpriced
                );
                if c.missing_prices > 0 {
                    println!(
                        "  {} price(s) are not in the bundled catalog for this region (orbis cost import adds them); `orbis cost breakdown {}` lists them.",
                        c.missing_prices,
                        out.display()
                    );
                }
            }
            None => println!("Estimated monthly cost: not available from configuration alone."),
        }
        println!(
            "Next: read README.md (prerequisites), then terraform init && terraform validate."
        );
    }
    if clean {
        0
    } else {
        1
    }
}

fn list(format: &str) -> u8 {
    use orbis_generator::spec::{Classification, Cloud, Environment, Exposure};
    if format == "json" {
        let clouds = [Cloud::Aws, Cloud::Azure, Cloud::Gcp];
        let baseline: Vec<_> = clouds
            .iter()
            .map(|c| json!({"cloud": c.name(), "modules": orbis_generator::components::baseline_modules(*c)}))
            .collect();
        let regions: Vec<_> = clouds
            .iter()
            .map(|c| json!({"cloud": c.name(), "regions": orbis_generator::regions::of(*c)}))
            .collect();
        let doc = json!({
            "clouds": Cloud::NAMES,
            "environments": Environment::NAMES,
            "exposure": Exposure::NAMES,
            "data_classification": Classification::NAMES,
            "components": CATALOG.iter().map(|c| json!({"cloud": c.cloud.name(), "name": c.name, "description": c.description, "modules": c.modules})).collect::<Vec<_>>(),
            "baseline": baseline,
            "regions": regions,
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return 0;
    }
    println!("Components a spec can ask for (`components = [...]`):");
    for cloud in [Cloud::Aws, Cloud::Azure, Cloud::Gcp] {
        println!("\n{}:", cloud.name());
        println!(
            "  {:<11} always added: {}",
            "(baseline)",
            orbis_generator::components::baseline_modules(cloud).join(", ")
        );
        for c in CATALOG.iter().filter(|c| c.cloud == cloud) {
            println!(
                "  {:<11} {} [{}]",
                c.name,
                c.description,
                c.modules.join(", ")
            );
        }
        println!(
            "  regions: {}",
            orbis_generator::regions::of(cloud).join(", ")
        );
    }
    println!(
        "\nenvironment: {}\nexposure: {} (default internal)\ndata_classification: {} (default internal)",
        Environment::NAMES.join(", "),
        Exposure::NAMES.join(", "),
        Classification::NAMES.join(", ")
    );
    println!("Examples: tests/generator/specs/ in the TerraOrbis sources.");
    0
}

/// `--catalog`, then `$ORBIS_MODULES`, then an installed catalog next to the binary
/// (`../share/terraorbis/modules`), then the source tree this binary was built from.
fn find_catalog(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("ORBIS_MODULES") {
        candidates.push(PathBuf::from(p));
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(bin) = exe.parent() {
            candidates.push(bin.join("../share/terraorbis/modules"));
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules"));
    candidates.into_iter().find(|p| p.join("aws").is_dir())
}

/// Findings at medium or above, and all active findings.
fn lint_counts(dir: &Path) -> Result<(usize, usize), String> {
    let config = orbis_lint::Config::discover(dir).map_err(|e| e.to_string())?;
    let result =
        orbis_lint::lint_paths(&[dir.to_path_buf()], &config).map_err(|e| e.to_string())?;
    let active: Vec<_> = result.active().collect();
    let medium = active
        .iter()
        .filter(|f| f.severity >= orbis_lint::Severity::Medium)
        .count();
    Ok((medium, active.len()))
}

struct Cost {
    total: f64,
    currency: String,
    priced: usize,
    unpriced: usize,
    /// Components with a known quantity whose price the bundled catalog lacks (for this
    /// region): the total is then a lower bound.
    missing_prices: usize,
}

/// The offline estimate from configuration, if the cost engine priced anything.
fn estimate(dir: &Path) -> Option<Cost> {
    let (inputs, _warnings) = orbis_cost::from_config::resources_from_dir(dir);
    let e = orbis_cost::Estimator::new(
        orbis_cost::Catalog::bundled(),
        orbis_cost::UsageFile::default(),
    )
    .estimate(&inputs);
    (!e.resources.is_empty()).then(|| Cost {
        total: e.total_monthly_cost,
        currency: e.currency.clone(),
        priced: e.resources.len(),
        unpriced: e.unsupported.len(),
        missing_prices: e
            .resources
            .iter()
            .flat_map(|r| &r.cost_components)
            .filter(|c| c.monthly_quantity.is_some() && c.unit_price.is_none())
            .count(),
    })
}

fn report(e: &GenerateError, spec: Option<&Path>) -> u8 {
    let message = match spec {
        Some(p) => format!("{}: {e}", p.display()),
        None => e.to_string(),
    };
    fail(e.code(), &message, e.hint())
}

fn fail(code: &str, message: &str, hint: &str) -> u8 {
    eprintln!("error[{code}]: {message}\n  hint: {hint}");
    2
}
