//! ORB-K8S-006: Pod mounts a hostPath volume.

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
    id: "ORB-K8S-006",
    title: "Pod mounts a hostPath volume",
    severity: Severity::High,
    doc: r#"hostPath volumes give the pod files of the node. Writable mounts of `/`, `/etc`, `/var/lib/kubelet`
or the container runtime socket are a direct path to node takeover."#,
    fix_hint: "Use persistent volumes, emptyDir, configMaps or CSI volumes instead of hostPath.",
    checkov: &[],
    kics: &["86a947ea-f577-4efb-a8b0-5fc00257d521"],
    tfsec: &[],
};

fn check(spec: &Block, out: &mut Sink) {
    for v in spec.blocks("volume") {
        if let Some(hp) = v.block("host_path") {
            let path = hp.value("path").and_then(Value::as_str).unwrap_or("?");
            out.report(
                hp.span,
                format!("hostPath volume mounts {path} from the node"),
            );
        }
    }
}
