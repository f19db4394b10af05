//! ORB-GCP-014: Basic role (owner/editor/viewer) granted on a project, folder or organization.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};

pub static RULE: FnRule = FnRule::new(
    &META,
    &[
        "google_project_iam_member",
        "google_project_iam_binding",
        "google_folder_iam_member",
        "google_folder_iam_binding",
        "google_organization_iam_member",
        "google_organization_iam_binding",
    ],
    check,
);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-014",
    title: "Basic role (owner/editor/viewer) granted on a project, folder or organization",
    severity: Severity::High,
    doc: r#"The basic roles predate IAM's fine-grained roles: `roles/editor` can change almost every resource,
`roles/owner` can also change IAM. They violate least privilege and make access reviews useless."#,
    fix_hint: "Grant predefined or custom roles scoped to the job instead of roles/owner, roles/editor or roles/viewer.",
    checkov: &["CKV_GCP_117", "CKV_GCP_116", "CKV_GCP_115"],
    kics: &[],
    tfsec: &[],
};

fn check(r: &Resource, _cx: &Ctx, out: &mut Sink) {
    let Some(a) = r.attr("role") else { return };
    if matches!(
        a.value.as_str(),
        Some("roles/owner") | Some("roles/editor") | Some("roles/viewer")
    ) {
        out.report(
            a.span,
            format!("basic role {} granted", a.value.as_str().unwrap_or("")),
        );
    }
}
