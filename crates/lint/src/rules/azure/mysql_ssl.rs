//! ORB-AZ-016: MySQL/PostgreSQL server does not enforce SSL.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(
    &META,
    &["azurerm_mysql_server", "azurerm_postgresql_server"],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-016",
    title: "MySQL/PostgreSQL server does not enforce SSL",
    severity: Severity::High,
    doc: r#"Without SSL enforcement, database clients may connect in clear text and send passwords and
query results over the network unencrypted."#,
    fix_hint: "Set `ssl_enforcement_enabled = true`.",
    checkov: &["CKV_AZURE_28", "CKV_AZURE_29"],
    kics: &["73e42469-3a86-4f39-ad78-098f325b4e9f"],
    tfsec: &["azure-database-enforce-ssl"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "ssl_enforcement_enabled",
        true,
        false,
        "SSL enforcement is disabled",
    );
}
