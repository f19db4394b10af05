//! ORB-AZ-009: SQL server public network access is enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["azurerm_mssql_server"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AZ-009",
    title: "SQL server public network access is enabled",
    severity: Severity::High,
    doc: r#"Public network access makes the logical SQL server reachable from the internet (subject to
firewall rules, which are easy to widen). Private endpoints keep it inside your networks."#,
    fix_hint: "Set `public_network_access_enabled = false` and use private endpoints.",
    checkov: &["CKV_AZURE_113"],
    kics: &["ade36cf4-329f-4830-a83d-9db72c800507"],
    tfsec: &[],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "public_network_access_enabled",
        false,
        true,
        "SQL server public network access is enabled",
    );
}
