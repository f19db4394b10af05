//! ORB-AWS-045: EKS API endpoint is public.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_eks_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-045",
    title: "EKS API endpoint is public",
    severity: Severity::Medium,
    doc: r#"The Kubernetes API server of an EKS cluster is reachable from the internet unless
`endpoint_public_access` is false. Keep the endpoint private and reach it through the VPC
(VPN, bastion), so a leaked kubeconfig or an API server vulnerability is not exposed to all."#,
    fix_hint: "Set `endpoint_public_access = false` in `vpc_config`.",
    checkov: &["CKV_AWS_39"],
    kics: &["42f4b905-3736-4213-bfe9-c0660518cda8"],
    tfsec: &["aws-eks-no-public-cluster-access"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(b) = r.body.block("vpc_config") else {
        out.report_object("EKS cluster API endpoint is publicly accessible", None);
        return;
    };
    if b.dynamic {
        return;
    }
    expect_bool(
        r,
        b,
        cx,
        out,
        "endpoint_public_access",
        false,
        true,
        "EKS cluster API endpoint is publicly accessible",
    );
}
