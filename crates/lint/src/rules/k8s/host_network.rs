//! ORB-K8S-003: Pod shares the host network namespace.

use super::common::*;
use crate::finding::Severity;
use crate::model::Block;
use crate::rule::{RuleMeta, Sink};

pub static RULE: PodRule = PodRule {
    meta: &META,
    check,
    missing_spec_is_finding: false,
};

static META: RuleMeta = RuleMeta {
    id: "ORB-K8S-003",
    title: "Pod shares the host network namespace",
    severity: Severity::High,
    doc: r#"With the host network a pod sees every interface of the node, can bind to its ports and reach
services listening on localhost, bypassing network policies."#,
    fix_hint: "Remove `hostNetwork: true`.",
    checkov: &["CKV_K8S_19"],
    kics: &["ac1564a3-c324-4747-9fa1-9dfc234dace0"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    if let Some(a) = spec.attr("host_network") {
        if a.value.as_bool() == Some(true) {
            out.report(a.span, "pod uses the host network");
        }
    }
}
