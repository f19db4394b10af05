//! ORB-AWS-058: CloudWatch log group is not encrypted with KMS.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudwatch_log_group"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-058",
    title: "CloudWatch log group is not encrypted with KMS",
    severity: Severity::Low,
    doc: r#"Logs regularly capture tokens, personal data and request bodies. A customer managed KMS key adds
an access control and an audit trail on top of the service's default encryption."#,
    fix_hint: "Set `kms_key_id` to a customer managed key.",
    checkov: &["CKV_AWS_158"],
    kics: &["0afbcfe9-d341-4b92-a64c-7e6de0543879"],
    tfsec: &["aws-cloudwatch-log-group-customer-key"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    expect_present(&r.body, out, "kms_key_id", "log group has no kms_key_id");
}
