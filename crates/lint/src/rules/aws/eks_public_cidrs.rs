//! ORB-AWS-046: EKS public endpoint is open to 0.0.0.0/0.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_eks_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-046",
    title: "EKS public endpoint is open to 0.0.0.0/0",
    severity: Severity::High,
    doc: r#"When the EKS endpoint is public, `public_access_cidrs` defaults to `0.0.0.0/0`: the API server
accepts connections from the whole internet. Restrict it to the office/VPN/CI ranges."#,
    fix_hint:
        "Set `public_access_cidrs` to the ranges that need the API, or disable the public endpoint.",
    checkov: &["CKV_AWS_38"],
    kics: &["61cf9883-1752-4768-b18c-0d57f2737709"],
    tfsec: &["aws-eks-no-public-cluster-access-to-cidr"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(vpc) = r.body.block("vpc_config") else {
        return;
    };
    // Public access is on by default; an explicitly false or unknown value is not reported.
    if vpc.dynamic
        || vpc
            .value("endpoint_public_access")
            .is_some_and(|v| v.as_bool() != Some(true))
    {
        return;
    }
    match vpc.attr("public_access_cidrs") {
        None => out.report(
            vpc.span,
            "public endpoint without public_access_cidrs accepts 0.0.0.0/0",
        ),
        Some(a) if a.value.strings().iter().any(|c| is_open_cidr(c)) => {
            out.report(a.span, "public_access_cidrs contains 0.0.0.0/0")
        }
        // An empty list means the default, 0.0.0.0/0.
        Some(a) if a.value.as_list().is_some_and(|l| l.is_empty()) => {
            out.report(a.span, "empty public_access_cidrs means 0.0.0.0/0")
        }
        Some(_) => {}
    }
}
