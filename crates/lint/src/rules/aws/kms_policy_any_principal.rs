//! ORB-AWS-060: KMS key policy allows any principal.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_kms_key"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-060",
    title: "KMS key policy allows any principal",
    severity: Severity::Critical,
    doc: r#"A key policy statement that allows `Principal: "*"` without a condition lets any AWS account use
or administer the key — and so decrypt everything it protects.

A `Condition` counts only when it can restrict the caller (see ORB-AWS-035): wildcard-only
tests and `aws:SecureTransport` do not."#,
    fix_hint: "Name the account root or specific roles as principals.",
    checkov: &["CKV_AWS_33"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(stmts) = crate::rules::iam::statements(r, "policy", cx) else {
        return;
    };
    for s in stmts {
        if s.allow && s.any_principal() && !s.has_condition {
            out.report(s.span, "key policy allows any principal (\"*\")");
            return;
        }
    }
}
