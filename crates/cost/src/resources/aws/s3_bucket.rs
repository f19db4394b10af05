//! aws_s3_bucket: everything S3 bills is usage, given per storage class in the usage file
//! (`standard`, `intelligent_tiering`, `standard_infrequent_access`,
//! `one_zone_infrequent_access`, `glacier_flexible_retrieval`, `glacier_deep_archive`), each
//! with its own keys (storage, requests, lifecycle transitions, retrievals, S3 Select, early
//! deletes). Without usage only the Standard class is shown, as "depends on usage". Each
//! component's price key is `s3/<family>/class=<class>`.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

/// (label, unit, usage key, usage units per priced unit, price family)
type Line = (&'static str, &'static str, &'static str, f64, &'static str);

const REQUESTS: [Line; 2] = [
    (
        "PUT, COPY, POST, LIST requests",
        "1k requests",
        "monthly_tier_1_requests",
        1e3,
        "tier1_requests",
    ),
    (
        "GET, SELECT, and all other requests",
        "1k requests",
        "monthly_tier_2_requests",
        1e3,
        "tier2_requests",
    ),
];
const LIFECYCLE: Line = (
    "Lifecycle transition",
    "1k requests",
    "monthly_lifecycle_transition_requests",
    1e3,
    "lifecycle",
);
const SELECT: [Line; 2] = [
    (
        "Select data scanned",
        "GB",
        "monthly_select_data_scanned_gb",
        1.0,
        "select_scanned",
    ),
    (
        "Select data returned",
        "GB",
        "monthly_select_data_returned_gb",
        1.0,
        "select_returned",
    ),
];

const GLACIER_TIERS: [Line; 8] = [
    (
        "Retrieval requests (standard)",
        "1k requests",
        "monthly_standard_data_retrieval_requests",
        1e3,
        "retrieval_requests_standard",
    ),
    (
        "Retrievals (standard)",
        "GB",
        "monthly_standard_data_retrieval_gb",
        1.0,
        "retrieval_standard",
    ),
    (
        "Select data scanned (standard)",
        "GB",
        "monthly_standard_select_data_scanned_gb",
        1.0,
        "select_scanned_standard",
    ),
    (
        "Select data returned (standard)",
        "GB",
        "monthly_standard_select_data_returned_gb",
        1.0,
        "select_returned_standard",
    ),
    (
        "Retrieval requests (expedited)",
        "1k requests",
        "monthly_expedited_data_retrieval_requests",
        1e3,
        "retrieval_requests_expedited",
    ),
    (
        "Retrievals (expedited)",
        "GB",
        "monthly_expedited_data_retrieval_gb",
        1.0,
        "retrieval_expedited",
    ),
    (
        "Select data scanned (expedited)",
        "GB",
        "monthly_expedited_select_data_scanned_gb",
        1.0,
        "select_scanned_expedited",
    ),
    (
        "Select data returned (expedited)",
        "GB",
        "monthly_expedited_select_data_returned_gb",
        1.0,
        "select_returned_expedited",
    ),
];

fn lines(class: &str) -> Vec<Line> {
    let storage: Line = ("Storage", "GB", "storage_gb", 1.0, "storage");
    let mut v = vec![storage];
    match class {
        "standard" => {
            v.extend(REQUESTS);
            v.extend(SELECT);
        }
        "intelligent_tiering" => {
            v = vec![
                (
                    "Storage (frequent access)",
                    "GB",
                    "frequent_access_storage_gb",
                    1.0,
                    "storage_frequent",
                ),
                (
                    "Storage (infrequent access)",
                    "GB",
                    "infrequent_access_storage_gb",
                    1.0,
                    "storage_infrequent",
                ),
                (
                    "Storage (archive access)",
                    "GB",
                    "archive_access_storage_gb",
                    1.0,
                    "storage_archive",
                ),
                (
                    "Storage (deep archive access)",
                    "GB",
                    "deep_archive_access_storage_gb",
                    1.0,
                    "storage_deep_archive",
                ),
                (
                    "Monitoring and automation",
                    "1k objects",
                    "monitored_objects",
                    1e3,
                    "monitoring",
                ),
            ];
            v.extend(REQUESTS);
            v.push(LIFECYCLE);
            v.extend(SELECT);
            v.push((
                "Early delete (within 30 days)",
                "GB",
                "early_delete_gb",
                1.0,
                "early_delete",
            ));
        }
        "standard_ia" | "onezone_ia" => {
            v.extend(REQUESTS);
            v.push(LIFECYCLE);
            v.push((
                "Retrievals",
                "GB",
                "monthly_data_retrieval_gb",
                1.0,
                "retrieval",
            ));
            v.extend(SELECT);
        }
        "glacier" => {
            v.extend(REQUESTS);
            v.push(LIFECYCLE);
            v.extend(GLACIER_TIERS);
            v.push((
                "Select data scanned (bulk)",
                "GB",
                "monthly_bulk_select_data_scanned_gb",
                1.0,
                "select_scanned_bulk",
            ));
            v.push((
                "Select data returned (bulk)",
                "GB",
                "monthly_bulk_select_data_returned_gb",
                1.0,
                "select_returned_bulk",
            ));
            v.push((
                "Early delete (within 90 days)",
                "GB",
                "early_delete_gb",
                1.0,
                "early_delete",
            ));
        }
        "deep_archive" => {
            v.extend(REQUESTS);
            v.push(LIFECYCLE);
            v.push((
                "Retrieval requests (standard)",
                "1k requests",
                "monthly_standard_data_retrieval_requests",
                1e3,
                "retrieval_requests_standard",
            ));
            v.push((
                "Retrievals (standard)",
                "GB",
                "monthly_standard_data_retrieval_gb",
                1.0,
                "retrieval_standard",
            ));
            v.push((
                "Retrieval requests (bulk)",
                "1k requests",
                "monthly_bulk_data_retrieval_requests",
                1e3,
                "retrieval_requests_bulk",
            ));
            v.push((
                "Retrievals (bulk)",
                "GB",
                "monthly_bulk_data_retrieval_gb",
                1.0,
                "retrieval_bulk",
            ));
            v.push((
                "Early delete (within 180 days)",
                "GB",
                "early_delete_gb",
                1.0,
                "early_delete",
            ));
        }
        _ => {}
    }
    v
}

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
        for (name, unit, key_name, per, family) in lines(class) {
            let q = u.f64(key_name).map(|v| v / per);
            comps.push(cx.usage_based(format!("{label}: {name}"), unit, q, key("s3", family, &a)));
        }
    }
    Outcome::Priced(comps)
}
