//! ORB-AWS-032: S3 bucket versioning is not enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket", "aws_s3_bucket_versioning"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-032",
    title: "S3 bucket versioning is not enabled",
    severity: Severity::Medium,
    doc: r#"Versioning keeps every overwritten or deleted object recoverable. Without it, a bad deploy,
a bug or ransomware that overwrites objects destroys data for good.

A separate `aws_s3_bucket_versioning` whose status is `Suspended` (or `Disabled`) is reported on
its `status`, where the fix belongs, rather than on the bucket."#,
    fix_hint: "Add `aws_s3_bucket_versioning` with `status = \"Enabled\"`.",
    checkov: &["CKV_AWS_21"],
    kics: &["568a4d22-3517-44a6-a7ad-6a7eed88722c"],
    tfsec: &["aws-s3-enable-versioning"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if r.rtype == "aws_s3_bucket_versioning" {
        let Some(cfg) = r.body.block("versioning_configuration") else {
            return;
        };
        if let Some(a) = cfg.attr("status") {
            if a.value.as_str().is_some_and(|s| s != "Enabled") {
                let fix = fix_set(text_of(cx, r), cfg, "status", "\"Enabled\"");
                out.report_fix(a.span, "S3 bucket versioning is suspended", Some(fix));
            }
        }
        return;
    }
    if let Some(v) = r.body.block("versioning") {
        match v.attr("enabled") {
            Some(a) if a.value.as_bool() == Some(false) => {
                out.report(a.span, "bucket versioning is disabled")
            }
            None if !v.dynamic => out.report(v.span, "versioning block does not enable versioning"),
            _ => {}
        }
        return;
    }
    let links = linked(cx, r, "aws_s3_bucket_versioning", "bucket", "bucket");
    if links.is_empty() {
        out.report_object("S3 bucket has no versioning", None);
    }
    // Suspended versioning resources are reported themselves (above).
}
