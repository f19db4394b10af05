//! ORB-AWS-062: Kinesis stream is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_kinesis_stream"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-062",
    title: "Kinesis stream is not encrypted",
    severity: Severity::Medium,
    doc: r#"Stream records are kept for up to a year. Server-side encryption with KMS keeps them encrypted
at rest in the service."#,
    fix_hint: "Set `encryption_type = \"KMS\"` and `kms_key_id`.",
    checkov: &["CKV_AWS_43"],
    kics: &["862fe4bf-3eec-4767-a517-40f378886b88"],
    tfsec: &["aws-kinesis-enable-in-transit-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let fix = || {
        Some(fix_set(
            text_of(cx, r),
            &r.body,
            "encryption_type",
            "\"KMS\"",
        ))
    };
    match r.attr("encryption_type") {
        None => out.report_object("stream is not encrypted (encryption_type NONE)", fix()),
        Some(a)
            if a.value
                .as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case("NONE")) =>
        {
            out.report_fix(a.span, "encryption_type is NONE", fix())
        }
        Some(_) => {
            if r.attr("kms_key_id").is_none() {
                out.report_object("encryption_type is KMS but no kms_key_id is set", None);
            }
        }
    }
}
