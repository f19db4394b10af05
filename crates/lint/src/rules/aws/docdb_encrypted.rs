//! ORB-AWS-069: DocumentDB cluster storage is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_docdb_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-069",
    title: "DocumentDB cluster storage is not encrypted",
    severity: Severity::High,
    doc: r#"DocumentDB stores application documents and their backups. Encryption at rest must be chosen when
the cluster is created."#,
    fix_hint: "Set `storage_encrypted = true`.",
    checkov: &["CKV_AWS_74"],
    kics: &["bc1f9009-84a0-490f-ae09-3e0ea6d74ad6"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "storage_encrypted",
        true,
        false,
        "DocumentDB storage is not encrypted",
    );
}
