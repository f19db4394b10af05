//! ORB-AWS-022: CloudTrail log file validation is disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudtrail"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-022",
    title: "CloudTrail log file validation is disabled",
    severity: Severity::Low,
    doc: r#"Log file validation writes signed digest files so that any change or deletion of a log file
can be detected. Without it an intruder can edit the trail that records their actions."#,
    fix_hint: "Set `enable_log_file_validation = true`.",
    checkov: &["CKV_AWS_36"],
    kics: &["52ffcfa6-6c70-4ea6-8376-d828d3961669"],
    tfsec: &["aws-cloudtrail-enable-log-validation"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enable_log_file_validation",
        true,
        false,
        "CloudTrail log file validation is disabled",
    );
}
