//! ORB-K8S-005: Pod shares the host IPC namespace.

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
    id: "ORB-K8S-005",
    title: "Pod shares the host IPC namespace",
    severity: Severity::High,
    doc: r#"The host IPC namespace exposes shared memory segments of every process on the node to the pod."#,
    fix_hint: "Remove `hostIPC: true`.",
    checkov: &["CKV_K8S_18"],
    kics: &["e94d3121-c2d1-4e34-a295-139bfeb73ea3"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    if let Some(a) = spec.attr("host_ipc") {
        if a.value.as_bool() == Some(true) {
            out.report(a.span, "pod shares the host IPC namespace");
        }
    }
}
