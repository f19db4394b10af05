//! `orbis inventory`: what exists in the cloud, listed — scanned now with your own credentials
//! (`--cloud aws|azure|gcp|all`, or `--live aws`) or read from a saved snapshot (`--from FILE`). With `--state` files, each
//! resource says which state address manages it (none: nobody manages it through those
//! states). Types the scan could not enumerate are listed as not scanned, never as empty.
//! Exit codes: 0 listed, 2 usage, credential or input error.

use super::drift_live;
use orbis_drift::{DriftRequest, Inventory, Status};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct InventoryArgs {
    /// Scan this cloud now: `aws` (EC2 instances, VPCs, subnets, security groups, EBS volumes,
    /// S3 buckets, RDS DB instances, IAM users/roles/policies, ELBv2 load balancers/target
    /// groups, Lambda functions) with the standard AWS configuration (AWS_PROFILE, AWS_REGION,
    /// AWS_ENDPOINT_URL…). Needs a build with the `cloud` feature.
    #[arg(long, value_name = "CLOUD", required_unless_present_any = ["from", "cloud"], conflicts_with = "cloud")]
    live: Option<String>,
    /// Scan `aws`, `azure` (Resource Graph with your `az login`), `gcp` (Cloud Asset Inventory
    /// with your Application Default Credentials) or `all` of them now. Needs the `cloud`
    /// feature.
    #[arg(long, value_name = "CLOUD", conflicts_with = "from")]
    cloud: Option<String>,
    /// Azure subscription id to scan (repeatable; default: the Azure CLI's default one).
    #[arg(long = "subscription", value_name = "ID")]
    subscriptions: Vec<String>,
    /// Google Cloud project id to scan (repeatable; default: the project Terraform would use).
    #[arg(long = "project", value_name = "ID")]
    projects: Vec<String>,
    /// Read an inventory snapshot instead (`orbis drift --save-inventory`, `--save` here).
    #[arg(long, value_name = "FILE", conflicts_with = "live")]
    from: Option<PathBuf>,
    /// AWS profile for --live/--cloud (default: AWS_PROFILE, else the environment's keys, else
    /// `default`).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// AWS region to scan (repeatable; default: the profile's region).
    #[arg(long = "region", value_name = "REGION")]
    regions: Vec<String>,
    /// State file(s) whose resources count as managed: fills the "managed by" column.
    #[arg(long = "state", value_name = "FILE")]
    states: Vec<PathBuf>,
    /// Also write the scan as a snapshot to this new file (for `--from` and `orbis drift`).
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// table or json.
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: InventoryArgs) -> u8 {
    match listing(&args) {
        Ok(v) => {
            if args.format == "json" {
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                print_table(&v);
            }
            0
        }
        Err((message, hint)) => {
            eprintln!("error: {message}");
            if !hint.is_empty() {
                eprintln!("hint: {hint}");
            }
            2
        }
    }
}

type Failure = (String, String);

fn listing(args: &InventoryArgs) -> Result<Value, Failure> {
    if !matches!(args.format.as_str(), "table" | "json") {
        return Err((
            format!("[inventory.usage] unknown format {:?}", args.format),
            "use --format table or --format json".into(),
        ));
    }
    if args.cloud.is_none() && args.live.is_none() && args.save.is_some() {
        return Err((
            "[inventory.usage] --save needs a scan".into(),
            "add --cloud CLOUD (or --live aws)".into(),
        ));
    }
    if let Some(cloud) = &args.cloud {
        let scopes = drift_live::Scopes {
            profile: args.profile.as_deref(),
            regions: &args.regions,
            subscriptions: &args.subscriptions,
            projects: &args.projects,
        };
        let inventory = drift_live::scan_clouds(cloud, &scopes, args.save.as_deref())?;
        let managed = managed_by(&args.states, &inventory)?;
        return Ok(render(&inventory, &managed, !args.states.is_empty()));
    }
    let inventory = match (&args.live, &args.from) {
        (Some(cloud), _) => drift_live::scan(
            cloud,
            args.profile.as_deref(),
            &args.regions,
            args.save.as_deref(),
        )?,
        (None, Some(file)) => orbis_drift::inventory::load_file(file, None)
            .map(|(inv, _warnings)| inv)
            .map_err(|e| (format!("[{}] {}", e.code, e.message), e.hint))?,
        (None, None) => {
            return Err((
                "[inventory.usage] nothing to list".into(),
                "pass --cloud aws|azure|gcp|all or --from FILE".into(),
            ))
        }
    };
    let managed = managed_by(&args.states, &inventory)?;
    Ok(render(&inventory, &managed, !args.states.is_empty()))
}

