//! ORB-AWS-032: S3 bucket versioning is not enabled.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-032",
    title: "S3 bucket versioning is not enabled",
    severity: Severity::Medium,
    doc: r#"Versioning keeps every overwritten or deleted object recoverable. Without it, a bad deploy,
a bug or ransomware that overwrites objects destroys data for good."#,
    fix_hint: "Add `aws_s3_bucket_versioning` with `status = \"Enabled\"`.",
    checkov: &["CKV_AWS_21"],
    kics: &["568a4d22-3517-44a6-a7ad-6a7eed88722c"],
    tfsec: &["aws-s3-enable-versioning"],
};

fn enabled_by_resource(v: &Resource) -> Option<bool> {
    let cfg = v.body.block("versioning_configuration")?;
    cfg.value("status")
        .and_then(Value::as_str)
        .map(|s| s == "Enabled")
        .or(Some(true).filter(|_| cfg.value("status").is_some_and(Value::is_unknown)))
}

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
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
    } else if links.iter().all(|v| enabled_by_resource(v) == Some(false)) {
        out.report_object("S3 bucket versioning is suspended", None);
    }
}
