//! ORB-K8S-001: Container runs privileged.

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
    id: "ORB-K8S-001",
    title: "Container runs privileged",
    severity: Severity::High,
    doc: r#"A privileged container has every capability and access to all host devices: escaping to the
node is trivial. Almost no workload needs it."#,
    fix_hint: "Remove `privileged: true`; grant only the specific capabilities needed.",
    checkov: &["CKV_K8S_16"],
    kics: &["87065ef8-de9b-40d8-9753-f4a4303e27a4"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec) {
        if let Some(sc) = c.block("security_context") {
            if let Some(a) = sc.attr("privileged") {
                if a.value.as_bool() == Some(true) {
                    out.report(a.span, "container runs privileged");
                }
            }
        }
    }
}
