//! `orbis drift`: compare state with the live cloud (an inventory snapshot) and/or Terraform's
//! own refresh-only plan; classify every resource as managed, changed, missing or unmanaged.
//! Optional: `--import-out` writes import blocks + skeletons for unmanaged resources,
//! `--accept-dir` prints "accept into code" diffs for changed ones, `--history` records the
//! scan's counts and `--timeline` draws the workspace's drift over time.
//! Exit codes: 0 no drift, 1 drift found, 2 usage or input error.

use super::state::passphrase;
use orbis_drift::remediation::{accept_changes, import_blocks};
use orbis_drift::{DriftReport, DriftRequest, Status};
use orbis_store::{NewDriftScan, Store};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct DriftArgs {
    /// State file(s): terraform.tfstate (v3/v4), `terraform show -json` output or an OpenTofu
    /// encrypted state. Several states of one account may be given.
    #[arg(long = "state", required = true, value_name = "FILE")]
    states: Vec<PathBuf>,
    /// Live inventory: a snapshot `{"inventory_version":1,"scanned_types":[…],"resources":
    /// [{"type","id","region","account","attributes":{…},"tags":{…}}]}`, or a driftctl
    /// `results.golden.json` fixture (a list of attribute maps).
    #[arg(long, value_name = "FILE")]
    inventory: Option<PathBuf>,
    /// Resource type of a driftctl fixture inventory (inferred from the recorded files beside it
    /// when absent).
    #[arg(long, value_name = "TYPE")]
    inventory_type: Option<String>,
    /// Scan the cloud now instead of reading a snapshot: `aws` (EC2 instances, VPCs, subnets,
    /// security groups, EBS volumes, S3 buckets, RDS DB instances, IAM users/roles/policies,
    /// ELBv2 load balancers/target groups, Lambda functions) with the standard AWS configuration (AWS_PROFILE,
    /// AWS_REGION, AWS_ENDPOINT_URL…). Needs a build with the `cloud` feature.
    #[arg(long, value_name = "CLOUD", conflicts_with = "inventory")]
    live: Option<String>,
    /// AWS profile for --live (default: AWS_PROFILE, else the environment's keys, else
    /// `default`).
    #[arg(long, value_name = "NAME", requires = "live")]
    profile: Option<String>,
    /// Region to scan with --live (repeatable; default: the profile's region).
    #[arg(long = "region", value_name = "REGION", requires = "live")]
    regions: Vec<String>,
    /// Also write the live scan's inventory snapshot to this file.
    #[arg(long, value_name = "FILE", requires = "live")]
    save_inventory: Option<PathBuf>,
    /// `terraform show -json` of a `terraform plan -refresh-only` plan: exact attribute drift.
    #[arg(long, value_name = "FILE")]
    refresh_only_plan: Option<PathBuf>,
    /// Ignore rules in driftctl's syntax (default: ./.driftignore when it exists).
    #[arg(long, value_name = "FILE")]
    driftignore: Option<PathBuf>,
    /// text or json.
    #[arg(long, default_value = "text")]
    format: String,
    /// Raw attribute comparison: also report null vs empty ("" / [] / {}) as drift.
    #[arg(long)]
    strict: bool,
    /// Environment variable holding the passphrase of an OpenTofu encrypted state.
    #[arg(long, value_name = "VAR")]
    passphrase_env: Option<String>,
    /// Write `import` blocks and resource skeletons for the unmanaged resources to this new file.
    #[arg(long, value_name = "FILE")]
    import_out: Option<PathBuf>,
    /// Print "accept into code" diffs for changed resources found in this folder's .tf files.
    #[arg(long, value_name = "DIR")]
    accept_dir: Option<PathBuf>,
    /// Record the scan's counts in this local history database (SQLite).
    #[arg(long, value_name = "DB")]
    history: Option<PathBuf>,
    /// Workspace name the scan is recorded under (default: the current folder).
    #[arg(long)]
    workspace: Option<String>,
    /// Draw the workspace's drift timeline from the history: counts to FILE.svg, coverage to
    /// FILE.coverage.svg. Needs --history.
    #[arg(long, value_name = "FILE.svg")]
    timeline: Option<PathBuf>,
}

