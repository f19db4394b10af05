//! ORB-GCP-012: Instance serial port access is enabled.

use crate::finding::Severity;
use crate::model::{Resource, Value};
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_compute_instance",
        "google_compute_instance_template",
        "google_compute_project_metadata",
        "google_compute_project_metadata_item",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-012",
    title: "Instance serial port access is enabled",
    severity: Severity::Medium,
    doc: r#"The interactive serial console accepts connections from any IP address and bypasses firewall
rules. Keep it disabled except while debugging a broken boot."#,
    fix_hint: "Remove `serial-port-enable` from metadata or set it to false.",
    checkov: &["CKV_GCP_35"],
    kics: &["97fa667a-d05b-4f16-9071-58b939f34751"],
    tfsec: &["google-compute-no-serial-port"],
};

fn enabled(v: &Value) -> bool {
    v.as_bool() == Some(true) || v.as_str() == Some("1")
}

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    // Project-wide metadata item: `key = "serial-port-enable"`, `value = "TRUE"`.
    if r.rtype == "google_compute_project_metadata_item" {
        if r.str("key") == Some("serial-port-enable") {
            if let Some(a) = r.attr("value") {
                if enabled(&a.value) {
                    out.report(a.span, "serial-port-enable is on for the whole project");
                }
            }
        }
        return;
    }
    let Some(md) = r.attr("metadata") else { return };
    if let Some(v) = md.value.get("serial-port-enable") {
        if enabled(v) {
            out.report(md.span, "serial-port-enable is on");
        }
    }
}
