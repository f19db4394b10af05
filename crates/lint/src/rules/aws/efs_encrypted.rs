//! ORB-AWS-015: EFS file system is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_efs_file_system"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-015",
    title: "EFS file system is not encrypted",
    severity: Severity::High,
    doc: r#"EFS encryption at rest can only be chosen when the file system is created; fixing it later
means migrating the data. Enable it from the start."#,
    fix_hint: "Set `encrypted = true` (encryption can only be chosen at creation).",
    checkov: &["CKV_AWS_42"],
    kics: &["48207659-729f-4b5c-9402-f884257d794f"],
    tfsec: &["aws-efs-enable-at-rest-encryption"],
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
        "EFS file system is not encrypted",
    );
}
