//! ORB-AZ-007: Managed disk encryption settings are disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_managed_disk"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-007",
    title: "Managed disk encryption settings are disabled",
    severity: Severity::Medium,
    doc: r#"Explicitly disabled encryption settings turn off Azure Disk Encryption for the disk. Keep it on,
ideally with a disk encryption set holding a customer managed key."#,
    fix_hint: "Remove `enabled = false` from encryption_settings (or use a disk encryption set).",
    checkov: &["CKV_AZURE_2"],
    kics: &["a99130ab-4c0e-43aa-97f8-78d4fcb30024"],
    tfsec: &["azure-compute-enable-disk-encryption"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    if let Some(es) = r.body.block("encryption_settings") {
        if let Some(a) = es.attr("enabled") {
            if a.value.as_bool() == Some(false) {
                out.report(a.span, "disk encryption_settings are disabled");
            }
        }
    }
}
