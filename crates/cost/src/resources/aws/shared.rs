//! Pieces several AWS models share: EC2 instance hours (instances, node groups) and EBS
//! volumes (standalone, root and attached block devices).

use crate::catalog::attrs;
use crate::model::CostComponent;
use crate::resources::{key, Ctx};
use serde_json::Value;

/// `Instance usage (Linux/UNIX, on-demand, t3.medium)` for `count` instances, or the
/// reserved rate when the usage file describes a reservation (`reserved_instance_type`:
/// standard|convertible, `reserved_instance_term`: 1_year|3_year,
/// `reserved_instance_payment_option`: no_upfront|partial_upfront|all_upfront). Only the
/// hourly part of a reservation is a monthly cost: all-upfront is 0 per hour.
pub fn instance_hours(
    cx: &Ctx,
    instance_type: &str,
    os: &str,
    tenancy: &str,
    count: f64,
) -> CostComponent {
    let os_label = if os == "windows" {
        "Windows"
    } else {
        "Linux/UNIX"
    };
    let u = &cx.usage;
    if let (Some(class), Some(term), Some(payment)) = (
        u.str("reserved_instance_type"),
        u.str("reserved_instance_term"),
        u.str("reserved_instance_payment_option"),
    ) {
        let name = format!("Instance usage ({os_label}, reserved, {instance_type})");
        let a = attrs(&[
            ("class", class),
            ("instance_type", instance_type),
            ("os", os),
            ("payment", payment),
            ("tenancy", tenancy),
            ("term", term),
        ]);
        let mut c = cx.hourly(name, key("ec2", "instance_reserved", &a), count);
        if payment == "all_upfront" {
            c.unit_price = Some(0.0);
            c.monthly_cost = Some(0.0);
            c.note = Some("all-upfront reservation: the upfront fee is not a monthly cost".into());
        }
        return c;
    }
    let a = attrs(&[
        ("instance_type", instance_type),
        ("os", os),
        ("tenancy", tenancy),
    ]);
    cx.hourly(
        format!("Instance usage ({os_label}, on-demand, {instance_type})"),
        key("ec2", "instance", &a),
        count,
    )
}

/// Burstable (t2/t3/t3a/t4g) instances in `unlimited` mode (the default for t3/t3a/t4g) pay for
/// CPU credits used above the baseline: usage `monthly_cpu_credit_hrs` (per vCPU) ×
/// `vcpu_count` (the type's vCPUs by default) × `count` instances; without it the cost
/// depends on usage.
pub fn cpu_credits(
    cx: &Ctx,
    instance_type: &str,
    credit_spec: Option<&str>,
    count: f64,
) -> Option<CostComponent> {
    let family = instance_type.split('.').next().unwrap_or("");
    let unlimited_by_default = matches!(family, "t3" | "t3a" | "t4g");
    let unlimited = match credit_spec {
        Some(s) => s == "unlimited",
        None => unlimited_by_default,
    };
    if !unlimited || !family.starts_with('t') {
        return None;
    }
    let vcpus = cx
        .usage
        .f64("vcpu_count")
        .or_else(|| burstable_vcpus(instance_type));
    let hours = match (cx.usage.f64("monthly_cpu_credit_hrs"), vcpus) {
        (Some(h), Some(v)) => Some(h * v * count),
        _ => None,
    };
    let a = attrs(&[("family", family)]);
    Some(cx.usage_based(
        "CPU credits",
        "vCPU-hours",
        hours,
        key("ec2", "cpu_credits", &a),
    ))
}

/// vCPUs of burstable sizes (2 up to large, then 4 and 8).
fn burstable_vcpus(instance_type: &str) -> Option<f64> {
    match instance_type.split('.').nth(1)? {
        "nano" | "micro" | "small" | "medium" | "large" => Some(2.0),
        "xlarge" => Some(4.0),
        "2xlarge" => Some(8.0),
        _ => None,
    }
}

/// The operating system: the usage file's `operating_system` wins (AMIs do not say).
pub fn operating_system(cx: &Ctx, from_config: &str) -> &'static str {
    match cx.usage.str("operating_system").unwrap_or(from_config) {
        "windows" | "Windows" => "windows",
        _ => "linux",
    }
}

