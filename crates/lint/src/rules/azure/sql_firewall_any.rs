//! ORB-AZ-008: Database firewall rule allows every IP address.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "azurerm_sql_firewall_rule",
        "azurerm_mssql_firewall_rule",
        "azurerm_mysql_firewall_rule",
        "azurerm_mysql_flexible_server_firewall_rule",
        "azurerm_postgresql_firewall_rule",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_mariadb_firewall_rule",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-008",
    title: "Database firewall rule allows every IP address",
    severity: Severity::Critical,
    doc: r#"A firewall rule from 0.0.0.0 to 255.255.255.255 opens the database server to the whole
internet; only its password protects it then."#,
    fix_hint:
        "Restrict start_ip_address/end_ip_address to the client ranges that need the database.",
    checkov: &["CKV_AZURE_11"],
    kics: &["25c0ea09-f1c5-4380-b055-3b83863f2bb8"],
    tfsec: &["azure-database-no-public-firewall-access"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let start = r.str("start_ip_address");
    let end = r.str("end_ip_address");
    if start == Some("0.0.0.0") && end == Some("255.255.255.255") {
        out.report_object("firewall rule allows 0.0.0.0 - 255.255.255.255", None);
    }
}
