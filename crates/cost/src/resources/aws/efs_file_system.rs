//! aws_efs_file_system: storage (standard or one zone, with infrequent-access share from
//! usage) and provisioned throughput.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let one_zone = r.str("availability_zone_name").is_some();
    let zone = if one_zone { "one_zone" } else { "standard" };
    let label = if one_zone {
        "Storage (one zone)"
    } else {
        "Storage (standard)"
    };
    let mut comps = vec![cx.usage_based(
        label,
        "GB",
        cx.usage.f64("storage_gb"),
        key("efs", "storage", &format!("class={zone}")),
    )];
    if !r.blocks("lifecycle_policy").is_empty() {
        let ia_label = if one_zone {
            "Storage (one zone, infrequent access)"
        } else {
            "Storage (standard, infrequent access)"
        };
        comps.push(cx.usage_based(
            ia_label,
            "GB",
            cx.usage.f64("infrequent_access_storage_gb"),
            key("efs", "storage", &format!("class={zone}_ia")),
        ));
        comps.push(cx.usage_based(
            "Read requests (infrequent access)",
            "GB",
            cx.usage.f64("monthly_infrequent_access_read_gb"),
            key("efs", "ia_requests", ""),
        ));
        comps.push(cx.usage_based(
            "Write requests (infrequent access)",
            "GB",
            cx.usage.f64("monthly_infrequent_access_write_gb"),
            key("efs", "ia_requests", ""),
        ));
    }
    if r.str("throughput_mode") == Some("provisioned") {
        // Standard storage includes 50 KB/s of throughput per GB stored; only the rest is billed.
        let included = cx.usage.f64("storage_gb").unwrap_or(0.0) / 20.0;
        let mbps = (r.f64("provisioned_throughput_in_mibps").unwrap_or(0.0) - included).max(0.0);
        comps.push(cx.component(
            "Provisioned throughput",
            "MBps",
            Some(mbps),
            key("efs", "provisioned_throughput", ""),
            false,
        ));
    }
    Outcome::Priced(comps)
}
