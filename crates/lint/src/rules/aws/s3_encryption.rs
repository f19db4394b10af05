//! ORB-AWS-031: S3 bucket has no server-side encryption configuration.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-031",
    title: "S3 bucket has no server-side encryption configuration",
    severity: Severity::Medium,
    doc: r#"S3 now encrypts new objects with S3-managed keys by default, but an explicit configuration is
what lets you choose SSE-KMS (audit of every decrypt, key policies, revocation) and documents
the intent. Buckets without any configuration rely on the account default."#,
    fix_hint: "Add an `aws_s3_bucket_server_side_encryption_configuration` (SSE-KMS preferred).",
    checkov: &["CKV_AWS_19"],
    kics: &[],
    tfsec: &["aws-s3-enable-bucket-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if has_block(&r.body, "server_side_encryption_configuration") {
        return;
    }
    if !linked(
        cx,
        r,
        "aws_s3_bucket_server_side_encryption_configuration",
        "bucket",
        "bucket",
    )
    .is_empty()
    {
        return;
    }
    out.report_object(
        "S3 bucket has no server-side encryption configuration",
        None,
    );
}
