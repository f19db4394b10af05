//! ORB-AWS-064: Access key created for the root user.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_iam_access_key"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-064",
    title: "Access key created for the root user",
    severity: Severity::Critical,
    doc: r#"Root access keys cannot be limited by any policy. Whoever holds them owns the account
permanently. AWS recommends that the root user has no access keys at all."#,
    fix_hint: "Delete root access keys; use IAM roles or Identity Center users.",
    checkov: &["CKV_AWS_348"],
    kics: &["970d224d-b42a-416b-81f9-8f4dfe70c4bc"],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    if let Some(a) = r.attr("user") {
        if a.value
            .as_str()
            .is_some_and(|u| u.eq_ignore_ascii_case("root"))
        {
            out.report(a.span, "access key for the root user");
        }
    }
}
