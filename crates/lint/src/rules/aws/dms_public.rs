//! ORB-AWS-071: DMS replication instance is publicly accessible.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_dms_replication_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-071",
    title: "DMS replication instance is publicly accessible",
    severity: Severity::Critical,
    doc: r#"Replication instances hold credentials for source and target databases and stream their data.
They should never have a public address."#,
    fix_hint: "Set `publicly_accessible = false`.",
    checkov: &["CKV_AWS_89"],
    kics: &["030d3b18-1821-45b4-9e08-50efbe7becbb"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "publicly_accessible",
        false,
        false,
        "DMS replication instance is publicly accessible",
    );
}
