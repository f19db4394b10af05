//! ORB-AWS-010: KMS key rotation is not enabled.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_kms_key"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-010",
    title: "KMS key rotation is not enabled",
    severity: Severity::Medium,
    doc: r#"Automatic rotation makes KMS create new key material every year while old ciphertexts stay
readable. Without it, a key that leaked or was used for years keeps protecting new data.
Asymmetric and HMAC keys cannot rotate and are not reported.

Keys of another spec (asymmetric, HMAC) cannot rotate automatically; they are not reported
for lacking rotation, but `enable_key_rotation = true` on them is: KMS rejects it (the apply
fails) and the configuration promises a rotation that never happens — rotate such keys by
creating a new key and moving the alias."#,
    fix_hint: "Set `enable_key_rotation = true`.",
    checkov: &["CKV_AWS_7"],
    kics: &["22fbfeac-7b5a-421a-8a27-7a2178bb910b"],
    tfsec: &["aws-kms-auto-rotate-keys"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // Only symmetric encryption keys support automatic rotation.
    if r.str("customer_master_key_spec")
        .is_some_and(|s| s != "SYMMETRIC_DEFAULT")
    {
        if let Some(a) = r.attr("enable_key_rotation") {
            if a.value.as_bool() == Some(true) {
                out.report(
                    a.span,
                    "automatic rotation is not supported for this key spec: KMS rejects it",
                );
            }
        }
        return;
    }
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "enable_key_rotation",
        true,
        false,
        "KMS key rotation is not enabled",
    );
}
