//! aws_cloudwatch_event_bus: custom and partner events published, archives and schema
//! discovery, all from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let u = &cx.usage;
    let m = |k: &str| u.f64(k).map(|v| v / 1e6);
    Outcome::Priced(vec![
        cx.usage_based(
            "Custom events published",
            "1M events",
            m("monthly_custom_events"),
            key("eventbridge", "events", ""),
        ),
        cx.usage_based(
            "Third-party events published",
            "1M events",
            m("monthly_third_party_events"),
            key("eventbridge", "events", ""),
        ),
        cx.usage_based(
            "Archive processing",
            "GB",
            u.f64("monthly_archive_processing_gb"),
            key("eventbridge", "archive_processing", ""),
        ),
        cx.usage_based(
            "Archive storage",
            "GB",
            u.f64("archive_storage_gb"),
            key("eventbridge", "archive_storage", ""),
        ),
        cx.usage_based(
            "Schema discovery",
            "1M events",
            m("monthly_schema_discovery_events"),
            key("eventbridge", "schema_discovery", ""),
        ),
    ])
}
