//! ORB-AZ-006: Storage account network access defaults to allow.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "azurerm_storage_account",
        "azurerm_storage_account_network_rules",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-006",
    title: "Storage account network access defaults to allow",
    severity: Severity::Medium,
    doc: r#"With `default_action = "Allow"` the account's endpoints accept connections from any network;
keys or SAS tokens are then the only barrier. Deny by default and list the networks and
services that need access."#,
    fix_hint: "Set `network_rules { default_action = \"Deny\" }` and allow the needed networks.",
    checkov: &["CKV_AZURE_35"],
    kics: &["a5613650-32ec-4975-a305-31af783153ea"],
    tfsec: &["azure-storage-default-action-deny"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let rules = if r.rtype == "azurerm_storage_account" {
        match r.body.block("network_rules") {
            Some(b) if !b.dynamic => b,
            Some(_) => return,
            None => {
                // A separate azurerm_storage_account_network_rules resource may configure it.
                if !linked(
                    cx,
                    r,
                    "azurerm_storage_account_network_rules",
                    "storage_account_id",
                    "id",
                )
                .is_empty()
                {
                    return;
                }
                out.report_object("storage account has no network_rules (default allow)", None);
                return;
            }
        }
    } else {
        &r.body
    };
    if let Some(a) = rules.attr("default_action") {
        if a.value
            .as_str()
            .is_some_and(|v| v.eq_ignore_ascii_case("Allow"))
        {
            out.report_fix(
                a.span,
                "network default_action is Allow",
                Some(fix_set(text_of(cx, r), rules, "default_action", "\"Deny\"")),
            );
        }
    }
}
