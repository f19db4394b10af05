//! ORB-AWS-057: CloudWatch log group keeps logs forever or has no retention.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudwatch_log_group"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-057",
    title: "CloudWatch log group keeps logs forever or has no retention",
    severity: Severity::Low,
    doc: r#"Without `retention_in_days` logs are kept forever: costs grow without bound and personal data
is kept longer than policies allow. Choose a retention that matches your audit needs."#,
    fix_hint: "Set `retention_in_days` (e.g. 365).",
    checkov: &["CKV_AWS_66"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    match r.attr("retention_in_days") {
        None => out.report_object(
            "log group has no retention_in_days",
            Some(fix_set(text_of(cx, r), &r.body, "retention_in_days", "365")),
        ),
        Some(a) if a.value.as_number() == Some(0.0) => {
            out.report(a.span, "retention_in_days = 0 keeps logs forever")
        }
        Some(_) => {}
    }
}
