//! ORB-AWS-065: Instance or launch configuration block device is not encrypted.

use crate::finding::Severity;
use crate::model::Resource;
use crate::rule::{Ctx, FnRule, RuleMeta, Sink};
use crate::rules::util::*;

pub static RULE: FnRule = FnRule::new(&META, &["aws_instance", "aws_launch_configuration"], check);

static META: RuleMeta = RuleMeta {
    id: "ORB-AWS-065",
    title: "Instance or launch configuration block device is not encrypted",
    severity: Severity::High,
    doc: r#"Root and data volumes declared inline with an instance or launch configuration are unencrypted
unless `encrypted = true` (or account-level encryption by default is on). Their snapshots and
AMIs inherit that."#,
    fix_hint: "Set `encrypted = true` in root_block_device and ebs_block_device blocks (or enable EBS encryption by default).",
    checkov: &["CKV_AWS_8"],
    kics: &["4de9de27-254e-424f-bd70-4c1e95790838"],
    tfsec: &["aws-ec2-enable-at-rest-encryption", "aws-autoscaling-enable-at-rest-encryption"],
};

/// Account-level EBS encryption by default (declared in this configuration) encrypts volumes
/// that do not say anything themselves.
fn default_encryption_on(cx: &Ctx) -> bool {
    cx.resources_of("aws_ebs_encryption_by_default")
        .any(|e| e.bool("enabled") != Some(false))
}

fn check(r: &Resource, cx: &Ctx, out: &mut Sink) {
    // An instance without root_block_device gets an unencrypted root volume unless encryption
    // by default is on for the account. (Launch configurations are only checked on what they
    // declare: their volumes usually come from the AMI's own block device mapping.)
    if r.rtype == "aws_instance"
        && r.body.block("root_block_device").is_none()
        && !default_encryption_on(cx)
    {
        let known_absent = r
            .attr("root_block_device")
            .is_none_or(|a| a.value.as_list().is_some_and(|l| l.is_empty()));
        if known_absent {
            out.report_object(
                "root volume is not declared encrypted (no root_block_device)",
                None,
            );
        }
    }
    for b in r
        .body
        .blocks
        .iter()
        .filter(|b| b.kind == "root_block_device" || b.kind == "ebs_block_device")
    {
        if b.dynamic {
            continue;
        }
        // Volumes created from a snapshot inherit its encryption.
        if b.attr("snapshot_id").is_some() && b.attr("encrypted").is_none() {
            continue;
        }
        expect_bool_in(
            r,
            b,
            cx,
            out,
            "encrypted",
            &format!("{} is not encrypted", b.kind),
        );
    }
}

fn expect_bool_in(
    r: &Resource,
    b: &crate::model::Block,
    cx: &Ctx,
    out: &mut Sink,
    name: &str,
    msg: &str,
) {
    match b.attr(name) {
        None => out.report_fix(b.span, msg, Some(fix_set(text_of(cx, r), b, name, "true"))),
        Some(a) if a.value.as_bool() == Some(false) => {
            out.report_fix(a.span, msg, Some(fix_set(text_of(cx, r), b, name, "true")))
        }
        Some(_) => {}
    }
}
