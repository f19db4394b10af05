//! ORB-AWS-016: RDS instance storage is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_db_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-016",
    title: "RDS instance storage is not encrypted",
    severity: Severity::High,
    doc: r#"Database storage, automated backups, read replicas and snapshots of an RDS instance are only
encrypted when the instance is. It cannot be turned on in place later."#,
    fix_hint: "Set `storage_encrypted = true` (or `kms_key_id`).",
    checkov: &["CKV_AWS_16"],
    kics: &["08bd0760-8752-44e1-9779-7bb369b2b4e4"],
    tfsec: &["aws-rds-encrypt-instance-storage-data"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // Replicas and snapshot restores inherit encryption from their source.
    if r.value("replicate_source_db").is_some() || r.value("snapshot_identifier").is_some() {
        return;
    }
    if r.value("kms_key_id").is_some_and(|v| !v.is_null()) && r.attr("storage_encrypted").is_none()
    {
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
        "RDS instance storage is not encrypted",
    );
}
