//! ORB-AZ-011: App Service accepts plain HTTP.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &super::common_app::APP_TYPES, check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-011",
    title: "App Service accepts plain HTTP",
    severity: Severity::Medium,
    doc: r#"Without `https_only`, the app answers on HTTP as well, so sessions and credentials can be
captured or altered in transit."#,
    fix_hint: "Set `https_only = true`.",
    checkov: &["CKV_AZURE_14", "CKV_AZURE_70"],
    kics: &["11e9a948-c6c3-4a0f-8dcf-b5cf1763cdbe"],
    tfsec: &["azure-appservice-enforce-https"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "https_only",
        true,
        false,
        "app accepts HTTP (https_only is not true)",
    );
    // Built-in authentication can separately allow its flows over HTTP.
    if let Some(auth) = r.body.block("auth_settings_v2") {
        if let Some(a) = auth.attr("require_https") {
            if a.value.as_bool() == Some(false) {
                out.report(
                    a.span,
                    "authentication allows HTTP (auth_settings_v2.require_https = false)",
                );
            }
        }
    }
}
