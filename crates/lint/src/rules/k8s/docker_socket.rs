//! ORB-K8S-011: Pod mounts the container runtime socket.

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
    id: "ORB-K8S-011",
    title: "Pod mounts the container runtime socket",
    severity: Severity::Critical,
    doc: r#"Access to the Docker or containerd socket is root on the node: the pod can start privileged
containers with the host filesystem mounted."#,
    fix_hint:
        "Do not mount docker.sock/containerd.sock; use a build service (kaniko, buildkit rootless).",
    checkov: &["CKV_K8S_27"],
    kics: &[],
    tfsec: &[],
};

const SOCKETS: [&str; 4] = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
];

fn check(spec: &Block, out: &mut Sink) {
    for v in spec.blocks("volume") {
        if let Some(hp) = v.block("host_path") {
            if let Some(a) = hp.attr("path") {
                if a.value
                    .as_str()
                    .is_some_and(|p| SOCKETS.contains(&p.trim_end_matches('/')))
                {
                    out.report(a.span, "container runtime socket is mounted");
                }
            }
        }
    }
}
