//! ORB-AWS-047: EKS control plane logging is incomplete.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_eks_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-047",
    title: "EKS control plane logging is incomplete",
    severity: Severity::Medium,
    doc: r#"Control plane logs (especially `audit` and `authenticator`) are the only record of who did what
through the Kubernetes API. They are off unless listed in `enabled_cluster_log_types`."#,
    fix_hint: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]`.",
    checkov: &["CKV_AWS_37"],
    kics: &["37304d3f-f852-40b8-ae3f-725e87a7cedf"],
    tfsec: &["aws-eks-enable-control-plane-logging"],
};

const ALL: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let full = "[\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]";
    match r.attr("enabled_cluster_log_types") {
        None => out.report_object(
            "EKS control plane logging is disabled",
            Some(fix_set(
                text_of(cx, r),
                &r.body,
                "enabled_cluster_log_types",
                full,
            )),
        ),
        Some(a) if !a.value.contains_unknown() => {
            let have = a.value.strings();
            let missing: Vec<&str> = ALL.iter().copied().filter(|t| !have.contains(t)).collect();
            if !missing.is_empty() {
                out.report_fix(
                    a.span,
                    format!("log types not enabled: {}", missing.join(", ")),
                    Some(fix_set(
                        text_of(cx, r),
                        &r.body,
                        "enabled_cluster_log_types",
                        full,
                    )),
                );
            }
        }
        Some(_) => {}
    }
}
