//! ORB-AWS-013: SNS topic is not encrypted at rest.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_sns_topic"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-013",
    title: "SNS topic is not encrypted at rest",
    severity: Severity::Medium,
    doc: r#"SNS messages often carry alerts with resource names, user data or tokens. Setting a KMS key
encrypts messages at rest in the service."#,
    fix_hint: "Set `kms_master_key_id` (e.g. `alias/aws/sns` or a customer managed key).",
    checkov: &["CKV_AWS_26"],
    kics: &["28545147-2fc6-42d5-a1f9-cf226658e591"],
    tfsec: &["aws-sns-enable-topic-encryption"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    expect_present(
        &r.body,
        out,
        "kms_master_key_id",
        "SNS topic has no kms_master_key_id",
    );
}
