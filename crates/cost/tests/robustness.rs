//! Every cost model on hostile values — wrong types, nulls, unknowns, huge and negative
//! numbers, deep blocks — must return an outcome, never panic, and never produce a
//! non-finite cost.

use orbis_cost::input::unknown;
use orbis_cost::resources::supported_types;
use orbis_cost::{Estimator, ResourceInput, UsageFile};
use serde_json::{json, Value};

fn hostile_values() -> Vec<Value> {
    let common_keys = [
        "instance_type",
        "type",
        "size",
        "iops",
        "throughput",
        "node_type",
        "instance_class",
        "engine",
        "sku",
        "sku_name",
        "machine_type",
        "memory_size",
        "desired_count",
        "number_of_nodes",
        "num_cache_nodes",
        "disk_size_gb",
        "storage_account_type",
        "capacity",
        "tier",
        "load_balancer_type",
        "version",
        "location",
        "region",
        "zone",
        "vm_size",
        "node_count",
        "allocated_storage",
        "billing_mode",
        "write_capacity",
        "read_capacity",
        "retention_in_days",
        "reservation_capacity_in_gb_per_day",
        "storage_class",
        "memory_size_gb",
    ];
    let blocks = [
        "root_block_device",
        "ebs_block_device",
        "os_disk",
        "default_node_pool",
        "node_config",
        "node_pool",
        "settings",
        "cluster_config",
        "ebs_options",
        "scaling_config",
        "boot_disk",
        "metric_query",
        "replica",
        "replication",
        "sku",
        "launch_template",
        "scheduling",
        "autoscaling",
    ];
    let fillers = [
        json!(null),
        unknown(),
        json!("x"),
        json!(-1),
        json!(1e308),
        json!([]),
        json!({}),
        json!([{"a": [1, {"b": null}]}]),
        json!(true),
    ];
    let mut out = vec![json!({}), json!(null), json!([]), json!("string")];
    for f in &fillers {
        let mut m = serde_json::Map::new();
        for k in common_keys {
            m.insert(k.into(), f.clone());
        }
        for b in blocks {
            m.insert(b.into(), json!([{ "volume_size": f, "machine_type": f, "tier": f, "metric": [{"period": f}], "node_count": f, "size": f, "vm_size": f, "storage_account_type": f }]));
        }
        m.insert(
            "__refs__".into(),
            json!({"task_definition": {"cpu": f, "memory": f}, "cluster": f}),
        );
        m.insert("__referrers__".into(), json!([{"type": "aws_appautoscaling_target", "address": f, "values": {"scalable_dimension": f, "min_capacity": f}}]));
        out.push(Value::Object(m));
    }
    out
}

#[test]
fn no_model_panics_or_returns_non_finite_costs() {
    let usage = UsageFile::parse(
        "version: 0.1\nresource_type_default_usage:\n  aws_lambda_function:\n    monthly_requests: -5\n    request_duration_ms: 1e308\n  aws_s3_bucket:\n    standard:\n      storage_gb: 'x'\n",
    )
    .unwrap();
    let est = Estimator::new(orbis_cost::Catalog::bundled(), usage);
    let types = supported_types();
    assert!(types.len() >= 70);
    for (_, t) in &types {
        for (i, v) in hostile_values().into_iter().enumerate() {
            let input = ResourceInput::new(&format!("{t}.x[{i}]"), t, Some("weird-region-9"), v);
            let e = est.estimate(&[input]);
            assert_eq!(
                e.resources.len() + e.free.len() + e.unsupported.len(),
                1,
                "{t}: every resource lands somewhere"
            );
            assert!(
                e.total_monthly_cost.is_finite(),
                "{t}: total {}",
                e.total_monthly_cost
            );
            for r in &e.resources {
                for c in &r.cost_components {
                    assert!(
                        c.monthly_cost
                            .map(|x| x.is_finite() && x >= 0.0)
                            .unwrap_or(true),
                        "{t}: cost {:?} of {}",
                        c.monthly_cost,
                        c.name
                    );
                }
            }
        }
    }
}
