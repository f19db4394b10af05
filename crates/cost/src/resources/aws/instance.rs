//! aws_instance: instance hours (OS, tenancy), EBS-optimized surcharge for older types,
//! detailed monitoring, CPU credits of burstable types, root and attached EBS volumes.

use super::shared::{block_device, cpu_credits, instance_hours, prefixed};
use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(itype) = r.str("instance_type") else {
        return Outcome::Unsupported(
            "instance_type is unknown before apply (launch template or computed value)".into(),
        );
    };
    let tenancy = match r.str("tenancy") {
        Some("dedicated") => "dedicated",
        Some("host") => {
            return Outcome::Unsupported("host tenancy is billed on the aws_ec2_host".into())
        }
        _ => "shared",
    };
    // The AMI does not say which OS it runs; the usage file's `operating_system` does.
    let os = super::shared::operating_system(cx, "linux");
    let mut comps = vec![instance_hours(cx, itype, os, tenancy, 1.0)];
    if r.bool("ebs_optimized") == Some(true) {
        // Only some previous-generation types charge for EBS optimization; the catalog holds them.
        let a = attrs(&[("instance_type", itype)]);
        if cx.unit_price(key("ec2", "ebs_optimized", &a)).is_some() {
            comps.push(cx.hourly("EBS-optimized usage", key("ec2", "ebs_optimized", &a), 1.0));
        }
    }
    if r.bool("monitoring") == Some(true) {
        // Detailed monitoring publishes 7 metrics per instance.
        comps.push(cx.component(
            "EC2 detailed monitoring",
            "metrics",
            Some(7.0),
            key("cloudwatch", "metrics", ""),
            false,
        ));
    }
    let credit = r
        .blocks("credit_specification")
        .first()
        .and_then(|b| b.get("cpu_credits"))
        .and_then(|v| v.as_str());
    comps.extend(cpu_credits(cx, itype, credit, 1.0));
    let root = r.blocks("root_block_device");
    let default_root = serde_json::json!({});
    comps.extend(prefixed(
        "root_block_device",
        block_device(cx, root.first().copied().unwrap_or(&default_root), "gp2"),
    ));
    for (i, dev) in r.blocks("ebs_block_device").iter().enumerate() {
        comps.extend(prefixed(
            &format!("ebs_block_device[{i}]"),
            block_device(cx, dev, "gp2"),
        ));
    }
    Outcome::Priced(comps)
}
