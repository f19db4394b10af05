//! aws_eks_node_group: EC2 instance hours for the desired size (usage `instances` overrides)
//! plus each node's root disk (20 GB gp2 unless `disk_size`).

use super::shared::{ebs_volume, instance_hours, prefixed};
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let scaling = r.blocks("scaling_config");
    let desired = scaling
        .first()
        .and_then(|s| s.get("desired_size"))
        .and_then(crate::input::number)
        .unwrap_or(1.0);
    let count = cx.usage.f64("instances").unwrap_or(desired);
    let itype = r
        .known("instance_types")
        .and_then(|v| v.get(0))
        .and_then(|v| v.as_str())
        .unwrap_or("t3.medium");
    if r.blocks("launch_template").first().is_some() && r.known("instance_types").is_none() {
        return Outcome::Unsupported(
            "instance type comes from a launch template that is not evaluated".into(),
        );
    }
    let os = if r
        .str("ami_type")
        .map(|a| a.starts_with("WINDOWS"))
        .unwrap_or(false)
    {
        "windows"
    } else {
        "linux"
    };
    let mut comps = vec![instance_hours(cx, itype, os, "shared", count)];
    let disk = r.f64("disk_size").unwrap_or(20.0);
    comps.extend(prefixed(
        "disk",
        ebs_volume(cx, "gp2", disk * count, None, None, None),
    ));
    Outcome::Priced(comps)
}
