//! ORB-GCP-013: Compute instance has a public IP address.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_compute_instance",
        "google_compute_instance_template",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-013",
    title: "Compute instance has a public IP address",
    severity: Severity::Medium,
    doc: r#"An `access_config` block gives the instance an external IP that is reachable from the internet
wherever firewall rules allow it."#,
    fix_hint: "Remove `access_config` blocks; use Cloud NAT for egress and load balancers/IAP for ingress.",
    checkov: &["CKV_GCP_40"],
    kics: &[],
    tfsec: &["google-compute-no-public-ip"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    for ni in r.body.blocks("network_interface") {
        if let Some(ac) = ni.block("access_config") {
            out.report(
                ac.span,
                "network interface has an access_config (external IP)",
            );
        }
    }
}
