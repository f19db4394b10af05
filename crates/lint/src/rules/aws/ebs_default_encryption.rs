//! ORB-AWS-012: EBS encryption by default is disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_ebs_encryption_by_default"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-012",
    title: "EBS encryption by default is disabled",
    severity: Severity::Medium,
    doc: r#"Account-level EBS encryption by default makes every new volume and snapshot copy encrypted,
whatever the template that created it. Turning it off reopens the door to clear-text volumes."#,
    fix_hint: "Set `enabled = true`.",
    checkov: &["CKV_AWS_106"],
    kics: &["3d3f6270-546b-443c-adb4-bb6fb2187ca6"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enabled",
        true,
        true,
        "EBS encryption by default is disabled",
    );
}
