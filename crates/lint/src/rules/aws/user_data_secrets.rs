//! ORB-AWS-044: EC2 user data holds hard-coded AWS credentials.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "aws_instance",
        "aws_launch_template",
        "aws_launch_configuration",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-044",
    title: "EC2 user data holds hard-coded AWS credentials",
    severity: Severity::High,
    doc: r#"User data is readable from the instance metadata service by any process on the instance and
from the EC2 API by anyone with describe permissions. Instances get credentials from their
instance profile; static keys in user data leak."#,
    fix_hint: "Give the instance an instance profile (IAM role) and remove keys from user data.",
    checkov: &["CKV_AWS_46"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    for name in ["user_data", "user_data_base64"] {
        if let Some(a) = r.attr(name) {
            if a.value
                .as_str()
                .is_some_and(crate::rules::secrets::script_has_aws_credentials)
            {
                out.report(a.span, "user data contains AWS credentials");
            }
        }
    }
}
