//! ORB-AWS-037: S3 public access block does not ignore public ACLs.

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
    id: "ORB-AWS-037",
    title: "S3 public access block does not ignore public ACLs",
    severity: Severity::High,
    doc: r#"`ignore_public_acls` makes S3 disregard public ACLs that already exist on the bucket or its objects; without it, old public grants stay effective.

The four switches of the public access block default to false when omitted; each closes a
different path to public data, so all four should be true."#,
    fix_hint: "Set `ignore_public_acls = true`.",
    checkov: &["CKV_AWS_55"],
    kics: &["4fa66806-0dd9-4f8d-9480-3174d39c7c91"],
    tfsec: &["aws-s3-ignore-public-acls"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "ignore_public_acls",
        true,
        false,
        "ignore_public_acls is not true",
    );
}
