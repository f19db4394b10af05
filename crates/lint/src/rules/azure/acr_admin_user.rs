//! ORB-AZ-013: Container registry admin user is enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_container_registry"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-013",
    title: "Container registry admin user is enabled",
    severity: Severity::Medium,
    doc: r#"The registry admin account is a single shared username/password with push and pull rights on
every repository, usually copied into CI systems. Use managed identities or scoped tokens."#,
    fix_hint: "Set `admin_enabled = false` and use Entra ID identities or tokens.",
    checkov: &["CKV_AZURE_137"],
    kics: &["b897dfbf-322c-45a8-b67c-1e698beeaa51"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "admin_enabled",
        false,
        false,
        "registry admin user is enabled",
    );
}
