//! google_storage_bucket: storage by class and location type (region or multi-region
//! `US`/`EU`/`ASIA`), operations, retrieval (nearline/coldline/archive) and network egress
//! (tiered per destination), all from usage: `storage_gb`, `monthly_class_a_operations`,
//! `monthly_class_b_operations`, `monthly_data_retrieval_gb`,
//! `monthly_egress_data_transfer_gb: {same_continent, worldwide, asia, china, australia}`.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

const EGRESS: &[(&str, &str)] = &[
    ("same_continent", "Data transfer in same continent"),
    (
        "worldwide",
        "Data transfer to worldwide excluding Asia, Australia",
    ),
    (
        "asia",
        "Data transfer to Asia excluding China, but including Hong Kong",
    ),
    ("china", "Data transfer to China excluding Hong Kong"),
    ("australia", "Data transfer to Australia"),
];

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let class = r.str_or("storage_class", "STANDARD").to_ascii_lowercase();
    let location = r.str_or("location", "US").to_ascii_lowercase();
    // Multi-regions (and dual-regions) have their own prices; the catalog keys them by `kind`.
    let kind = if matches!(location.as_str(), "us" | "eu" | "asia") {
        "multi_region"
    } else {
        "region"
    };
    let a = attrs(&[("class", &class), ("kind", kind)]);
    let u = &cx.usage;
    let mut comps = vec![
        cx.usage_based(
            format!("Storage ({class})"),
            "GiB",
            u.f64("storage_gb"),
            key("cloud_storage", "storage", &a),
        ),
        cx.usage_based(
            "Object adds, bucket/object list (class A)",
            "10k operations",
            u.f64("monthly_class_a_operations").map(|v| v / 1e4),
            key("cloud_storage", "class_a", &a),
        ),
        cx.usage_based(
            "Object gets, retrieve bucket/object metadata (class B)",
            "10k operations",
            u.f64("monthly_class_b_operations").map(|v| v / 1e4),
            key("cloud_storage", "class_b", &a),
        ),
    ];
    if class != "standard" && class != "multi_regional" && class != "regional" {
        comps.push(cx.usage_based(
            "Data retrieval",
            "GB",
            u.f64("monthly_data_retrieval_gb"),
            key("cloud_storage", "retrieval", &attrs(&[("class", &class)])),
        ));
    }
    let egress = u.child("monthly_egress_data_transfer_gb");
    for (dest, label) in EGRESS {
        if let Some(gb) = egress.f64(dest) {
            comps.push(cx.usage_based(
                *label,
                "GB",
                Some(gb),
                key("cloud_storage", "egress", &attrs(&[("destination", dest)])),
            ));
        }
    }
    Outcome::Priced(comps)
}
