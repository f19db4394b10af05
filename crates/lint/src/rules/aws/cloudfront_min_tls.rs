//! ORB-AWS-073: CloudFront distribution allows TLS older than 1.2.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_cloudfront_distribution"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-073",
    title: "CloudFront distribution allows TLS older than 1.2",
    severity: Severity::Medium,
    doc: r#"Viewers of a distribution that uses the default CloudFront certificate, or a security policy
older than TLSv1.2, can negotiate TLS 1.0/1.1, which have known weaknesses and are refused by
most compliance regimes."#,
    fix_hint: "Use a custom certificate with `minimum_protocol_version = \"TLSv1.2_2021\"`.",
    checkov: &["CKV_AWS_174"],
    kics: &["00e5e55e-c2ff-46b3-a757-a7a1cd802456"],
    tfsec: &["aws-cloudfront-use-secure-tls-policy"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(vc) = r.body.block("viewer_certificate") else {
        out.report_object(
            "no viewer_certificate: the default certificate allows TLSv1",
            None,
        );
        return;
    };
    if vc.dynamic {
        return;
    }
    if vc
        .value("cloudfront_default_certificate")
        .and_then(Value::as_bool)
        == Some(true)
    {
        out.report(vc.span, "the default CloudFront certificate allows TLSv1");
        return;
    }
    match vc.attr("minimum_protocol_version") {
        None => out.report(
            vc.span,
            "minimum_protocol_version is not set (defaults to TLSv1)",
        ),
        Some(a) => {
            if a.value
                .as_str()
                .is_some_and(|v| !v.starts_with("TLSv1.2") && !v.starts_with("TLSv1.3"))
            {
                out.report(a.span, "minimum_protocol_version is older than TLSv1.2");
            }
        }
    }
}
