//! ORB-K8S-010: Container adds the SYS_ADMIN capability.

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
    id: "ORB-K8S-010",
    title: "Container adds the SYS_ADMIN capability",
    severity: Severity::High,
    doc: r#"CAP_SYS_ADMIN is "the new root": mounts, namespaces, BPF and many other kernel interfaces. With it
container escapes are straightforward."#,
    fix_hint: "Remove SYS_ADMIN from capabilities.add; add narrower capabilities if needed.",
    checkov: &["CKV_K8S_39"],
    kics: &["3f55386d-75cd-4e9a-ac47-167b26c04724"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec) {
        if capabilities(c, "add").iter().any(|cap| {
            cap.trim_start_matches("CAP_")
                .eq_ignore_ascii_case("SYS_ADMIN")
        }) {
            let span = c
                .path(&["security_context", "capabilities"])
                .map(|b| b.span)
                .unwrap_or(c.span);
            out.report(span, "container adds CAP_SYS_ADMIN");
        }
    }
}
