//! ORB-GCP-011: Instance accepts project-wide SSH keys.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_compute_instance",
        "google_compute_instance_template",
        "google_compute_instance_from_template",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-011",
    title: "Instance accepts project-wide SSH keys",
    severity: Severity::Medium,
    doc: r#"Project-wide SSH keys grant access to every instance of the project. A key leaked from one
user's laptop then opens all machines. Block them per instance or use OS Login."#,
    fix_hint: "Set `metadata = { block-project-ssh-keys = true }` or use OS Login.",
    checkov: &["CKV_GCP_32"],
    kics: &["3e4d5ce6-3280-4027-8010-c26eeea1ec01"],
    tfsec: &["google-compute-no-project-wide-ssh-keys"],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(md) = r.attr("metadata") else {
        out.report_object("project-wide SSH keys are not blocked", None);
        return;
    };
    match md.value.get("block-project-ssh-keys") {
        Some(v) if v.as_bool() == Some(true) => {}
        Some(v) if v.is_unknown() => {}
        Some(_) => out.report(md.span, "block-project-ssh-keys is not true"),
        None if md.value.is_unknown() => {}
        None => out.report(md.span, "metadata does not block project-wide SSH keys"),
    }
}
