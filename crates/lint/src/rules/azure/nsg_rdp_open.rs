//! ORB-AZ-002: NSG allows RDP from the internet.

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
    id: "ORB-AZ-002",
    title: "NSG allows RDP from the internet",
    severity: Severity::High,
    doc: r#"RDP reachable from the internet is a favourite entry point for ransomware operators. Reach
Windows VMs through Azure Bastion or a VPN instead."#,
    fix_hint: "Limit source_address_prefix to a management range or use Azure Bastion.",
    checkov: &["CKV_AZURE_9"],
    kics: &["efbf6449-5ec5-4cfe-8f15-acc51e0d787c"],
    tfsec: &["azure-network-disable-rdp-from-internet"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    super::common_nsg::report(r, out, 3389, "RDP");
}