/// Storage (and IOPS/throughput) components of one EBS volume.
pub fn ebs_volume(
    cx: &Ctx,
    volume_type: &str,
    size_gb: f64,
    iops: Option<f64>,
    throughput: Option<f64>,
    io_requests: Option<f64>,
) -> Vec<CostComponent> {
    let label = match volume_type {
        "gp2" => "Storage (general purpose SSD, gp2)",
        "gp3" => "Storage (general purpose SSD, gp3)",
        "io1" => "Storage (provisioned IOPS SSD, io1)",
        "io2" => "Storage (provisioned IOPS SSD, io2)",
        "st1" => "Storage (throughput optimized HDD, st1)",
        "sc1" => "Storage (cold HDD, sc1)",
        _ => "Storage (magnetic)",
    };
    let vt = if label == "Storage (magnetic)" {
        "standard"
    } else {
        volume_type
    };
    let a = attrs(&[("volume_type", vt)]);
    let mut out = vec![cx.component(label, "GB", Some(size_gb), key("ebs", "storage", &a), false)];
    match vt {
        "io1" | "io2" => {
            out.push(cx.component(
                "Provisioned IOPS",
                "IOPS",
                Some(iops.unwrap_or(0.0)),
                key("ebs", "iops", &a),
                false,
            ));
        }
        "gp3" => {
            // gp3 includes 3,000 IOPS and 125 MB/s; only what is above is billed.
            if let Some(i) = iops.filter(|i| *i > 3000.0) {
                out.push(cx.component(
                    "Provisioned IOPS",
                    "IOPS",
                    Some(i - 3000.0),
                    key("ebs", "iops", &a),
                    false,
                ));
            }
            if let Some(t) = throughput.filter(|t| *t > 125.0) {
                out.push(cx.component(
                    "Provisioned throughput",
                    "Mbps",
                    Some(t - 125.0),
                    key("ebs", "throughput", &a),
                    false,
                ));
            }
        }
        "standard" => {
            out.push(cx.usage_based(
                "I/O requests",
                "1M request",
                io_requests.map(|r| r / 1e6),
                key("ebs", "io_requests", &a),
            ));
        }
        _ => {}
    }
    out
}

/// A block device (`root_block_device`, `ebs_block_device`) of an instance: gp2 8 GB unless set
/// (the size of most AMIs' root volume; an unknown size is reported via the note).
pub fn block_device(cx: &Ctx, dev: &Value, default_type: &str) -> Vec<CostComponent> {
    let vt = dev
        .get("volume_type")
        .and_then(Value::as_str)
        .unwrap_or(default_type);
    let size = dev
        .get("volume_size")
        .and_then(crate::input::number)
        .unwrap_or(8.0);
    let iops = dev.get("iops").and_then(crate::input::number);
    let thr = dev.get("throughput").and_then(crate::input::number);
    let mut comps = ebs_volume(cx, vt, size, iops, thr, None);
    if dev
        .get("volume_size")
        .and_then(crate::input::number)
        .is_none()
    {
        for c in comps.iter_mut().take(1) {
            c.note = Some("volume_size not set: priced as the 8 GB default root volume".into());
        }
    }
    comps
}

/// Prefixes component names with the sub-resource they belong to (`root_block_device: …`).
pub fn prefixed(prefix: &str, comps: Vec<CostComponent>) -> Vec<CostComponent> {
    comps
        .into_iter()
        .map(|mut c| {
            c.name = format!("{prefix}: {}", c.name);
            c
        })
        .collect()
}

/// Capacity set by an `aws_appautoscaling_target` of the same configuration whose
/// `scalable_dimension` ends with `dimension` (`WriteCapacityUnits`, `NodeGroups`…): the
/// target's usage `capacity`, else its `min_capacity`.
pub fn autoscaled_capacity(cx: &Ctx, dimension: &str) -> Option<f64> {
    let referrers = cx.r.known("__referrers__")?.as_array()?;
    let target = referrers.iter().find(|x| {
        x["type"] == "aws_appautoscaling_target"
            && x["values"]["scalable_dimension"]
                .as_str()
                .map(|d| d.ends_with(dimension))
                .unwrap_or(false)
    })?;
    let address = target["address"].as_str().unwrap_or("");
    cx.usage_file
        .for_resource(address, "aws_appautoscaling_target")
        .f64("capacity")
        .or_else(|| {
            target["values"]
                .get("min_capacity")
                .and_then(crate::input::number)
        })
}
