//! ORB-AWS-003: Network ACL allows SSH from the internet.

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
    id: "ORB-AWS-003",
    title: "Network ACL allows SSH from the internet",
    severity: Severity::Medium,
    doc: r#"A network ACL entry that allows TCP 22 from `0.0.0.0/0` removes the subnet-level guard for
SSH: any security group mistake in the subnet is then directly reachable from the internet.

Entries of an `aws_network_acl` are evaluated like AWS does, in `rule_no` order with the first
match deciding: an allow that comes after a lower-numbered deny of TCP 22 from the whole
internet never applies and is not reported."#,
    fix_hint: "Limit the ACL entry's cidr_block to an administrative range.",
    checkov: &["CKV_AWS_232"],
    kics: &["3af7f2fd-06e6-4dab-b996-2912bea19ba4"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = crate::rules::util::text_of(cx, r);
    crate::rules::net::report_open_port(r, text, out, 22, "SSH");
}
