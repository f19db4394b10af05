//! ORB-K8S-007: Container has no CPU limit.

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
    id: "ORB-K8S-007",
    title: "Container has no CPU limit",
    severity: Severity::Low,
    doc: r#"Without a CPU limit a container can use every core of its node and starve its neighbours, and a
compromised container can mine cryptocurrency at the cluster's expense."#,
    fix_hint: "Set `resources.limits.cpu`.",
    checkov: &["CKV_K8S_11"],
    kics: &["5f4735ce-b9ba-4d95-a089-a37a767b716f"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec).filter(|c| c.kind == "container") {
        match resource_keys(c, "limits") {
            Some(keys) if keys.iter().any(|k| k == "cpu") => {}
            Some(_) | None
                if c.block("resources")
                    .is_some_and(|r| r.value("limits").is_some_and(Value::is_unknown)) => {}
            _ => out.report(c.span, "container has no CPU limit"),
        }
    }
}
