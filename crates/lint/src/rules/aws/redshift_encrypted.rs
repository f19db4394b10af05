//! ORB-AWS-056: Redshift cluster is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_redshift_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-056",
    title: "Redshift cluster is not encrypted",
    severity: Severity::High,
    doc: r#"A data warehouse concentrates the organisation's data. Encrypt the cluster (and so its
snapshots) at rest."#,
    fix_hint: "Set `encrypted = true`.",
    checkov: &["CKV_AWS_64"],
    kics: &["cfdcabb0-fc06-427c-865b-c59f13e898ce"],
    tfsec: &["aws-redshift-encryption-customer-key"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "encrypted",
        true,
        false,
        "Redshift cluster is not encrypted",
    );
}