pub fn run(args: DriftArgs) -> u8 {
    if args.format != "text" && args.format != "json" {
        return fail(
            "[drift.usage] --format must be text or json",
            "use --format text or --format json",
        );
    }
    if args.timeline.is_some() && args.history.is_none() {
        return fail(
            "[drift.usage] --timeline needs --history DB",
            "the timeline is drawn from the recorded scans",
        );
    }
    if let Some(out) = &args.import_out {
        if out.exists() {
            return fail(
                &format!("[drift.usage] {} already exists", out.display()),
                "name a new file: generated code is never written over yours",
            );
        }
    }
    let pass = match passphrase(args.passphrase_env.as_deref()) {
        Ok(p) => p,
        Err((m, h)) => return fail(&m, &h),
    };
    let driftignore = args.driftignore.clone().or_else(|| {
        let default = PathBuf::from(".driftignore");
        default.is_file().then_some(default)
    });
    let live = match args.live.as_deref() {
        None => None,
        Some(cloud) => match super::drift_live::scan(
            cloud,
            args.profile.as_deref(),
            &args.regions,
            args.save_inventory.as_deref(),
        ) {
            Ok(inv) => Some(inv),
            Err((m, h)) => return fail(&m, &h),
        },
    };
    let req = DriftRequest {
        states: args.states.clone(),
        read_states: Vec::new(),
        inventory: args.inventory.clone(),
        live,
        inventory_type: args.inventory_type.clone(),
        refresh_only_plan: args.refresh_only_plan.clone(),
        driftignore,
        passphrase: pass,
        strict: args.strict,
    };
    let outcome = match orbis_drift::run(&req) {
        Ok(o) => o,
        Err(e) => return fail(&e.to_string(), &e.hint),
    };
    let report = &outcome.report;
    let mut extra = String::new();
    if let (Some(out), Some(inv)) = (&args.import_out, &outcome.inventory) {
        let unmanaged: Vec<_> = report
            .with_status(Status::Unmanaged)
            .filter_map(|d| {
                inv.resources
                    .iter()
                    .find(|r| r.resource_type == d.resource_type && r.id == d.id)
            })
            .collect();
        let text = import_blocks(&unmanaged, &orbis_lang::ProviderSchemas::bundled());
        if let Err(e) = std::fs::write(out, text) {
            return fail(
                &format!("[drift.io] cannot write {}: {e}", out.display()),
                "check the folder",
            );
        }
        extra.push_str(&format!(
            "Wrote {} import blocks to {}\n",
            unmanaged.len(),
            out.display()
        ));
    }
    let accepts = args
        .accept_dir
        .as_deref()
        .map(|dir| accept_changes(dir, &report.resources))
        .unwrap_or_default();
    if let Some(db) = &args.history {
        let workspace = args.workspace.clone().unwrap_or_else(|| {
            std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| ".".into())
        });
        if let Err(e) = record(db, &workspace, report, args.timeline.as_deref()) {
            return fail(&e.0, &e.1);
        }
    }
    if args.format == "json" {
        let mut v = serde_json::to_value(report).unwrap_or_default();
        if args.accept_dir.is_some() {
            v["accept"] = serde_json::to_value(&accepts).unwrap_or_default();
        }
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print!("{}", text(report));
        for a in &accepts {
            println!("\nAccept into code: {}", a.address);
            print!("{}", a.diff);
            for n in &a.notes {
                println!("  note: {n}");
            }
        }
        print!("{extra}");
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    u8::from(report.summary.has_drift())
}

fn record(
    db: &Path,
    workspace: &str,
    report: &DriftReport,
    timeline: Option<&Path>,
) -> Result<(), (String, String)> {
    let store = Store::open(db).map_err(|e| (format!("[store.open] {e}"), e.hint().to_string()))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let s = report.summary;
    store
        .record_drift_scan(&NewDriftScan {
            workspace: workspace.to_string(),
            scanned_at: now,
            sources: report.sources.join(","),
            managed: s.managed as u64,
            unmanaged: s.unmanaged as u64,
            missing: s.missing as u64,
            changed: s.changed as u64,
            ignored: s.ignored as u64,
            coverage: report.coverage,
        })
        .map_err(|e| (format!("[store.write] {e}"), e.hint().to_string()))?;
    let Some(path) = timeline else { return Ok(()) };
    let scans = store
        .drift_scans(workspace, 1000)
        .map_err(|e| (format!("[store.read] {e}"), e.hint().to_string()))?;
    let points: Vec<orbis_drift::timeline::ScanPoint> = scans
        .iter()
        .map(|r| orbis_drift::timeline::ScanPoint {
            at: r.scan.scanned_at,
            managed: r.scan.managed as usize,
            unmanaged: r.scan.unmanaged as usize,
            missing: r.scan.missing as usize,
            changed: r.scan.changed as usize,
            coverage: r.scan.coverage,
        })
        .collect();
    let (counts, coverage) =
        orbis_drift::timeline::svg(workspace, &points, &orbis_charts::Options::default())
            .map_err(|e| (format!("[drift.chart] {e}"), "report this".to_string()))?;
    let cov_path = path.with_extension("coverage.svg");
    for (p, svg) in [(path.to_path_buf(), counts), (cov_path, coverage)] {
        std::fs::write(&p, svg).map_err(|e| {
            (
                format!("[drift.io] cannot write {}: {e}", p.display()),
                "check the folder".into(),
            )
        })?;
    }
    Ok(())
}

fn text(r: &DriftReport) -> String {
    let s = r.summary;
    let mut out = format!(
        "Drift ({}): {} managed ({} changed), {} unmanaged, {} missing{}; coverage {:.1}%\n",
        r.sources.join(" + "),
        s.managed,
        s.changed,
        s.unmanaged,
        s.missing,
        if s.ignored > 0 {
            format!(", {} ignored", s.ignored)
        } else {
            String::new()
        },
        r.coverage
    );
    for status in [Status::Changed, Status::Missing, Status::Unmanaged] {
        let items: Vec<_> = r.with_status(status).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({})\n", status.name(), items.len()));
        for d in items {
            out.push_str(&format!(
                "  {}  {}{}\n",
                d.resource_type,
                d.id,
                d.address
                    .as_deref()
                    .map(|a| format!("  ({a})"))
                    .unwrap_or_default()
            ));
            for c in &d.changes {
                out.push_str(&format!(
                    "      {}: {} → {}\n",
                    c.attribute, c.state, c.live
                ));
            }
        }
    }
    if !s.has_drift() {
        out.push_str("No drift.\n");
    }
    out
}

fn fail(message: &str, hint: &str) -> u8 {
    eprintln!("error: {message}\nhint: {hint}");
    2
}
