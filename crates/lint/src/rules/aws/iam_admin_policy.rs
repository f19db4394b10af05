//! ORB-AWS-040: IAM policy grants full administrative access.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_iam_policy",
        "aws_iam_role_policy",
        "aws_iam_user_policy",
        "aws_iam_group_policy",
        "data.aws_iam_policy_document",
        "aws_ssoadmin_permission_set_inline_policy",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-040",
    title: "IAM policy grants full administrative access",
    severity: Severity::Critical,
    doc: r#"`Action: "*"` on `Resource: "*"` is administrator access: whoever holds the policy can create
users, read every secret and delete everything. Least privilege limits the damage of a leaked
credential or a compromised workload.

Also read: the `inline_policy` of IAM Identity Center permission sets
(`aws_ssoadmin_permission_set_inline_policy`), which grants the policy to every user assigned to
the permission set."#,
    fix_hint: "Grant only the actions and resources the workload needs.",
    checkov: &["CKV_AWS_62", "CKV_AWS_1"],
    kics: &[
        "2f37c4a3-58b9-4afe-8a87-d7f1d2286f84",
        "575a2155-6af1-4026-b1af-d5bc8fe2a904",
    ],
    tfsec: &["aws-iam-no-policy-wildcards"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // IAM Identity Center permission sets carry their inline policy in `inline_policy`.
    let attr = if r.rtype == "aws_ssoadmin_permission_set_inline_policy" {
        "inline_policy"
    } else {
        "policy"
    };
    let Some(stmts) = crate::rules::iam::statements(r, attr, cx) else {
        return;
    };
    for s in stmts {
        if s.allow && s.any_action() && s.any_resource() {
            out.report(s.span, "policy allows \"*\" actions on \"*\" resources");
            return;
        }
    }
}
