//! ORB-AWS-063: DynamoDB point-in-time recovery is disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_dynamodb_table"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-063",
    title: "DynamoDB point-in-time recovery is disabled",
    severity: Severity::Medium,
    doc: r#"Point-in-time recovery lets you restore a table to any second of the last 35 days after an
accidental write or delete. Without it only on-demand backups exist, if any."#,
    fix_hint: "Add `point_in_time_recovery { enabled = true }`.",
    checkov: &["CKV_AWS_28"],
    kics: &[],
    tfsec: &["aws-dynamodb-enable-recovery"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(b) = r.body.block("point_in_time_recovery") else {
        out.report_object("point-in-time recovery is not enabled", None);
        return;
    };
    if b.dynamic {
        return;
    }
    expect_bool(
        r,
        b,
        cx,
        out,
        "enabled",
        true,
        false,
        "point-in-time recovery is not enabled",
    );
}
