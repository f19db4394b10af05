//! ORB-AWS-042: IAM policy grants every action of a service on all resources.

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
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-042",
    title: "IAM policy grants every action of a service on all resources",
    severity: Severity::High,
    doc: r#"`"s3:*"` (or `iam:*`, `kms:*`, `ec2:*`...) on `Resource: "*"` hands over a whole service in the
account: with `iam:*` that is account takeover, with `s3:*` every bucket can be read, rewritten
or deleted. Full `*` on `*` is reported by ORB-AWS-040; this rule covers service-wide wildcards."#,
    fix_hint:
        "List the actions the workload needs (e.g. \"s3:GetObject\") and scope resources to ARNs.",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(stmts) = crate::rules::iam::statements(r, "policy", cx) else {
        return;
    };
    for s in stmts {
        if !s.allow || s.not_action || !s.any_resource() || s.any_action() {
            continue;
        }
        if let Some(a) = s
            .actions
            .iter()
            .find(|a| a.ends_with(":*") && !a.starts_with('*'))
        {
            out.report(s.span, format!("policy allows {a} on every resource"));
            return;
        }
    }
}
