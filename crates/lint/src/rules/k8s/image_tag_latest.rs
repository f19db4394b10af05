//! ORB-K8S-009: Container image uses latest or no tag.

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
    id: "ORB-K8S-009",
    title: "Container image uses latest or no tag",
    severity: Severity::Low,
    doc: r#"`latest` (or no tag) means a different image can run after any restart, without review or
rollback point. Pinned tags or digests make deployments reproducible."#,
    fix_hint: "Pin images to a version tag or, better, a digest (`image@sha256:...`).",
    checkov: &["CKV_K8S_14"],
    kics: &[],
    tfsec: &[],
};

fn unpinned(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    // The tag is after the last ':' that follows the last '/' (a port is before it).
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        None => true,
        Some((_, tag)) => tag.is_empty() || tag == "latest",
    }
}

fn check(spec: &Block, out: &mut Sink) {
    for c in containers(spec) {
        match c.attr("image") {
            Some(a) => {
                if a.value.as_str().is_some_and(unpinned) {
                    out.report(a.span, "image is not pinned (latest or no tag)");
                }
            }
            None => out.report(c.span, "container has no image"),
        }
    }
}
