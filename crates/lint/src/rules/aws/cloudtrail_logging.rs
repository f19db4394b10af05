//! ORB-AWS-024: CloudTrail logging is turned off.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudtrail"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-024",
    title: "CloudTrail logging is turned off",
    severity: Severity::High,
    doc: r#"A trail with `enable_logging = false` exists but records nothing: the account looks audited and
is not."#,
    fix_hint: "Remove `enable_logging = false`.",
    checkov: &["CKV_AWS_251"],
    kics: &["4bb76f17-3d63-4529-bdca-2b454529d774"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enable_logging",
        true,
        true,
        "CloudTrail logging is disabled",
    );
}
