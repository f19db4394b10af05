//! ORB-GCP-010: Subnetwork has no VPC flow logs.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_compute_subnetwork"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-010",
    title: "Subnetwork has no VPC flow logs",
    severity: Severity::Medium,
    doc: r#"VPC flow logs are the network-level record of connections in the subnet, needed to investigate
intrusions and exfiltration."#,
    fix_hint: "Add a `log_config { ... }` block.",
    checkov: &["CKV_GCP_26"],
    kics: &["40430747-442d-450a-a34f-dc57149f4609"],
    tfsec: &["google-compute-enable-vpc-flow-logs"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // Proxy-only subnets cannot have flow logs.
    if r.str("purpose")
        .is_some_and(|p| p.contains("PROXY") || p == "PRIVATE_SERVICE_CONNECT")
    {
        return;
    }
    if r.body.block("log_config").is_none() {
        out.report_object("subnetwork has no log_config (flow logs off)", None);
    }
}
