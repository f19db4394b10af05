//! ORB-GCP-019: Instance runs as the default Compute Engine service account.

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
    id: "ORB-GCP-019",
    title: "Instance runs as the default Compute Engine service account",
    severity: Severity::Medium,
    doc: r#"The default Compute Engine service account has the project-wide Editor role in many projects:
any process on the VM (or anyone who compromises it) can then change almost every resource of
the project. Give each workload its own narrowly scoped service account."#,
    fix_hint: "Create a dedicated service account with only the roles the workload needs and set its email.",
    checkov: &["CKV_GCP_30"],
    kics: &["3cb4af0b-056d-4fb1-8b95-fdc4593625ff"],
    tfsec: &["google-compute-no-default-service-account"],
};

/// Only the default Compute Engine account (`NUMBER-compute@...`) lives in this domain.
fn is_default(email: &str) -> bool {
    email.is_empty() || email == "default" || email.ends_with("@developer.gserviceaccount.com")
}

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(sa) = r.body.block("service_account") else {
        // Instances created from a template inherit its service account.
        if r.rtype != "google_compute_instance_from_template" {
            out.report_object(
                "no service_account block: the default service account is used",
                None,
            );
        }
        return;
    };
    if sa.dynamic {
        return;
    }
    match sa.attr("email") {
        None => out.report(
            sa.span,
            "service_account has no email: the default service account is used",
        ),
        Some(a) => {
            if a.value.as_str().is_some_and(is_default) {
                out.report(a.span, "the default Compute Engine service account is used");
            }
        }
    }
}
