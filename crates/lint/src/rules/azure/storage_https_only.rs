//! ORB-AZ-003: Storage account accepts plain HTTP.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_storage_account"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-003",
    title: "Storage account accepts plain HTTP",
    severity: Severity::High,
    doc: r#"With HTTPS-only off, clients can talk to blob, file and queue endpoints over HTTP, exposing
shared keys, SAS tokens and data on the network."#,
    fix_hint:
        "Remove `enable_https_traffic_only = false` / set `https_traffic_only_enabled = true`.",
    checkov: &["CKV_AZURE_3"],
    kics: &["12944ec4-1fa0-47be-8b17-42a034f937c2"],
    tfsec: &["azure-storage-enforce-https"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    for name in ["enable_https_traffic_only", "https_traffic_only_enabled"] {
        if let Some(a) = r.attr(name) {
            if a.value.as_bool() == Some(false) {
                out.report_fix(
                    a.span,
                    "storage account allows HTTP traffic",
                    Some(fix_set(text_of(cx, r), &r.body, name, "true")),
                );
            }
        }
    }
}
