//! ORB-AWS-017: RDS/Aurora cluster storage is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_rds_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-017",
    title: "RDS/Aurora cluster storage is not encrypted",
    severity: Severity::High,
    doc: r#"An Aurora or Multi-AZ cluster created without storage encryption keeps its volume, backups and
snapshots in clear. Encryption must be chosen at creation."#,
    fix_hint: "Set `storage_encrypted = true`.",
    checkov: &[],
    kics: &[
        "3199c26c-7871-4cb3-99c2-10a59244ce7f",
        "1a690d1d-0ae7-49fa-b2db-b75ae0dd1d3e",
    ],
    tfsec: &["aws-rds-encrypt-cluster-storage-data"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if r.value("replication_source_identifier").is_some()
        || r.value("snapshot_identifier").is_some()
    {
        return;
    }
    // Aurora Serverless v1 is always encrypted.
    if r.str("engine_mode") == Some("serverless") {
        return;
    }
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "storage_encrypted",
        true,
        false,
        "RDS cluster storage is not encrypted",
    );
}
