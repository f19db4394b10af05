//! ORB-AWS-025: Instance metadata service allows IMDSv1.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

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
    id: "ORB-AWS-025",
    title: "Instance metadata service allows IMDSv1",
    severity: Severity::High,
    doc: r#"IMDSv1 answers any plain HTTP GET from the instance, so a server-side request forgery in an
application leaks the instance role's credentials. IMDSv2 requires a session token obtained
with a PUT, which SSRF payloads cannot send. Require tokens unless the metadata endpoint is
disabled altogether."#,
    fix_hint: "Add `metadata_options { http_tokens = \"required\" }`.",
    checkov: &["CKV_AWS_79"],
    kics: &[],
    tfsec: &[
        "aws-ec2-enforce-http-token-imds",
        "aws-autoscaling-enforce-http-token-imds",
    ],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let text = text_of(cx, r);
    let Some(m) = r.body.block("metadata_options") else {
        let edit = insert_line(
            text,
            &r.body,
            "metadata_options {\n    http_tokens = \"required\"\n  }",
        );
        out.report_object(
            "no metadata_options block: IMDSv1 is allowed",
            Some(crate::finding::Fix {
                description: "require IMDSv2 tokens".into(),
                edits: vec![edit],
            }),
        );
        return;
    };
    if m.dynamic {
        return;
    }
    // A disabled endpoint cannot be abused.
    if m.value("http_endpoint").and_then(Value::as_str) == Some("disabled") {
        return;
    }
    match m.attr("http_tokens") {
        None => out.report_fix(
            m.span,
            "metadata_options does not set http_tokens = \"required\"",
            Some(fix_set(text, m, "http_tokens", "\"required\"")),
        ),
        Some(a) if a.value.as_str() == Some("optional") => out.report_fix(
            a.span,
            "http_tokens = \"optional\" allows IMDSv1",
            Some(fix_set(text, m, "http_tokens", "\"required\"")),
        ),
        Some(_) => {}
    }
}
