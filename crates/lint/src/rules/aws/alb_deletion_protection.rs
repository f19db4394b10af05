//! ORB-AWS-026: Load balancer has no deletion protection.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_lb", "aws_alb"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-026",
    title: "Load balancer has no deletion protection",
    severity: Severity::Low,
    doc: r#"Deleting a load balancer drops every connection and its DNS name; recreating it changes the
name clients resolve. Deletion protection prevents accidental removal."#,
    fix_hint: "Set `enable_deletion_protection = true`.",
    checkov: &["CKV_AWS_150"],
    kics: &["afecd1f1-6378-4f7e-bb3b-60c35801fdd4"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enable_deletion_protection",
        true,
        false,
        "load balancer has no deletion protection",
    );
}
