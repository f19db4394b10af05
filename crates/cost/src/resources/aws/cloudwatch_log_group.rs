//! aws_cloudwatch_log_group: ingestion, storage and Insights scans, all from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let u = &cx.usage;
    let class = if cx.r.str("log_group_class") == Some("INFREQUENT_ACCESS") {
        "infrequent"
    } else {
        "standard"
    };
    Outcome::Priced(vec![
        cx.usage_based(
            "Data ingested",
            "GB",
            u.f64("monthly_data_ingested_gb"),
            key("cloudwatch", "logs_ingest", &format!("class={class}")),
        ),
        cx.usage_based(
            "Archival Storage",
            "GB",
            u.f64("storage_gb"),
            key("cloudwatch", "logs_storage", ""),
        ),
        cx.usage_based(
            "Insights queries data scanned",
            "GB",
            u.f64("monthly_data_scanned_gb"),
            key("cloudwatch", "logs_insights", ""),
        ),
    ])
}
