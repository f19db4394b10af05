//! ORB-AZ-001: NSG allows SSH from the internet.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "azurerm_network_security_group",
        "azurerm_network_security_rule",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-001",
    title: "NSG allows SSH from the internet",
    severity: Severity::High,
    doc: r#"An inbound NSG rule allowing TCP 22 from `*`/`Internet`/`0.0.0.0/0` exposes SSH on every VM
behind it. Use Azure Bastion or just-in-time access, or a narrow management range."#,
    fix_hint: "Limit source_address_prefix to a management range or use Azure Bastion.",
    checkov: &["CKV_AZURE_10"],
    kics: &["3e3c175e-aadf-4e2b-a464-3fdac5748d24"],
    tfsec: &["azure-network-ssh-blocked-from-internet"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    super::common_nsg::report(r, out, 22, "SSH");
}
