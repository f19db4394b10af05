//! ORB-AWS-021: CloudTrail logs are not encrypted with KMS.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudtrail"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-021",
    title: "CloudTrail logs are not encrypted with KMS",
    severity: Severity::Medium,
    doc: r#"CloudTrail logs describe every API call in the account. Encrypting them with a customer managed
key adds a second permission (kms:Decrypt) that readers of the bucket must also hold."#,
    fix_hint: "Set `kms_key_id` to a customer managed KMS key.",
    checkov: &["CKV_AWS_35"],
    kics: &["5d9e3164-9265-470c-9a10-57ae454ac0c7"],
    tfsec: &["aws-cloudtrail-encryption-customer-key"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    expect_present(&r.body, out, "kms_key_id", "CloudTrail has no kms_key_id");
}
