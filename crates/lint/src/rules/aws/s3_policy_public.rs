//! ORB-AWS-035: S3 bucket policy allows any principal.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_s3_bucket_policy", "aws_s3_bucket"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-035",
    title: "S3 bucket policy allows any principal",
    severity: Severity::Critical,
    doc: r#"An `Allow` statement with `Principal: "*"` and no condition grants its actions to everyone on
the internet. Grant access to named principals, or to CloudFront through an origin access
control, instead.

A `Condition` counts only when it can restrict the caller: a test whose values all match anyone
(`"aws:PrincipalArn": "arn:aws:iam::*"`, `"*"`, `0.0.0.0/0`) or that only requires HTTPS
(`aws:SecureTransport`) leaves the statement open to everyone and is reported."#,
    fix_hint: "Name the principals (accounts, roles, CloudFront OAC service) or add a restricting Condition.",
    checkov: &["CKV_AWS_70"],
    kics: &["7af43613-6bb9-4a0e-8c4d-1314b799425e"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(stmts) = crate::rules::iam::statements(r, "policy", cx) else {
        return;
    };
    for s in stmts {
        if s.allow && s.any_principal() && !s.has_condition {
            out.report(
                s.span,
                "bucket policy allows any principal (\"*\") without a condition",
            );
            return;
        }
    }
}
