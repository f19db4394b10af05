//! ORB-AWS-034: S3 public access block is not fully enabled.

use crate::finding::Severity;
#[allow(unused_imports)]
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
#[allow(unused_imports)]
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-034",
    title: "S3 public access block is not fully enabled",
    severity: Severity::High,
    doc: r#"The public access block is the guard rail that overrides any ACL or bucket policy that would
make data public. Each of its four switches closes a different path (new public ACLs, existing
public ACLs, public policies, cross-account access to public buckets); all four default to
false when omitted."#,
    fix_hint: "Set all four of block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true.",
    checkov: &["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
    kics: &["d0cc8694-fcad-43ff-ac86-32331d7e867f", "4fa66806-0dd9-4f8d-9480-3174d39c7c91", "1ec253ab-c220-4d63-b2de-5b40e0af9293"],
    tfsec: &["aws-s3-block-public-acls", "aws-s3-block-public-policy", "aws-s3-ignore-public-acls", "aws-s3-no-public-buckets"],
};

const SWITCHES: [&str; 4] = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    for s in SWITCHES {
        expect_bool(r, &r.body, cx, out, s, true, false, &format!("{s} is not true"));
    }
}

