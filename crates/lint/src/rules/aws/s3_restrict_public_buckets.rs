//! ORB-AWS-038: S3 public access block does not restrict public buckets.

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
    id: "ORB-AWS-038",
    title: "S3 public access block does not restrict public buckets",
    severity: Severity::High,
    doc: r#"`restrict_public_buckets` limits access to a bucket with a public policy to AWS services and the owner account, neutralising a public policy that slipped through.

The four switches of the public access block default to false when omitted; each closes a
different path to public data, so all four should be true."#,
    fix_hint: "Set `restrict_public_buckets = true`.",
    checkov: &["CKV_AWS_56"],
    kics: &["1ec253ab-c220-4d63-b2de-5b40e0af9293"],
    tfsec: &["aws-s3-no-public-buckets"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "restrict_public_buckets",
        true,
        false,
        "restrict_public_buckets is not true",
    );
}
