//! azurerm_log_analytics_workspace: data ingestion (pay-as-you-go per GB from usage, or a
//! capacity reservation billed per day for 30 days, per 100 GB/day of reservation — the
//! 100 GB/day rate is applied to larger reservations too), Microsoft Sentinel ingestion when
//! Sentinel is enabled on the workspace (a SecurityInsights solution or a Sentinel resource of
//! the same configuration refers to it), retention beyond the 31 free days, export, basic logs
//! and archive, from usage.

use crate::resources::{key, Ctx, Outcome};
use serde_json::Value;

fn sentinel_enabled(cx: &Ctx) -> bool {
    let Some(referrers) = cx.r.known("__referrers__").and_then(Value::as_array) else {
        return false;
    };
    referrers.iter().any(|x| {
        let t = x["type"].as_str().unwrap_or("");
        t.starts_with("azurerm_sentinel_")
            || (t == "azurerm_log_analytics_solution"
                && crate::input::blocks_of(x["values"].get("plan"))
                    .iter()
                    .any(|p| {
                        p.get("product")
                            .and_then(Value::as_str)
                            .map(|s| s.contains("SecurityInsights"))
                            .unwrap_or(false)
                    }))
    })
}

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let u = &cx.usage;
    let sku = r.str_or("sku", "PerGB2018");
    if !matches!(sku, "PerGB2018" | "CapacityReservation") {
        return Outcome::Unsupported(format!("legacy pricing tier {sku} is not priced"));
    }
    let sentinel = sentinel_enabled(cx);
    let mut comps = Vec::new();
    if sku == "CapacityReservation" {
        // Without a reservation size the bill is unknown, not a guessed 100 GB/day.
        let units = r
            .f64("reservation_capacity_in_gb_per_day")
            .map(|per_day| 30.0 * per_day / 100.0);
        comps.push(cx.component(
            "Log data ingestion",
            "100 GB (per day)",
            units,
            key("log_analytics", "capacity_reservation", ""),
            false,
        ));
        if sentinel {
            comps.push(cx.component(
                "Sentinel data ingestion",
                "100 GB (per day)",
                units,
                key("log_analytics", "sentinel_capacity_reservation", ""),
                false,
            ));
        }
    } else {
        comps.push(cx.usage_based(
            "Log data ingestion",
            "GB",
            u.f64("monthly_log_data_ingestion_gb"),
            key("log_analytics", "ingestion", ""),
        ));
        if sentinel {
            comps.push(cx.usage_based(
                "Sentinel data ingestion",
                "GB",
                u.f64("monthly_sentinel_data_ingestion_gb"),
                key("log_analytics", "sentinel_ingestion", ""),
            ));
        }
    }
    if r.f64("retention_in_days").unwrap_or(30.0) > 31.0 {
        comps.push(cx.usage_based(
            "Log data retention",
            "GB",
            u.f64("monthly_additional_log_data_retention_gb"),
            key("log_analytics", "retention", ""),
        ));
    }
    comps.push(cx.usage_based(
        "Log data export",
        "GB",
        u.f64("monthly_log_data_export_gb"),
        key("log_analytics", "export", ""),
    ));
    comps.push(cx.usage_based(
        "Basic log data ingestion",
        "GB",
        u.f64("monthly_basic_log_data_ingestion_gb"),
        key("log_analytics", "basic_ingestion", ""),
    ));
    comps.push(cx.usage_based(
        "Basic log search queries",
        "GB searched",
        u.f64("monthly_basic_log_search_gb"),
        key("log_analytics", "basic_search", ""),
    ));
    comps.push(cx.usage_based(
        "Archive data",
        "GB",
        u.f64("monthly_archive_data_gb"),
        key("log_analytics", "archive", ""),
    ));
    comps.push(cx.usage_based(
        "Archive data restored",
        "GB",
        u.f64("monthly_archive_data_restored_gb"),
        key("log_analytics", "archive_restore", ""),
    ));
    comps.push(cx.usage_based(
        "Archive data searched",
        "GB",
        u.f64("monthly_archive_data_searched_gb"),
        key("log_analytics", "archive_search", ""),
    ));
    Outcome::Priced(comps)
}
