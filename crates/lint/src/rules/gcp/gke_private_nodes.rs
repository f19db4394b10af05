//! ORB-GCP-018: GKE nodes have public IP addresses.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_container_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-018",
    title: "GKE nodes have public IP addresses",
    severity: Severity::Medium,
    doc: r#"Nodes with public IPs are reachable from the internet (kubelet, NodePort services) wherever
firewall rules allow. Private nodes only have internal addresses."#,
    fix_hint: "Add `private_cluster_config { enable_private_nodes = true }`.",
    checkov: &["CKV_GCP_64"],
    kics: &[],
    tfsec: &["google-gke-enable-private-cluster"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if r.bool("enable_autopilot") == Some(true) && r.body.block("private_cluster_config").is_none()
    {
        out.report_object("cluster has no private_cluster_config", None);
        return;
    }
    match r.body.block("private_cluster_config") {
        None => out.report_object("cluster has no private_cluster_config (public nodes)", None),
        Some(p) if !p.dynamic => expect_bool(
            r,
            p,
            cx,
            out,
            "enable_private_nodes",
            true,
            false,
            "private nodes are not enabled",
        ),
        Some(_) => {}
    }
}
