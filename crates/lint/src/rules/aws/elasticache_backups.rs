//! ORB-AWS-074: ElastiCache Redis has no automatic backups.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_elasticache_cluster",
        "aws_elasticache_replication_group",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-074",
    title: "ElastiCache Redis has no automatic backups",
    severity: Severity::Medium,
    doc: r#"Without automatic snapshots (`snapshot_retention_limit` of 0, the default) a Redis node failure
or a bad `FLUSHALL` loses every key for good. Keep at least a day of snapshots for data that
cannot be rebuilt from elsewhere."#,
    fix_hint: "Set `snapshot_retention_limit` to 1 or more days.",
    checkov: &["CKV_AWS_134"],
    kics: &["8fdb08a0-a868-4fdf-9c27-ccab0237f1ab"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // Only Redis (and Valkey) support snapshots; memcached clusters are not reported.
    let engine = r
        .str("engine")
        .unwrap_or(if r.rtype == "aws_elasticache_replication_group" {
            "redis"
        } else {
            ""
        });
    if !(engine == "redis" || engine == "valkey") {
        return;
    }
    let fix = || {
        Some(fix_set(
            text_of(cx, r),
            &r.body,
            "snapshot_retention_limit",
            "7",
        ))
    };
    match r.attr("snapshot_retention_limit") {
        None => out.report_object(
            "snapshot_retention_limit is not set (no automatic backups)",
            fix(),
        ),
        Some(a) if a.value.as_number() == Some(0.0) => out.report_fix(
            a.span,
            "snapshot_retention_limit is 0 (no automatic backups)",
            fix(),
        ),
        Some(_) => {}
    }
}
