//! ORB-AWS-033: S3 bucket access logging is not enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-033",
    title: "S3 bucket access logging is not enabled",
    severity: Severity::Low,
    doc: r#"Server access logs record who read or changed which object. Without them, the scope of a leak
or of unauthorised changes cannot be established afterwards."#,
    fix_hint: "Add `aws_s3_bucket_logging` pointing to a log bucket.",
    checkov: &["CKV_AWS_18"],
    kics: &["f861041c-8c9f-4156-acfc-5e6e524f5884"],
    tfsec: &["aws-s3-enable-bucket-logging"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if has_block(&r.body, "logging") {
        return;
    }
    // Log buckets themselves (log-delivery ACL) are not expected to log into themselves.
    if r.str("acl") == Some("log-delivery-write") {
        return;
    }
    if linked(cx, r, "aws_s3_bucket_logging", "bucket", "bucket").is_empty() {
        out.report_object("S3 bucket has no access logging", None);
    }
}
