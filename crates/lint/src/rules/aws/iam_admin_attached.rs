//! ORB-AWS-041: AdministratorAccess managed policy is attached.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-041",
    title: "AdministratorAccess managed policy is attached",
    severity: Severity::High,
    doc: r#"Attaching the AWS managed `AdministratorAccess` policy gives the role, user or group every
permission in the account. Workloads and humans should get scoped policies; break-glass admin
access belongs in a separately audited role."#,
    fix_hint: "Attach a scoped policy instead of arn:aws:iam::aws:policy/AdministratorAccess.",
    checkov: &["CKV_AWS_274"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(a) = r.attr("policy_arn") else {
        return;
    };
    if a.value
        .as_str()
        .is_some_and(|s| s.ends_with(":policy/AdministratorAccess"))
    {
        out.report(a.span, "AdministratorAccess is attached");
    }
}
