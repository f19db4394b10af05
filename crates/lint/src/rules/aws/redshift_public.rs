//! ORB-AWS-055: Redshift cluster is publicly accessible.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_redshift_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-055",
    title: "Redshift cluster is publicly accessible",
    severity: Severity::High,
    doc: r#"A publicly accessible Redshift cluster gets a public address; with a permissive security group
the warehouse is reachable from the internet."#,
    fix_hint: "Set `publicly_accessible = false`.",
    checkov: &["CKV_AWS_87"],
    kics: &["af173fde-95ea-4584-b904-bb3923ac4bda"],
    tfsec: &["aws-redshift-no-public-access"],
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
        "Redshift cluster is publicly accessible",
    );
}
