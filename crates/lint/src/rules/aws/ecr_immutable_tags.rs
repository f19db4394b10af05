//! ORB-AWS-049: ECR repository allows mutable image tags.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_ecr_repository"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-049",
    title: "ECR repository allows mutable image tags",
    severity: Severity::Medium,
    doc: r#"With mutable tags, pushing an image can silently replace what `app:1.4.2` means, so a compromised
CI job can swap production images without changing any deployment manifest."#,
    fix_hint: "Set `image_tag_mutability = \"IMMUTABLE\"`.",
    checkov: &["CKV_AWS_51"],
    kics: &["d1846b12-20c5-4d45-8798-fc35b79268eb"],
    tfsec: &["aws-ecr-enforce-immutable-repository"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let fix = || {
        Some(fix_set(
            text_of(cx, r),
            &r.body,
            "image_tag_mutability",
            "\"IMMUTABLE\"",
        ))
    };
    match r.attr("image_tag_mutability") {
        None => out.report_object("image tags are mutable (default)", fix()),
        Some(a) if a.value.as_str() == Some("MUTABLE") => {
            out.report_fix(a.span, "image tags are mutable", fix())
        }
        Some(_) => {}
    }
}
