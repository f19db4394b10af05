//! ORB-K8S-004: Pod shares the host PID namespace.

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
    id: "ORB-K8S-004",
    title: "Pod shares the host PID namespace",
    severity: Severity::High,
    doc: r#"Sharing the host PID namespace lets containers see and signal every process on the node, and
read their environment and memory with enough privileges."#,
    fix_hint: "Remove `hostPID: true`.",
    checkov: &["CKV_K8S_17"],
    kics: &["587d5d82-70cf-449b-9817-f60f9bccb88c"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    if let Some(a) = spec.attr("host_pid") {
        if a.value.as_bool() == Some(true) {
            out.report(a.span, "pod shares the host PID namespace");
        }
    }
}
