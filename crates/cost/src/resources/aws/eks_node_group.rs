//! aws_eks_node_group: EC2 instance hours for the desired size (usage `instances`
//! overrides), CPU credits of burstable types (usage `cpu_credit_hrs`), and each node's disk:
//! `disk_size` (20 GB gp2 by default) or, with a launch template of the same configuration,
//! its instance type and block device mappings.

use super::shared::{cpu_credits, ebs_volume, instance_hours, prefixed};
use crate::resources::{Ctx, Outcome};
use serde_json::Value;

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let scaling = r.blocks("scaling_config");
    let desired = scaling
        .first()
        .and_then(|s| s.get("desired_size"))
        .and_then(crate::input::number)
        .unwrap_or(1.0);
    let count = cx.usage.f64("instances").unwrap_or(desired);
    let template = r
        .known("__refs__.launch_template.id")
        .or_else(|| r.known("__refs__.launch_template.name"));
    let itype = r
        .known("instance_types")
        .and_then(|v| v.get(0))
        .and_then(Value::as_str)
        .or_else(|| {
            template
                .and_then(|t| t.get("instance_type"))
                .and_then(Value::as_str)
        });
    let itype = match (itype, r.blocks("launch_template").is_empty()) {
        (Some(t), _) => t,
        // EKS defaults to t3.medium when neither the node group nor a template names a type.
        (None, true) => "t3.medium",
        (None, false) if template.is_some() => "t3.medium",
        (None, false) => {
            return Outcome::Unsupported(
                "instance type comes from a launch template outside this configuration".into(),
            )
        }
    };
    let os = super::shared::operating_system(
        cx,
        if r.str("ami_type")
            .map(|a| a.starts_with("WINDOWS"))
            .unwrap_or(false)
        {
            "windows"
        } else {
            "linux"
        },
    );
    let mut comps = vec![instance_hours(cx, itype, os, "shared", count)];
    let credit = template.and_then(|t| {
        crate::input::blocks_of(t.get("credit_specification"))
            .first()
            .and_then(|c| c.get("cpu_credits"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    comps.extend(cpu_credits(cx, itype, credit.as_deref(), count));
    let mappings = template
        .map(|t| crate::input::blocks_of(t.get("block_device_mappings")))
        .unwrap_or_default();
    if mappings.is_empty() {
        let disk = r.f64("disk_size").unwrap_or(20.0);
        comps.extend(prefixed(
            "disk",
            ebs_volume(cx, "gp2", disk * count, None, None, None),
        ));
    }
    for (i, m) in mappings.iter().enumerate() {
        let Some(ebs) = crate::input::blocks_of(m.get("ebs")).first().copied() else {
            continue;
        };
        let vt = ebs
            .get("volume_type")
            .and_then(Value::as_str)
            .unwrap_or("gp2");
        let size = ebs
            .get("volume_size")
            .and_then(crate::input::number)
            .unwrap_or(8.0);
        let iops = ebs
            .get("iops")
            .and_then(crate::input::number)
            .map(|v| v * count);
        comps.extend(prefixed(
            &format!("block_device_mapping[{i}]"),
            ebs_volume(cx, vt, size * count, iops, None, None),
        ));
    }
    Outcome::Priced(comps)
}
