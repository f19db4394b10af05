//! ORB-AZ-004: Storage account allows TLS older than 1.2.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_storage_account"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-004",
    title: "Storage account allows TLS older than 1.2",
    severity: Severity::Medium,
    doc: r#"TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure. Require TLS 1.2 for
every client of the account."#,
    fix_hint: "Set `min_tls_version = \"TLS1_2\"`.",
    checkov: &["CKV_AZURE_44"],
    kics: &["8263f146-5e03-43e0-9cfe-db960d56d1e7"],
    tfsec: &["azure-storage-use-secure-tls-policy"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    if let Some(a) = r.attr("min_tls_version") {
        if matches!(a.value.as_str(), Some("TLS1_0") | Some("TLS1_1")) {
            out.report_fix(
                a.span,
                "min_tls_version is below TLS1_2",
                Some(fix_set(
                    text_of(cx, r),
                    &r.body,
                    "min_tls_version",
                    "\"TLS1_2\"",
                )),
            );
        }
    }
}
