//! ORB-GCP-008: Cloud SQL automated backups are disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_sql_database_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-008",
    title: "Cloud SQL automated backups are disabled",
    severity: Severity::Medium,
    doc: r#"Without automated backups and binary logs there is no point-in-time recovery: a dropped table
or a bad migration means data loss."#,
    fix_hint: "Add `backup_configuration { enabled = true }` in settings.",
    checkov: &[],
    kics: &["cf3c7631-cd1e-42f3-8801-a561214a6e79"],
    tfsec: &["google-sql-enable-backup"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // Read replicas are backed up through their primary.
    if r.value("master_instance_name").is_some() {
        return;
    }
    let Some(settings) = r.body.block("settings") else {
        return;
    };
    if settings.dynamic {
        return;
    }
    match settings.block("backup_configuration") {
        None => out.report(
            settings.span,
            "no backup_configuration: automated backups are off",
        ),
        Some(b) => {
            if let Some(a) = b.attr("enabled") {
                if a.value.as_bool() == Some(false) {
                    out.report(a.span, "automated backups are disabled");
                }
            } else if !b.dynamic {
                out.report(b.span, "backup_configuration does not set enabled = true");
            }
        }
    }
}
