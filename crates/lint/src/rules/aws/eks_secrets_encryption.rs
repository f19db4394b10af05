//! ORB-AWS-048: EKS secrets are not encrypted with KMS.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["aws_eks_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-048",
    title: "EKS secrets are not encrypted with KMS",
    severity: Severity::Medium,
    doc: r#"Envelope encryption of Kubernetes secrets with a KMS key protects them in etcd backups and
lets you revoke access by disabling the key."#,
    fix_hint: "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = ... } }`.",
    checkov: &["CKV_AWS_58"],
    kics: &["63ebcb19-2739-4d3f-aa5c-e8bbb9b85281"],
    tfsec: &["aws-eks-encrypt-secrets"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    match r.body.block("encryption_config") {
        None => out.report_object("EKS cluster has no encryption_config for secrets", None),
        Some(e) if !e.dynamic => {
            if let Some(a) = e.attr("resources") {
                if !a.value.contains_unknown() && !a.value.strings().contains(&"secrets") {
                    out.report(a.span, "encryption_config does not cover secrets");
                }
            }
        }
        Some(_) => {}
    }
}
