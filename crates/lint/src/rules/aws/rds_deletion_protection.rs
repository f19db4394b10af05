//! ORB-AWS-019: RDS database has no deletion protection.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_db_instance", "aws_rds_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-019",
    title: "RDS database has no deletion protection",
    severity: Severity::Medium,
    doc: r#"Deletion protection makes the API refuse to delete the database until the flag is turned off:
a mistaken `terraform destroy` or a renamed resource then cannot drop production data."#,
    fix_hint: "Set `deletion_protection = true`.",
    checkov: &["CKV_AWS_293", "CKV_AWS_139"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "deletion_protection",
        true,
        false,
        "database has no deletion protection",
    );
}
