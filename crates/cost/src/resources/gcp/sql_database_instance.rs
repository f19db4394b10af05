//! google_sql_database_instance: shared-core tiers by tier price; dedicated (`db-custom-C-M`)
//! by vCPU and memory, zonal or regional (HA doubles), plus storage by disk type.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let settings = r.blocks("settings");
    let s = settings.first();
    let get = |k: &str| s.and_then(|s| s.get(k));
    let Some(tier) = get("tier").and_then(|v| v.as_str()) else {
        return Outcome::Unsupported("settings.tier is unknown".into());
    };
    let avail = if get("availability_type").and_then(|v| v.as_str()) == Some("REGIONAL") {
        "regional"
    } else {
        "zonal"
    };
    let mut comps = Vec::new();
    if tier == "db-f1-micro" || tier == "db-g1-small" {
        comps.push(cx.hourly(
            format!("SQL instance ({tier}, {avail})"),
            key(
                "cloud_sql",
                "shared_core",
                &attrs(&[("availability", avail), ("tier", tier)]),
            ),
            1.0,
        ));
    } else if let Some(rest) = tier.strip_prefix("db-custom-") {
        let mut parts = rest.split('-');
        let (Some(cpu), Some(mem)) = (
            parts.next().and_then(|c| c.parse::<f64>().ok()),
            parts.next().and_then(|m| m.parse::<f64>().ok()),
        ) else {
            return Outcome::Unsupported(format!("tier {tier} is not understood"));
        };
        let a = attrs(&[("availability", avail)]);
        comps.push(cx.hourly(
            format!("vCPUs ({cpu} vCPU, {avail})"),
            key("cloud_sql", "vcpu", &a),
            cpu,
        ));
        comps.push(cx.hourly(
            format!("Memory ({} GB, {avail})", mem / 1024.0),
            key("cloud_sql", "memory_gb", &a),
            mem / 1024.0,
        ));
    } else {
        return Outcome::Unsupported(format!(
            "tier {tier} (predefined machine series) is not priced yet"
        ));
    }
    let disk_type = get("disk_type")
        .and_then(|v| v.as_str())
        .unwrap_or("PD_SSD")
        .to_ascii_lowercase();
    let size = get("disk_size")
        .and_then(crate::input::number)
        .unwrap_or(10.0);
    comps.push(cx.component(
        format!("Storage ({disk_type}, {avail})"),
        "GB",
        Some(size),
        key(
            "cloud_sql",
            "storage",
            &attrs(&[("availability", avail), ("type", &disk_type)]),
        ),
        false,
    ));
    Outcome::Priced(comps)
}
