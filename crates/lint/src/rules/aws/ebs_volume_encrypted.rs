//! ORB-AWS-011: EBS volume is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_ebs_volume"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-011",
    title: "EBS volume is not encrypted",
    severity: Severity::High,
    doc: r#"Unencrypted EBS volumes keep data, and every snapshot taken of them, in clear on AWS storage.
Encryption at rest costs nothing measurable and is required by most compliance frameworks."#,
    fix_hint: "Set `encrypted = true` (and preferably `kms_key_id`).",
    checkov: &["CKV_AWS_3"],
    kics: &["cc997676-481b-4e93-aa81-d19f8c5e9b12"],
    tfsec: &["aws-ebs-enable-volume-encryption"],
};

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // A volume restored from a snapshot inherits the snapshot's encryption: unknown statically.
    if r.value("snapshot_id").is_some() && r.attr("encrypted").is_none() {
        return;
    }
    expect_bool(
        r,
        &r.body,
        cx,
        out,
        "encrypted",
        true,
        false,
        "EBS volume is not encrypted",
    );
}
