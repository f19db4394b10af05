//! ORB-AWS-070: Amazon MQ broker is publicly accessible.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_mq_broker"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-070",
    title: "Amazon MQ broker is publicly accessible",
    severity: Severity::High,
    doc: r#"A public broker exposes its management console and messaging endpoints to the internet. Keep
brokers inside the VPC."#,
    fix_hint: "Set `publicly_accessible = false`.",
    checkov: &["CKV_AWS_69"],
    kics: &["4eb5f791-c861-4afd-9f94-f2a6a3fe49cb"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "publicly_accessible",
        false,
        false,
        "MQ broker is publicly accessible",
    );
}
