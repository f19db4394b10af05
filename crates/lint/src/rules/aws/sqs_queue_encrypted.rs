//! ORB-AWS-014: SQS queue is not encrypted at rest.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_sqs_queue"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-014",
    title: "SQS queue is not encrypted at rest",
    severity: Severity::Medium,
    doc: r#"Queue messages are stored by SQS until consumed. Server-side encryption (SQS managed keys or
KMS) keeps them encrypted at rest.

Calls of the `terraform-aws-modules/sqs/aws` registry module are checked like the queue they
create (same argument names); as for a bare queue, an argument left out is read as the
provider leaves it, not with the module's version-dependent default."#,
    fix_hint: "Set `sqs_managed_sse_enabled = true` or `kms_master_key_id`.",
    checkov: &["CKV_AWS_27"],
    kics: &["6e8849c1-3aa7-40e3-9063-b85ee300f29f"],
    tfsec: &["aws-sqs-enable-queue-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let kms = r.value("kms_master_key_id");
    if kms.is_some_and(|v| !v.is_null() && v.as_str() != Some("")) {
        return;
    }
    match r.attr("sqs_managed_sse_enabled") {
        Some(a) if a.value.as_bool() == Some(false) => out.report_fix(
            a.span,
            "SQS queue encryption is disabled",
            Some(fix_set(
                text_of(cx, r),
                &r.body,
                "sqs_managed_sse_enabled",
                "true",
            )),
        ),
        Some(_) => {}
        // Absent: new queues get SSE-SQS by default since 2022, but the configuration does not
        // say so and older provider versions create clear-text queues.
        None => out.report_object(
            "SQS queue sets neither kms_master_key_id nor sqs_managed_sse_enabled",
            Some(fix_set(
                text_of(cx, r),
                &r.body,
                "sqs_managed_sse_enabled",
                "true",
            )),
        ),
    }
}
