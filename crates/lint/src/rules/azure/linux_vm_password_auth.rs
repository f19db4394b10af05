//! ORB-AZ-015: Linux VM allows password authentication.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "azurerm_linux_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-015",
    title: "Linux VM allows password authentication",
    severity: Severity::Medium,
    doc: r#"Password logins on SSH are open to brute force and credential reuse. Use SSH keys (or Entra ID
login) and disable passwords."#,
    fix_hint: "Set `disable_password_authentication = true` and use SSH keys.",
    checkov: &["CKV_AZURE_149"],
    kics: &[],
    tfsec: &["azure-compute-disable-password-authentication"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "disable_password_authentication",
        true,
        true,
        "password authentication is enabled",
    );
}
