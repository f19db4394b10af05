//! ORB-K8S-002: Container allows privilege escalation.

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
    id: "ORB-K8S-002",
    title: "Container allows privilege escalation",
    severity: Severity::Medium,
    doc: r#"Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent
(setuid binaries, file capabilities). Turning it off closes a common local escalation path."#,
    fix_hint: "Set `allowPrivilegeEscalation: false` in the container's securityContext.",
    checkov: &["CKV_K8S_20"],
    kics: &[],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec) {
        match sc_value(c, "allow_privilege_escalation") {
            Some(v) if v.as_bool() == Some(false) || v.is_unknown() => {}
            Some(_) => out.report(c.span, "allowPrivilegeEscalation is true"),
            None => out.report(c.span, "allowPrivilegeEscalation is not set to false"),
        }
    }
}
