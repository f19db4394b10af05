//! ORB-AWS-020: RDS automated backups are disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_db_instance", "aws_rds_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-020",
    title: "RDS automated backups are disabled",
    severity: Severity::Medium,
    doc: r#"A retention period of 0 disables automated backups and point-in-time recovery: data lost to a
bug or an operator error cannot be recovered."#,
    fix_hint: "Set `backup_retention_period` to 7 days or more.",
    checkov: &["CKV_AWS_133"],
    kics: &[
        "1dc73fb4-5b51-430c-8c5f-25dcf9090b02",
        "e542bd46-58c4-4e0f-a52a-1fb4f9548e02",
    ],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    if let Some(a) = r.attr("backup_retention_period") {
        if a.value.as_number() == Some(0.0) {
            out.report(
                a.span,
                "backup_retention_period is 0: automated backups are disabled",
            );
        }
    }
}
