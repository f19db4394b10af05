//! ORB-AZ-010: Key Vault purge protection is disabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_key_vault"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-010",
    title: "Key Vault purge protection is disabled",
    severity: Severity::Medium,
    doc: r#"Without purge protection, a deleted vault or key can be purged immediately and permanently —
by mistake or by an attacker — making everything encrypted with those keys unrecoverable."#,
    fix_hint: "Set `purge_protection_enabled = true`.",
    checkov: &["CKV_AZURE_110", "CKV_AZURE_42"],
    kics: &[],
    tfsec: &["azure-keyvault-no-purge"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "purge_protection_enabled",
        true,
        false,
        "Key Vault purge protection is disabled",
    );
}
