//! ORB-AWS-061: VPC has no flow logs.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_vpc", "aws_flow_log"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-061",
    title: "VPC has no flow logs",
    severity: Severity::Medium,
    doc: r#"Flow logs record accepted and rejected connections in the VPC. Without them there is no network
evidence to investigate an intrusion or data exfiltration.

An `aws_flow_log` that names no target (`vpc_id`, `subnet_id`, `eni_id`, `transit_gateway_id`,
`transit_gateway_attachment_id`) is reported too: it records nothing (the provider rejects it),
so whatever VPC it was meant for has no flow log."#,
    fix_hint: "Add an `aws_flow_log` with `vpc_id` pointing to the VPC.",
    checkov: &["CKV2_AWS_11"],
    kics: &["f83121ea-03da-434f-9277-9cd247ab3047"],
    tfsec: &[],
};

const FLOW_LOG_TARGETS: &[&str] = &[
    "vpc_id",
    "subnet_id",
    "eni_id",
    "transit_gateway_id",
    "transit_gateway_attachment_id",
];

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if r.rtype == "aws_flow_log" {
        if FLOW_LOG_TARGETS.iter().all(|k| r.attr(k).is_none()) {
            out.report_object(
                "flow log names no VPC, subnet, network interface or transit gateway",
                None,
            );
        }
        return;
    }
    // The terraform-aws-modules/vpc module creates its flow log from `enable_flow_log`.
    if r.address.starts_with("module.") {
        match r.attr("enable_flow_log") {
            Some(a) if a.value.as_bool() == Some(false) => {
                out.report(a.span, "enable_flow_log is false")
            }
            None => out.report_object("VPC module call does not set enable_flow_log = true", None),
            _ => {}
        }
        return;
    }
    if linked(cx, r, "aws_flow_log", "vpc_id", "id").is_empty() {
        out.report_object("no aws_flow_log references this VPC", None);
    }
}
