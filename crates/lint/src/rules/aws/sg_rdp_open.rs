//! ORB-AWS-002: RDP port 3389 open to the internet.

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
    id: "ORB-AWS-002",
    title: "RDP port 3389 open to the internet",
    severity: Severity::High,
    doc: r#"Remote Desktop exposed to `0.0.0.0/0` or `::/0` is one of the most attacked services on the
internet (credential stuffing, RDP vulnerabilities). Only a known administrative range should
reach TCP 3389."#,
    fix_hint: "Restrict the source CIDR to a VPN range or use Fleet Manager / a bastion.",
    checkov: &["CKV_AWS_25"],
    kics: &["151187cb-0efc-481c-babd-ad24e3c9bc22"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = crate::rules::util::text_of(cx, r);
    crate::rules::net::report_open_port(r, text, out, 3389, "RDP");
}
