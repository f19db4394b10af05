//! ORB-GCP-016: GKE cluster has no network policy.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_container_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-016",
    title: "GKE cluster has no network policy",
    severity: Severity::Medium,
    doc: r#"Without network policy enforcement every pod can reach every other pod: one compromised workload
can scan and attack the whole cluster."#,
    fix_hint: "Add `network_policy { enabled = true }` (or use Dataplane V2).",
    checkov: &["CKV_GCP_12"],
    kics: &[],
    tfsec: &["google-gke-enable-network-policy"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // Dataplane V2 enforces network policies natively; Autopilot clusters always do.
    if r.str("datapath_provider") == Some("ADVANCED_DATAPATH")
        || r.bool("enable_autopilot") == Some(true)
    {
        return;
    }
    match r.body.block("network_policy") {
        None => out.report_object("network policy is not enabled", None),
        Some(np) => {
            if let Some(a) = np.attr("enabled") {
                if a.value.as_bool() == Some(false) {
                    out.report(a.span, "network policy is disabled");
                }
            }
        }
    }
}
