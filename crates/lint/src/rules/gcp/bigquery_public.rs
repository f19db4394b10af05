//! ORB-GCP-015: BigQuery dataset is public.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_bigquery_dataset",
        "google_bigquery_dataset_iam_member",
        "google_bigquery_dataset_iam_binding",
        "google_bigquery_dataset_access",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-015",
    title: "BigQuery dataset is public",
    severity: Severity::Critical,
    doc: r#"A dataset access entry for `allUsers` or the special group `allAuthenticatedUsers` lets anyone
query its tables."#,
    fix_hint: "Remove access entries for allUsers/allAuthenticatedUsers.",
    checkov: &["CKV_GCP_15"],
    kics: &["e576ce44-dd03-4022-a8c0-3906acca2ab4"],
    tfsec: &[],
};

fn public(s: &str) -> bool {
    s == "allUsers" || s == "allAuthenticatedUsers"
}

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let blocks: Vec<&crate::model::Block> = if r.rtype == "google_bigquery_dataset" {
        r.body.blocks("access").collect()
    } else {
        vec![&r.body]
    };
    for b in blocks {
        for name in ["special_group", "iam_member", "member", "members"] {
            if let Some(a) = b.attr(name) {
                if a.value.strings().iter().any(|s| public(s)) {
                    out.report(
                        a.span,
                        "dataset is accessible to allUsers/allAuthenticatedUsers",
                    );
                    return;
                }
            }
        }
    }
}
