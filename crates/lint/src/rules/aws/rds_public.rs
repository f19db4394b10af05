//! ORB-AWS-018: RDS instance is publicly accessible.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_db_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-018",
    title: "RDS instance is publicly accessible",
    severity: Severity::Critical,
    doc: r#"`publicly_accessible = true` gives the database a public DNS name and address. Combined with a
permissive security group it is directly attackable from the internet."#,
    fix_hint: "Set `publicly_accessible = false` and reach the database through the VPC.",
    checkov: &[],
    kics: &["35113e6f-2c6b-414d-beec-7a9482d3b2d1"],
    tfsec: &["aws-rds-no-public-db-access"],
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
        "RDS instance is publicly accessible",
    );
}
