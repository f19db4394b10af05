//! ORB-GCP-004: Cloud Storage bucket is readable by allUsers/allAuthenticatedUsers.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_storage_bucket_iam_member",
        "google_storage_bucket_iam_binding",
        "google_storage_bucket_acl",
        "google_storage_default_object_acl",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-004",
    title: "Cloud Storage bucket is readable by allUsers/allAuthenticatedUsers",
    severity: Severity::Critical,
    doc: r#"`allUsers` is anyone on the internet; `allAuthenticatedUsers` is anyone with a Google account.
Granting either a role on a bucket publishes its objects."#,
    fix_hint: "Grant roles to specific users, groups or service accounts.",
    checkov: &[],
    kics: &[
        "c010082c-76e0-4b91-91d9-6e8439e455dd",
        "a6cd52a1-3056-4910-96a5-894de9f3f3b3",
    ],
    tfsec: &["google-storage-no-public-access"],
};

fn is_public(s: &str) -> bool {
    s.contains("allUsers") || s.contains("allAuthenticatedUsers")
}

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    for name in ["member", "members", "role_entity", "default_acl"] {
        if let Some(a) = r.attr(name) {
            if a.value.strings().iter().any(|s| is_public(s)) {
                out.report(
                    a.span,
                    "bucket access granted to allUsers/allAuthenticatedUsers",
                );
                return;
            }
        }
    }
}
