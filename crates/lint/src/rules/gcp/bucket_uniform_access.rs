//! ORB-GCP-003: Cloud Storage bucket does not use uniform bucket-level access.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_storage_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-003",
    title: "Cloud Storage bucket does not use uniform bucket-level access",
    severity: Severity::Medium,
    doc: r#"With fine-grained ACLs, any object can be made public independently of the bucket's IAM policy,
and access is hard to review. Uniform bucket-level access makes IAM the only mechanism."#,
    fix_hint: "Set `uniform_bucket_level_access = true`.",
    checkov: &["CKV_GCP_29"],
    kics: &["bb0db090-5509-4853-a827-75ced0b3caa0"],
    tfsec: &["google-storage-enable-ubla"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "uniform_bucket_level_access",
        true,
        false,
        "uniform bucket-level access is not enabled",
    );
}
