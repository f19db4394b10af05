//! ORB-AWS-023: CloudTrail does not cover all regions.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudtrail"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-023",
    title: "CloudTrail does not cover all regions",
    severity: Severity::Medium,
    doc: r#"A single-region trail misses API activity in every other region, which is exactly where an
attacker would start resources they do not want noticed.

A multi-region trail with `include_global_service_events = false` still misses the events of
global services (IAM, STS, CloudFront), i.e. every change to users, roles, policies and access
keys: it is reported too (the default, `true`, is fine)."#,
    fix_hint: "Set `is_multi_region_trail = true`.",
    checkov: &["CKV_AWS_67"],
    kics: &["8173d5eb-96b5-4aa6-a71b-ecfa153c123d"],
    tfsec: &["aws-cloudtrail-enable-all-regions"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "is_multi_region_trail",
        true,
        false,
        "CloudTrail is not multi-region",
    );
    if r.bool("is_multi_region_trail") == Some(true) {
        expect_bool(
            r,
            &r.body,
            cx,
            out,
            "include_global_service_events",
            true,
            true,
            "CloudTrail excludes global service events (IAM, STS)",
        );
    }
}
