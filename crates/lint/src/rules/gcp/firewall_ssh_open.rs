//! ORB-GCP-001: Firewall allows SSH from the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_compute_firewall"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-001",
    title: "Firewall allows SSH from the internet",
    severity: Severity::High,
    doc: r#"A VPC firewall rule that allows TCP 22 from `0.0.0.0/0` exposes SSH on every matching instance.
Use IAP TCP forwarding or OS Login through a bastion with narrow source ranges."#,
    fix_hint:
        "Restrict source_ranges or use Identity-Aware Proxy TCP forwarding (35.235.240.0/20).",
    checkov: &["CKV_GCP_2"],
    kics: &["c4dcdcdf-10dd-4bf4-b4a0-8f6239e6aaa0"],
    tfsec: &["google-compute-no-public-ingress"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    super::common_firewall::report(r, out, 22, "SSH", &["tcp"]);
}
