//! aws_dynamodb_table: provisioned capacity (WCU/RCU hours) or on-demand request units,
//! storage, from the table's billing mode and usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let u = &cx.usage;
    let mut comps = Vec::new();
    if r.str_or("billing_mode", "PROVISIONED") == "PAY_PER_REQUEST" {
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
        let wcu = r.f64("write_capacity").unwrap_or(0.0);
        let rcu = r.f64("read_capacity").unwrap_or(0.0);
        comps.push(cx.hourly("Write capacity unit (WCU)", key("dynamodb", "wcu", ""), wcu));
        comps.push(cx.hourly("Read capacity unit (RCU)", key("dynamodb", "rcu", ""), rcu));
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
    Outcome::Priced(comps)
}
