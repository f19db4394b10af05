//! ORB-AZ-005: Storage account allows public blob access.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_storage_account"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-005",
    title: "Storage account allows public blob access",
    severity: Severity::High,
    doc: r#"When nested items may be public, any container can be switched to anonymous read access and
its blobs listed by anyone. Disallow it at the account level (it defaults to allowed in older
provider versions)."#,
    fix_hint: "Set `allow_nested_items_to_be_public = false`.",
    checkov: &["CKV_AZURE_190"],
    kics: &[],
    tfsec: &["azure-storage-no-public-access"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let fix = |name: &str| Some(fix_set(text_of(cx, r), &r.body, name, "false"));
    for name in [
        "allow_nested_items_to_be_public",
        "allow_blob_public_access",
    ] {
        if let Some(a) = r.attr(name) {
            if a.value.as_bool() == Some(true) {
                out.report_fix(
                    a.span,
                    format!("{name} = true allows anonymous blob access"),
                    fix(name),
                );
            }
            return;
        }
    }
    out.report_object(
        "public blob access is not disabled (allow_nested_items_to_be_public defaults to true)",
        fix("allow_nested_items_to_be_public"),
    );
}
