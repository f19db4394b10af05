//! aws_dynamodb_table: provisioned capacity (WCU/RCU hours) or on-demand request units,
//! storage, backups, restores and streams from usage. Capacity managed by an
//! `aws_appautoscaling_target` of the same configuration is priced at the target's usage
//! `capacity` (its `min_capacity` otherwise). Each global-table `replica` pays replicated
//! write capacity (or replicated write requests) in its own region.

use super::shared::autoscaled_capacity;
use crate::catalog::attrs;
use crate::model::CostComponent;
use crate::resources::{key, Ctx, Outcome};
use serde_json::Value;

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let u = &cx.usage;
    let mut comps = Vec::new();
    let on_demand = r.str_or("billing_mode", "PROVISIONED") == "PAY_PER_REQUEST";
    let wcu = autoscaled_capacity(cx, "WriteCapacityUnits")
        .map(|c| (c, true))
        .or_else(|| Some((r.f64("write_capacity")?, false)));
    if on_demand {
        comps.push(cx.usage_based(
            "Write request unit (WRU)",
            "1M WRU",
            u.f64("monthly_write_request_units").map(|v| v / 1e6),
            key("dynamodb", "write_request_units", ""),
        ));
        comps.push(cx.usage_based(
            "Read request unit (RRU)",
            "1M RRU",
            u.f64("monthly_read_request_units").map(|v| v / 1e6),
            key("dynamodb", "read_request_units", ""),
        ));
    } else {
        let rcu = autoscaled_capacity(cx, "ReadCapacityUnits")
            .map(|c| (c, true))
            .or_else(|| Some((r.f64("read_capacity")?, false)));
        for (units, label, family) in [
            (wcu, "Write capacity unit (WCU", "wcu"),
            (rcu, "Read capacity unit (RCU", "rcu"),
        ] {
            let (n, auto) = units.unwrap_or((0.0, false));
            let name = if auto {
                format!("{label}, autoscaling)")
            } else {
                format!("{label})")
            };
            let mut c = cx.hourly(name, key("dynamodb", family, ""), n);
            c.usage_based = auto;
            comps.push(c);
        }
    }
    comps.push(cx.usage_based(
        "Data storage",
        "GB",
        u.f64("storage_gb"),
        key("dynamodb", "storage", ""),
    ));
    comps.push(cx.usage_based(
        "Point-In-Time Recovery (PITR) backup storage",
        "GB",
        u.f64("pitr_backup_storage_gb"),
        key("dynamodb", "pitr", ""),
    ));
    comps.push(cx.usage_based(
        "On-demand backup storage",
        "GB",
        u.f64("on_demand_backup_storage_gb"),
        key("dynamodb", "backup", ""),
    ));
    comps.push(cx.usage_based(
        "Table data restored",
        "GB",
        u.f64("monthly_data_restored_gb"),
        key("dynamodb", "restore", ""),
    ));
    comps.push(cx.usage_based(
        "Streams read request unit (sRRU)",
        "100K sRRU",
        u.f64("monthly_streams_read_request_units").map(|v| v / 1e5),
        key("dynamodb", "streams", ""),
    ));
    for replica in r.blocks("replica") {
        let Some(region) = replica.get("region_name").and_then(Value::as_str) else {
            continue;
        };
        comps.push(replica_component(cx, region, on_demand, wcu.map(|w| w.0)));
    }
    Outcome::Priced(comps)
}

fn replica_component(cx: &Ctx, region: &str, on_demand: bool, wcu: Option<f64>) -> CostComponent {
    let a = attrs(&[("replica_region", region)]);
    if on_demand {
        let wru = cx.usage.f64("monthly_write_request_units").map(|v| v / 1e6);
        cx.usage_based(
            format!("Global table ({region}): Replicated write request unit (rWRU)"),
            "1M rWRU",
            wru,
            key("dynamodb", "replicated_wru", &a),
        )
    } else {
        cx.hourly(
            format!("Global table ({region}): Replicated write capacity unit (rWCU)"),
            key("dynamodb", "replicated_wcu", &a),
            wcu.unwrap_or(0.0),
        )
    }
}
