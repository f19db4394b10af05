//! ORB-AWS-050: ElastiCache replication group is not encrypted in transit.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_elasticache_replication_group"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-050",
    title: "ElastiCache replication group is not encrypted in transit",
    severity: Severity::Medium,
    doc: r#"Without TLS, Redis traffic (including AUTH tokens and cached session data) crosses the VPC in
clear text and can be read by anything that can sniff it."#,
    fix_hint: "Set `transit_encryption_enabled = true`.",
    checkov: &["CKV_AWS_30"],
    kics: &["1afbb3fa-cf6c-4a3d-b730-95e9f4df343e"],
    tfsec: &["aws-elasticache-enable-in-transit-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "transit_encryption_enabled",
        true,
        false,
        "ElastiCache in-transit encryption is disabled",
    );
}
