//! ORB-AWS-066: Load balancer access logs are disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_lb", "aws_alb", "aws_elb"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-066",
    title: "Load balancer access logs are disabled",
    severity: Severity::Low,
    doc: r#"Access logs are the request-level record of who called the service, from where, with which
result. They are needed for incident investigation and are off by default."#,
    fix_hint: "Add `access_logs { bucket = ..., enabled = true }`.",
    checkov: &["CKV_AWS_91", "CKV_AWS_92"],
    kics: &["20018359-6fd7-4d05-ab26-d4dffccbdf79"],
    tfsec: &["aws-elb-alb-not-public"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // Gateway load balancers have no access logs.
    if r.str("load_balancer_type") == Some("gateway") {
        return;
    }
    match r.body.block("access_logs") {
        None => out.report_object("load balancer has no access_logs", None),
        Some(b) if !b.dynamic => {
            let default_on = r.rtype == "aws_elb";
            match b.attr("enabled") {
                Some(a) if a.value.as_bool() == Some(false) => {
                    out.report(a.span, "access logs are disabled")
                }
                None if !default_on => {
                    out.report(b.span, "access_logs does not set enabled = true")
                }
                _ => {}
            }
        }
        Some(_) => {}
    }
}
