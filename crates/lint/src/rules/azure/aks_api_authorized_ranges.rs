//! ORB-AZ-014: AKS API server accepts connections from any IP.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_kubernetes_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-014",
    title: "AKS API server accepts connections from any IP",
    severity: Severity::High,
    doc: r#"A public AKS API server without authorized IP ranges accepts connections from the whole
internet. Limit it to known ranges or use a private cluster."#,
    fix_hint: "Set `api_server_access_profile { authorized_ip_ranges = [...] }` or make the cluster private.",
    checkov: &["CKV_AZURE_6"],
    kics: &[],
    tfsec: &["azure-container-limit-authorized-ips"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    if r.bool("private_cluster_enabled") == Some(true) {
        return;
    }
    let legacy = r.attr("api_server_authorized_ip_ranges");
    let profile = r
        .body
        .block("api_server_access_profile")
        .and_then(|p| p.attr("authorized_ip_ranges"));
    for a in [legacy, profile].into_iter().flatten() {
        // An empty list means "no restriction"; anything else (ranges, unknown) is accepted.
        if !matches!(a.value.as_list(), Some([])) {
            return;
        }
    }
    out.report_object(
        "AKS API server has no authorized IP ranges and is not private",
        None,
    );
}
