//! ORB-K8S-008: Container has no memory limit.

use super::common::*;
use crate::finding::Severity;
use crate::model::{Block, Value};
use crate::rule::{RuleMeta, Sink};

pub static RULE: PodRule = PodRule {
    meta: &META,
    check,
    missing_spec_is_finding: true,
};

static META: RuleMeta = RuleMeta {
    id: "ORB-K8S-008",
    title: "Container has no memory limit",
    severity: Severity::Medium,
    doc: r#"A container without a memory limit can exhaust its node's memory; the kernel OOM killer then
kills other workloads, possibly critical system pods."#,
    fix_hint: "Set `resources.limits.memory`.",
    checkov: &["CKV_K8S_12"],
    kics: &["fd097ed0-7fe6-4f58-8b71-fef9f0820a21"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec).filter(|c| c.kind == "container") {
        match resource_keys(c, "limits") {
            Some(keys) if keys.iter().any(|k| k == "memory") => {}
            Some(_) | None
                if c.block("resources")
                    .is_some_and(|r| r.value("limits").is_some_and(Value::is_unknown)) => {}
            _ => out.report(c.span, "container has no memory limit"),
        }
    }
}
