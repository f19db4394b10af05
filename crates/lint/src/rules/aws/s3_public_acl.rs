//! ORB-AWS-030: S3 bucket ACL grants public access.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket", "aws_s3_bucket_acl"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-030",
    title: "S3 bucket ACL grants public access",
    severity: Severity::Critical,
    doc: r#"Canned ACLs `public-read`, `public-read-write` and `authenticated-read` let anyone on the
internet (or any AWS account) list and read, or even write, the bucket. Most data leaks from S3
start with one of these ACLs."#,
    fix_hint: "Use `acl = \"private\"` (or no ACL with object ownership enforced) and serve content through CloudFront.",
    checkov: &["CKV_AWS_20", "CKV_AWS_57"],
    kics: &["38c5ee0d-7f22-4260-ab72-5073048df100", "57b9893d-33b1-4419-bcea-a717ea87e139"],
    tfsec: &["aws-s3-no-public-access-with-acl"],
};

const PUBLIC_ACLS: [&str; 3] = ["public-read", "public-read-write", "authenticated-read"];

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(a) = r.attr("acl") else { return };
    if let Some(acl) = a.value.as_str() {
        if PUBLIC_ACLS.contains(&acl) {
            out.report_fix(
                a.span,
                format!("bucket ACL `{acl}` makes the bucket public"),
                Some(fix_set(text_of(cx, r), &r.body, "acl", "\"private\"")),
            );
        }
    }
}
