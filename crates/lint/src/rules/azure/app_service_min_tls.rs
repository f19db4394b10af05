//! ORB-AZ-012: App Service allows TLS older than 1.2.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &super::common_app::APP_TYPES, check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-012",
    title: "App Service allows TLS older than 1.2",
    severity: Severity::Medium,
    doc: r#"TLS 1.0/1.1 are deprecated. Require TLS 1.2 or newer for clients of the app."#,
    fix_hint: "Set `minimum_tls_version = \"1.2\"` (or `min_tls_version`) in site_config.",
    checkov: &["CKV_AZURE_15", "CKV_AZURE_145"],
    kics: &[
        "b7b9d1c7-2d3b-49b4-b867-ebbe68d0b643",
        "45fc717a-bd86-415c-bdd8-677901be1aa6",
    ],
    tfsec: &["azure-appservice-use-secure-tls-policy"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    let Some(sc) = r.body.block("site_config") else {
        return;
    };
    for name in ["min_tls_version", "minimum_tls_version"] {
        if let Some(a) = sc.attr(name) {
            let v = a
                .value
                .as_str()
                .map(String::from)
                .or_else(|| a.value.as_number().map(|n| format!("{n}")));
            if matches!(v.as_deref(), Some("1.0") | Some("1.1") | Some("1")) {
                out.report_fix(
                    a.span,
                    format!("{name} allows TLS below 1.2"),
                    Some(fix_set(text_of(cx, r), sc, name, "\"1.2\"")),
                );
            }
        }
    }
}
