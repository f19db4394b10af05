//! ORB-K8S-012: Container root filesystem is writable.

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
    id: "ORB-K8S-012",
    title: "Container root filesystem is writable",
    severity: Severity::Low,
    doc: r#"A read-only root filesystem stops an intruder from dropping tools or changing binaries inside
the container, and makes the container's behaviour easier to reason about."#,
    fix_hint:
        "Set `readOnlyRootFilesystem: true` and mount emptyDir volumes where writes are needed.",
    checkov: &["CKV_K8S_22"],
    kics: &[],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec).filter(|c| c.kind == "container") {
        match sc_value(c, "read_only_root_filesystem") {
            Some(v) if v.as_bool() == Some(true) || v.is_unknown() => {}
            _ => out.report(c.span, "readOnlyRootFilesystem is not true"),
        }
    }
}
