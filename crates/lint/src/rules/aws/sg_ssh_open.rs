//! ORB-AWS-001: SSH port 22 open to the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_security_group",
        "aws_default_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-001",
    title: "SSH port 22 open to the internet",
    severity: Severity::High,
    doc: r#"An inbound rule that allows TCP 22 from `0.0.0.0/0` or `::/0` exposes SSH to every scanner on
the internet. Brute force and leaked keys then give a shell on the instance.

Allow SSH only from a known administrative range (VPN, bastion), or remove it and connect
through AWS Systems Manager Session Manager, which needs no open port."#,
    fix_hint:
        "Restrict the source CIDR to a bastion/VPN range or use SSM Session Manager instead of SSH.",
    checkov: &["CKV_AWS_24"],
    kics: &["65905cec-d691-4320-b320-2000436cb696"],
    tfsec: &["aws-ec2-no-public-ingress-sgr"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = crate::rules::util::text_of(cx, r);
    crate::rules::net::report_open_port(r, text, out, 22, "SSH");
}
