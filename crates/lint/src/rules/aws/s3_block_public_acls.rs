//! ORB-AWS-034: S3 public access block does not block public ACLs.

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
    id: "ORB-AWS-034",
    title: "S3 public access block does not block public ACLs",
    severity: Severity::High,
    doc: r#"With `block_public_acls` off, new public ACLs can still be put on the bucket and its objects, making data public with one API call.

The four switches of the public access block default to false when omitted; each closes a
different path to public data, so all four should be true."#,
    fix_hint: "Set `block_public_acls = true`.",
    checkov: &["CKV_AWS_53"],
    kics: &["d0cc8694-fcad-43ff-ac86-32331d7e867f"],
    tfsec: &["aws-s3-block-public-acls"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "block_public_acls",
        true,
        false,
        "block_public_acls is not true",
    );
}
