//! `cargo xtask bench cost`: generates a plan JSON with N resource changes (default 10,000)
//! cycling through priced AWS/Azure/GCP types with realistic attributes, then times loading
//! it and estimating both sides (`orbis_cost::from_plan::estimate_plan_bytes`). Goal: 10,000
//! resources estimated in < 200 ms. The catalog is built once before timing, as in the app.

use anyhow::{bail, Result};
use serde_json::{json, Value};
use std::time::Instant;

#[derive(clap::Args)]
pub struct CostBenchArgs {
    /// Number of resource changes in the generated plan.
    #[arg(long, default_value_t = 10_000)]
    pub resources: usize,
    /// Timed runs (best and median are reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
}

fn resource(i: usize) -> (String, Value) {
    let t = ["t3.micro", "m5.large", "c5.xlarge", "r5.large"][i % 4];
    match i % 10 {
        0 => (
            "aws_instance".into(),
            json!({"instance_type": t, "root_block_device": [{"volume_size": 20 + i % 50, "volume_type": "gp3"}], "ebs_block_device": [{"volume_size": 100, "volume_type": "io1", "iops": 1000}], "tags": {"Owner": format!("team{}", i % 7)}}),
        ),
        1 => (
            "aws_ebs_volume".into(),
            json!({"type": "gp3", "size": 100 + i % 400, "iops": 4000, "throughput": 200}),
        ),
        2 => (
            "aws_db_instance".into(),
            json!({"instance_class": "db.m5.large", "engine": "postgres", "allocated_storage": 100, "multi_az": (i & 1) == 0}),
        ),
        3 => ("aws_nat_gateway".into(), json!({})),
        4 => (
            "aws_lb".into(),
            json!({"load_balancer_type": "application"}),
        ),
        5 => ("aws_lambda_function".into(), json!({"memory_size": 512})),
        6 => (
            "azurerm_linux_virtual_machine".into(),
            json!({"size": "Standard_D2s_v3", "location": "westeurope", "os_disk": [{"storage_account_type": "Premium_LRS", "disk_size_gb": 64}]}),
        ),
        7 => (
            "google_compute_instance".into(),
            json!({"machine_type": "e2-standard-2", "zone": "europe-west1-b", "boot_disk": [{"initialize_params": [{"size": 50, "type": "pd-balanced"}]}]}),
        ),
        8 => ("aws_s3_bucket".into(), json!({"bucket": format!("b{i}")})),
        _ => ("aws_vpc".into(), json!({"cidr_block": "10.0.0.0/16"})),
    }
}

fn generate(n: usize) -> Vec<u8> {
    let changes: Vec<Value> = (0..n)
        .map(|i| {
            let (t, after) = resource(i);
            // Every third change is an update whose prior state had a smaller size.
            let (actions, before) = if i % 3 == 0 { (json!(["update"]), after.clone()) } else { (json!(["create"]), Value::Null) };
            json!({"address": format!("{t}.r{i}"), "mode": "managed", "type": t, "name": format!("r{i}"),
                   "provider_name": "registry.terraform.io/hashicorp/aws",
                   "change": {"actions": actions, "before": before, "after": after, "after_unknown": {}}})
        })
        .collect();
    let doc = json!({"format_version": "1.2", "terraform_version": "1.9.0", "resource_changes": changes,
        "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}}}});
    serde_json::to_vec(&doc).unwrap_or_default()
}

pub fn run(args: CostBenchArgs) -> Result<()> {
    let bytes = generate(args.resources);
    let estimator = orbis_cost::Estimator::default();
    let t_catalog = Instant::now();
    let entries = estimator.catalog.len();
    println!(
        "catalog: {entries} price keys (bundled, built in {:.1} ms before timing)",
        t_catalog.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "plan: {} resource changes, {:.1} MB",
        args.resources,
        bytes.len() as f64 / 1e6
    );
    let mut times = Vec::new();
    let mut last_total = 0.0;
    let mut priced = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let est = orbis_cost::from_plan::estimate_plan_bytes(&bytes, "bench-plan.json", &estimator)
            .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last_total = est.total();
        priced = est.after.resources.len();
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!("estimate (load + both sides + deltas): best {:.1} ms, median {median:.1} ms; {priced} priced resources, total ${last_total:.2}/month", times[0]);
    println!(
        "goal: < 200 ms for 10,000 resources — {}",
        if median < 200.0 { "met" } else { "NOT met" }
    );
    if priced == 0 {
        bail!("no resource was priced: the catalog or the generator is broken");
    }
    Ok(())
}
