//! ORB-AWS-059: EC2 instance gets a public IP address.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_instance", "aws_launch_template"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-059",
    title: "EC2 instance gets a public IP address",
    severity: Severity::Medium,
    doc: r#"An instance with a public address is reachable from the internet as soon as a security group
rule allows it. Keep instances in private subnets behind load balancers or NAT.

An `aws_instance` that sets neither `subnet_id` nor a `network_interface` nor a
`launch_template` (which may name the subnet) nor `associate_public_ip_address` is launched into a default subnet of the default VPC, and
default subnets assign a public IP to every instance (`MapPublicIpOnLaunch`): it is reported
too. With a subnet named, the subnet decides and nothing is reported."#,
    fix_hint:
        "Set `associate_public_ip_address = false` and expose services through a load balancer.",
    checkov: &["CKV_AWS_88"],
    kics: &["5a2486aa-facf-477d-a5c1-b010789459ce"],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    if r.rtype == "aws_launch_template" {
        for ni in r.body.blocks("network_interfaces") {
            if let Some(a) = ni.attr("associate_public_ip_address") {
                if a.value.as_bool() == Some(true) {
                    out.report(a.span, "launch template network interface gets a public IP");
                }
            }
        }
        return;
    }
    match r.attr("associate_public_ip_address") {
        Some(a) if a.value.as_bool() == Some(true) => {
            out.report(a.span, "instance gets a public IP")
        }
        Some(_) => {}
        None if r.attr("subnet_id").is_none()
            && r.body.block("network_interface").is_none()
            && r.body.block("launch_template").is_none() =>
        {
            out.report_object(
                "instance without subnet_id is launched in a default subnet, which assigns a public IP",
                None,
            )
        }
        None => {}
    }
}
