//! ORB-AWS-068: Neptune cluster storage is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_neptune_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-068",
    title: "Neptune cluster storage is not encrypted",
    severity: Severity::High,
    doc: r#"Graph databases often model identities and relationships. Encrypt the cluster storage (chosen at
creation only)."#,
    fix_hint: "Set `storage_encrypted = true`.",
    checkov: &["CKV_AWS_44"],
    kics: &["98d59056-f745-4ef5-8613-32bca8d40b7e"],
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
        "Neptune storage is not encrypted",
    );
}
