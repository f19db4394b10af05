//! ORB-GCP-017: GKE legacy ABAC authorization is enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_container_cluster"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-017",
    title: "GKE legacy ABAC authorization is enabled",
    severity: Severity::High,
    doc: r#"Legacy ABAC grants broad, static permissions that RBAC cannot restrict. It is disabled by
default and should stay so."#,
    fix_hint: "Remove `enable_legacy_abac = true`.",
    checkov: &["CKV_GCP_7"],
    kics: &["5baa92d2-d8ee-4c75-88a4-52d9d8bb8067"],
    tfsec: &["google-gke-no-legacy-authorization"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enable_legacy_abac",
        false,
        false,
        "legacy ABAC is enabled",
    );
}
