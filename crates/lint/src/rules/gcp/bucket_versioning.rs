//! ORB-GCP-005: Cloud Storage bucket versioning is not enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_storage_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-005",
    title: "Cloud Storage bucket versioning is not enabled",
    severity: Severity::Low,
    doc: r#"Object versioning keeps overwritten and deleted objects recoverable, protecting against
accidental deletion and malicious overwrites."#,
    fix_hint: "Add `versioning { enabled = true }`.",
    checkov: &["CKV_GCP_78"],
    kics: &["e7e961ac-d17e-4413-84bc-8a1fbe242944"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    match r.body.block("versioning") {
        None => out.report_object("bucket has no versioning block", None),
        Some(v) if !v.dynamic => expect_bool(
            r,
            v,
            cx,
            out,
            "enabled",
            true,
            false,
            "bucket versioning is disabled",
        ),
        Some(_) => {}
    }
}
