//! ORB-GCP-006: Cloud SQL instance is open to 0.0.0.0/0.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_sql_database_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-006",
    title: "Cloud SQL instance is open to 0.0.0.0/0",
    severity: Severity::Critical,
    doc: r#"An authorized network of `0.0.0.0/0` lets the whole internet reach the database on its public
IP; only the database password protects it."#,
    fix_hint:
        "Remove the 0.0.0.0/0 authorized network; use private IP or the Cloud SQL Auth Proxy.",
    checkov: &["CKV_GCP_11"],
    kics: &["b187edca-b81e-4fdc-aff4-aab57db45edb"],
    tfsec: &["google-sql-no-public-access"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(ip) = r.body.path(&["settings", "ip_configuration"]) else {
        return;
    };
    for n in ip.blocks("authorized_networks") {
        if let Some(a) = n.attr("value") {
            if a.value.as_str().is_some_and(is_open_cidr) {
                out.report(
                    a.span,
                    "authorized network 0.0.0.0/0 exposes the instance to the internet",
                );
            }
        }
    }
}
