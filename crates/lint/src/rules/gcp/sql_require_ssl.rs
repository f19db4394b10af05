//! ORB-GCP-007: Cloud SQL instance does not require SSL.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(&META, &["google_sql_database_instance"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-007",
    title: "Cloud SQL instance does not require SSL",
    severity: Severity::High,
    doc: r#"Without SSL enforcement, clients can connect in clear text and credentials and data cross the
network unencrypted."#,
    fix_hint: "Set `ssl_mode = \"ENCRYPTED_ONLY\"` (or `require_ssl = true`) in ip_configuration.",
    checkov: &["CKV_GCP_6"],
    kics: &["02474449-71aa-40a1-87ae-e14497747b00"],
    tfsec: &["google-sql-encrypt-in-transit-data"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(settings) = r.body.block("settings") else {
        return;
    };
    if settings.dynamic {
        return;
    }
    let Some(ip) = settings.block("ip_configuration") else {
        out.report(settings.span, "no ip_configuration: SSL is not required");
        return;
    };
    let require = ip.value("require_ssl").and_then(Value::as_bool);
    let mode = ip.value("ssl_mode").and_then(Value::as_str);
    let unknown = ip.value("require_ssl").is_some_and(Value::is_unknown)
        || ip.value("ssl_mode").is_some_and(Value::is_unknown);
    let enforced = require == Some(true)
        || matches!(
            mode,
            Some("ENCRYPTED_ONLY") | Some("TRUSTED_CLIENT_CERTIFICATE_REQUIRED")
        );
    if !enforced && !unknown {
        let span = ip
            .attr("require_ssl")
            .or(ip.attr("ssl_mode"))
            .map(|a| a.span)
            .unwrap_or(ip.span);
        out.report(span, "SSL is not required for connections");
    }
}
