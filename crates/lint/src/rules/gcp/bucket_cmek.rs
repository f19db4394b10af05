//! ORB-GCP-020: Cloud Storage bucket is not encrypted with a customer-managed key.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_storage_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-020",
    title: "Cloud Storage bucket is not encrypted with a customer-managed key",
    severity: Severity::Low,
    doc: r#"Google encrypts every bucket at rest with keys it manages. A customer-managed Cloud KMS key adds
control that Google-managed keys do not give: IAM on the key, an audit log of every use, and
the ability to make the data unreadable by disabling the key. Use it for buckets holding
regulated or sensitive data."#,
    fix_hint: "Add `encryption { default_kms_key_name = ... }` with a Cloud KMS key.",
    checkov: &[],
    kics: &[],
    tfsec: &["google-storage-bucket-encryption-customer-key"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    match r.body.block("encryption") {
        None => out.report_object("bucket uses Google-managed encryption keys only", None),
        Some(e) if !e.dynamic => expect_present(
            e,
            out,
            "default_kms_key_name",
            "encryption block has no default_kms_key_name",
        ),
        Some(_) => {}
    }
}
