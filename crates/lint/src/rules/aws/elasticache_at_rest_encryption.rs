//! ORB-AWS-051: ElastiCache replication group is not encrypted at rest.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_elasticache_replication_group"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-051",
    title: "ElastiCache replication group is not encrypted at rest",
    severity: Severity::Medium,
    doc: r#"Snapshots and swap of an unencrypted replication group hold cached data in clear. At-rest
encryption can only be chosen at creation."#,
    fix_hint: "Set `at_rest_encryption_enabled = true`.",
    checkov: &["CKV_AWS_29"],
    kics: &["76976de7-c7b1-4f64-a94f-90c1345914c2"],
    tfsec: &["aws-elasticache-enable-at-rest-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "at_rest_encryption_enabled",
        true,
        false,
        "ElastiCache at-rest encryption is disabled",
    );
}
