//! ORB-GCP-002: Firewall allows RDP from the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_compute_firewall"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-002",
    title: "Firewall allows RDP from the internet",
    severity: Severity::High,
    doc: r#"RDP (TCP or UDP 3389) open to `0.0.0.0/0` or `::/0` invites brute force against every Windows
instance the rule targets."#,
    fix_hint: "Restrict source_ranges or use IAP TCP forwarding.",
    checkov: &["CKV_GCP_3"],
    kics: &["678fd659-96f2-454a-a2a0-c2571f83a4a3"],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // RDP also runs over UDP 3389.
    super::common_firewall::report(r, out, 3389, "RDP", &["tcp", "udp"]);
}
