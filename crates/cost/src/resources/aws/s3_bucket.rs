//! aws_s3_bucket: storage, requests and retrievals per storage class, all from usage
//! (`standard: {storage_gb, monthly_tier_1_requests, monthly_tier_2_requests}`, and the same
//! under `intelligent_tiering`, `standard_infrequent_access`, `one_zone_infrequent_access`,
//! `glacier_flexible_retrieval`, `glacier_deep_archive`). Without usage only the Standard
//! class is shown, as "depends on usage".

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

const CLASSES: &[(&str, &str, &str)] = &[
    ("standard", "Standard", "standard"),
    (
        "intelligent_tiering",
        "Intelligent tiering",
        "intelligent_tiering",
    ),
    (
        "standard_infrequent_access",
        "Standard - infrequent access",
        "standard_ia",
    ),
    (
        "one_zone_infrequent_access",
        "One zone - infrequent access",
        "onezone_ia",
    ),
    (
        "glacier_flexible_retrieval",
        "Glacier flexible retrieval",
        "glacier",
    ),
    (
        "glacier_deep_archive",
        "Glacier deep archive",
        "deep_archive",
    ),
];

pub fn cost(cx: &Ctx) -> Outcome {
    let mut comps = Vec::new();
    for (usage_key, label, class) in CLASSES {
        let u = cx.usage.child(usage_key);
        if u.0.is_empty() && *usage_key != "standard" {
            continue;
        }
        let a = attrs(&[("class", class)]);
        comps.push(cx.usage_based(
            format!("{label}: Storage"),
            "GB",
            u.f64("storage_gb"),
            key("s3", "storage", &a),
        ));
        comps.push(cx.usage_based(
            format!("{label}: PUT, COPY, POST, LIST requests"),
            "1k requests",
            u.f64("monthly_tier_1_requests").map(|v| v / 1e3),
            key("s3", "tier1_requests", &a),
        ));
        comps.push(cx.usage_based(
            format!("{label}: GET, SELECT, and all other requests"),
            "1k requests",
            u.f64("monthly_tier_2_requests").map(|v| v / 1e3),
            key("s3", "tier2_requests", &a),
        ));
        if let Some(gb) = u.f64("monthly_retrieval_gb") {
            comps.push(cx.usage_based(
                format!("{label}: Retrievals"),
                "GB",
                Some(gb),
                key("s3", "retrieval", &a),
            ));
        }
    }
    Outcome::Priced(comps)
}