/// State address of each live resource the states manage, keyed by (type, id).
fn managed_by(
    states: &[PathBuf],
    inventory: &Inventory,
) -> Result<HashMap<(String, String), String>, Failure> {
    if states.is_empty() {
        return Ok(HashMap::new());
    }
    let outcome = orbis_drift::run(&DriftRequest {
        states: states.to_vec(),
        read_states: Vec::new(),
        inventory: None,
        live: Some(inventory.clone()),
        inventory_type: None,
        refresh_only_plan: None,
        driftignore: None,
        passphrase: None,
        strict: false,
    })
    .map_err(|e| (format!("[{}] {}", e.code, e.message), e.hint.clone()))?;
    Ok(outcome
        .report
        .resources
        .into_iter()
        .filter(|r| matches!(r.status, Status::Managed | Status::Changed))
        .filter_map(|r| Some(((r.resource_type, r.id), r.address?)))
        .collect())
}

fn render(
    inv: &Inventory,
    managed: &HashMap<(String, String), String>,
    with_states: bool,
) -> Value {
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    let mut resources: Vec<Value> = inv
        .resources
        .iter()
        .map(|r| {
            *by_type.entry(r.resource_type.as_str()).or_default() += 1;
            let manager = managed.get(&(r.resource_type.clone(), r.id.clone()));
            json!({
                "type": r.resource_type,
                "id": r.id,
                "name": display_name(r),
                "region": r.region,
                "account": r.account,
                "tags": r.tags,
                "managed_by": manager,
            })
        })
        .collect();
    resources.sort_by(|a, b| {
        (a["type"].as_str(), a["region"].as_str(), a["id"].as_str()).cmp(&(
            b["type"].as_str(),
            b["region"].as_str(),
            b["id"].as_str(),
        ))
    });
    let managed_count = resources
        .iter()
        .filter(|r| !r["managed_by"].is_null())
        .count();
    json!({
        "source": inv.source,
        "generated_at": inv.generated_at,
        "summary": {
            "resources": resources.len(),
            "types": by_type,
            "managed": with_states.then_some(managed_count),
            "unmanaged": with_states.then_some(resources.len() - managed_count),
        },
        "resources": resources,
        "not_scanned": inv.scan_errors.iter().map(|e| json!({
            "type": e.resource_type,
            "region": e.region,
            "code": e.code,
            "message": e.message,
            "hint": e.hint,
        })).collect::<Vec<_>>(),
    })
}

/// The `Name` tag (AWS), else the resource's own name attribute.
fn display_name(r: &orbis_drift::LiveResource) -> Option<String> {
    r.tags.get("Name").cloned().or_else(|| {
        ["name", "function_name", "identifier", "bucket"]
            .iter()
            .find_map(|k| r.attributes.get(*k)?.as_str().map(str::to_string))
    })
}

fn print_table(v: &Value) {
    let rows = v["resources"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let with_states = !v["summary"]["managed"].is_null();
    let cell = |x: &Value| x.as_str().unwrap_or("-").to_string();
    let table: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                cell(&r["type"]),
                cell(&r["id"]),
                cell(&r["name"]),
                cell(&r["region"]),
                if with_states {
                    r["managed_by"]
                        .as_str()
                        .unwrap_or("(unmanaged)")
                        .to_string()
                } else {
                    cell(&r["account"])
                },
            ]
        })
        .collect();
    let last = if with_states { "MANAGED BY" } else { "ACCOUNT" };
    let header = ["TYPE", "ID", "NAME", "REGION", last].map(str::to_string);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &table {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&table) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", line.join("  ").trim_end());
    }
    let s = &v["summary"];
    let mut total = format!("{} resources", s["resources"]);
    if with_states {
        total.push_str(&format!(
            ", {} managed by the given states, {} unmanaged",
            s["managed"], s["unmanaged"]
        ));
    }
    println!("\n{total}");
    for e in v["not_scanned"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        println!(
            "not scanned: {} in {} — {} ({})",
            cell(&e["type"]),
            cell(&e["region"]),
            cell(&e["message"]),
            cell(&e["hint"])
        );
    }
}
