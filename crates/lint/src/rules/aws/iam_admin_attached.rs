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
        "aws_iam_role",
        "aws_ssoadmin_managed_policy_attachment",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-041",
    title: "AdministratorAccess managed policy is attached",
    severity: Severity::High,
    doc: r#"Attaching the AWS managed `AdministratorAccess` policy gives the role, user or group every
permission in the account. Workloads and humans should get scoped policies; break-glass admin
access belongs in a separately audited role.

Checked wherever the managed policy ARN is attached: the `*_policy_attachment` resources
(`policy_arn`), a role's own `managed_policy_arns` list, and IAM Identity Center permission sets
(`aws_ssoadmin_managed_policy_attachment.managed_policy_arn`), which hand the policy to every
user assigned to the permission set in every target account."#,
    fix_hint: "Attach a scoped policy instead of arn:aws:iam::aws:policy/AdministratorAccess.",
    checkov: &["CKV_AWS_274"],
    kics: &[],
    tfsec: &[],
};

fn is_admin(s: &str) -> bool {
    s.ends_with(":policy/AdministratorAccess")
}

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let name = match r.rtype.as_str() {
        "aws_iam_role" => "managed_policy_arns",
        "aws_ssoadmin_managed_policy_attachment" => "managed_policy_arn",
        _ => "policy_arn",
    };
    let Some(a) = r.attr(name) else {
        return;
    };
    if a.value.strings().into_iter().any(is_admin) {
        out.report(a.span, "AdministratorAccess is attached");
    }
}
