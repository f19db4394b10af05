//! ORB-AWS-004: Network ACL allows RDP from the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_network_acl",
        "aws_default_network_acl",
        "aws_network_acl_rule",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-004",
    title: "Network ACL allows RDP from the internet",
    severity: Severity::Medium,
    doc: r#"A network ACL entry that allows TCP 3389 from the internet leaves Remote Desktop protected only
by security groups. Keep the subnet boundary closed to RDP from `0.0.0.0/0`.

Entries of an `aws_network_acl` are evaluated like AWS does, in `rule_no` order with the first
match deciding: an allow that comes after a lower-numbered deny of TCP 3389 from the whole
internet never applies and is not reported."#,
    fix_hint: "Limit the ACL entry's cidr_block to an administrative range.",
    checkov: &["CKV_AWS_231"],
    kics: &["a20be318-cac7-457b-911d-04cc6e812c25"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = crate::rules::util::text_of(cx, r);
    crate::rules::net::report_open_port(r, text, out, 3389, "RDP");
}
