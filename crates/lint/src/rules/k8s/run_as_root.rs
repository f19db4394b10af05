//! ORB-K8S-013: Container may run as root.

use super::common::*;
use crate::finding::Severity;
use crate::model::{Block, Value};
use crate::rule::{RuleMeta, Sink};

pub static RULE: PodRule = PodRule {
    meta: &META,
    check,
    missing_spec_is_finding: false,
};

static META: RuleMeta = RuleMeta {
    id: "ORB-K8S-013",
    title: "Container may run as root",
    severity: Severity::Medium,
    doc: r#"Processes running as UID 0 in a container are root on the node as soon as they escape or reach
a mounted host path. Require a non-root user at the pod or container level."#,
    fix_hint: "Set `runAsNonRoot: true` (and a non-zero runAsUser) in the pod or container securityContext.",
    checkov: &["CKV_K8S_23"],
    kics: &[],
    tfsec: &[],
};

/// `Some(true)` non-root guaranteed, `Some(false)` root, `None` not stated / unknown.
fn non_root(b: &Block) -> Option<bool> {
    let uid = sc_value(b, "run_as_user").and_then(Value::as_number);
    if uid == Some(0.0) {
        return Some(false);
    }
    if uid.is_some_and(|u| u > 0.0) {
        return Some(true);
    }
    match sc_value(b, "run_as_non_root") {
        Some(v) if v.is_unknown() => Some(true),
        Some(v) => v.as_bool(),
        None => None,
    }
}

fn check(spec: &Block, out: &mut Sink) {
    let pod = non_root(spec);
    for c in containers(spec) {
        let effective = non_root(c).or(pod);
        match effective {
            Some(true) => {}
            Some(false) => out.report(
                c.span,
                "container runs as root (runAsUser 0 or runAsNonRoot false)",
            ),
            None => out.report(c.span, "container does not require a non-root user"),
        }
    }
}
