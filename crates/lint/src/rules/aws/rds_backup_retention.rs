//! ORB-AWS-020: RDS automated backups are disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_db_instance", "aws_rds_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-020",
    title: "RDS automated backups are disabled or left at the default",
    severity: Severity::Medium,
    doc: r#"A retention period of 0 disables automated backups and point-in-time recovery: data lost to a
bug or an operator error cannot be recovered.

Also reported:

- an absent `backup_retention_period` on an instance or cluster that is not a read replica:
  AWS then keeps 1 day of backups, the shortest possible window — a problem noticed on Monday
  morning is already past recovery. Nobody chose that value; set the retention explicitly
  (an explicit short value is a deliberate choice and is not reported);
- a value above 35 days, the RDS maximum: the API rejects it, so the apply fails and the
  database keeps whatever backup setting it had."#,
    fix_hint: "Set `backup_retention_period` to 7 days or more.",
    checkov: &["CKV_AWS_133"],
    kics: &[
        "1dc73fb4-5b51-430c-8c5f-25dcf9090b02",
        "e542bd46-58c4-4e0f-a52a-1fb4f9548e02",
    ],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(a) = r.attr("backup_retention_period") else {
        // Read replicas take their backups from the source.
        if r.attr("replicate_source_db").is_none() {
            out.report_object(
                "backup_retention_period is not set: AWS keeps only 1 day of backups",
                Some(fix_set(
                    text_of(cx, r),
                    &r.body,
                    "backup_retention_period",
                    "7",
                )),
            );
        }
        return;
    };
    match a.value.as_number() {
        Some(0.0) => out.report(
            a.span,
            "backup_retention_period is 0: automated backups are disabled",
        ),
        Some(n) if n > 35.0 => out.report(
            a.span,
            "backup_retention_period is above the RDS maximum of 35 days: the apply fails",
        ),
        _ => {}
    }
}
