//! ORB-GCP-009: KMS crypto key is not rotated within 90 days.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["google_kms_crypto_key"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-GCP-009",
    title: "KMS crypto key is not rotated within 90 days",
    severity: Severity::Medium,
    doc: r#"Regular rotation limits how much data one key version protects and how long a compromised
version stays useful. Without `rotation_period` keys never rotate.

A `rotation_period` that is not a duration in seconds (`"7776000s"`), e.g. `90`, is reported too:
the provider rejects it, so the key is not created or keeps its old rotation setting."#,
    fix_hint: "Set `rotation_period = \"7776000s\"` (90 days) or shorter.",
    checkov: &["CKV_GCP_43"],
    kics: &["d8c57c4e-bf6f-4e32-a2bf-8643532de77b"],
    tfsec: &["google-kms-rotate-kms-keys"],
};

const NINETY_DAYS: f64 = 7_776_000.0;

fn seconds(s: &str) -> Option<f64> {
    s.strip_suffix('s')?.parse().ok()
}

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // Only symmetric encryption keys rotate automatically.
    if r.str("purpose").is_some_and(|p| p != "ENCRYPT_DECRYPT") {
        return;
    }
    let fix = || {
        Some(fix_set(
            text_of(cx, r),
            &r.body,
            "rotation_period",
            "\"7776000s\"",
        ))
    };
    match r.attr("rotation_period") {
        None => out.report_object("crypto key has no rotation_period", fix()),
        Some(a) => {
            if a.value.contains_unknown() || a.value.is_null() {
                return;
            }
            match a.value.as_str().and_then(seconds) {
                Some(secs) if secs > NINETY_DAYS => {
                    out.report_fix(a.span, "rotation_period is longer than 90 days", fix())
                }
                Some(_) => {}
                None => out.report_fix(
                    a.span,
                    "rotation_period is not a duration in seconds (\"<n>s\"): the provider rejects it",
                    fix(),
                ),
            }
        }
    }
}
