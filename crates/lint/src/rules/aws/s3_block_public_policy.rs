//! ORB-AWS-036: S3 public access block does not block public policies.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_s3_bucket_public_access_block",
        "aws_s3_account_public_access_block",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-036",
    title: "S3 public access block does not block public policies",
    severity: Severity::High,
    doc: r#"With `block_public_policy` off, a bucket policy granting access to everyone can be attached; S3 refuses such policies when it is on.

The four switches of the public access block default to false when omitted; each closes a
different path to public data, so all four should be true."#,
    fix_hint: "Set `block_public_policy = true`.",
    checkov: &["CKV_AWS_54"],
    kics: &[],
    tfsec: &["aws-s3-block-public-policy"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "block_public_policy",
        true,
        false,
        "block_public_policy is not true",
    );
}
