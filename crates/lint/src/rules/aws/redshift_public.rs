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
the warehouse is reachable from the internet.

An absent `publicly_accessible` is reported too: AWS provider versions before 5.0 default it to
`true`, and the configuration does not say which provider version will apply it. Stating
`false` makes the intent explicit and safe under every version."#,
    fix_hint: "Set `publicly_accessible = false`.",
    checkov: &["CKV_AWS_87"],
    kics: &["af173fde-95ea-4584-b904-bb3923ac4bda"],
    tfsec: &["aws-redshift-no-public-access"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if r.attr("publicly_accessible").is_none() {
        out.report_object(
            "publicly_accessible is not set: AWS provider versions before 5.0 make the cluster public",
            Some(fix_set(
                text_of(cx, r),
                &r.body,
                "publicly_accessible",
                "false",
            )),
        );
        return;
    }
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
