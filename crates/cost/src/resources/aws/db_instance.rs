//! aws_db_instance: instance hours by class, engine and deployment (Single-/Multi-AZ),
//! storage by type (and provisioned IOPS), backup storage beyond the free amount from usage.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

/// Engines that share a price list (licence-included editions keep their own).
pub fn engine_family(engine: &str) -> &str {
    match engine {
        "mysql" | "mariadb" => "mysql",
        "postgres" => "postgres",
        "aurora" | "aurora-mysql" => "aurora-mysql",
        "aurora-postgresql" => "aurora-postgresql",
        other => other,
    }
}

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(class) = r.str("instance_class") else {
        return Outcome::Unsupported("instance_class is unknown".into());
    };
    let engine = engine_family(r.str_or("engine", "mysql"));
    let multi_az = r.bool("multi_az") == Some(true);
    let dep = if multi_az { "multi-az" } else { "single-az" };
    let dep_label = if multi_az { "Multi-AZ" } else { "Single-AZ" };
    let a = attrs(&[("class", class), ("deployment", dep), ("engine", engine)]);
    let mut comps = vec![cx.hourly(
        format!("Database instance (on-demand, {dep_label}, {class})"),
        key("rds", "instance", &a),
        1.0,
    )];
    if !engine.starts_with("aurora") {
        let storage_type = r.str_or(
            "storage_type",
            if r.f64("iops").is_some() {
                "io1"
            } else {
                "gp2"
            },
        );
        let size = r.f64("allocated_storage").unwrap_or(20.0);
        let label = match storage_type {
            "gp2" | "gp3" => format!("Storage (general purpose SSD, {storage_type})"),
            "io1" | "io2" => format!("Storage (provisioned IOPS SSD, {storage_type})"),
            _ => "Storage (magnetic)".to_string(),
        };
        let sa = attrs(&[("deployment", dep), ("volume_type", storage_type)]);
        comps.push(cx.component(label, "GB", Some(size), key("rds", "storage", &sa), false));
        if matches!(storage_type, "io1" | "io2") {
            comps.push(cx.component(
                "Provisioned IOPS",
                "IOPS",
                Some(r.f64("iops").unwrap_or(0.0)),
                key("rds", "iops", &sa),
                false,
            ));
        }
        comps.push(cx.usage_based(
            "Additional backup storage",
            "GB",
            cx.usage.f64("additional_backup_storage_gb"),
            key("rds", "backup", ""),
        ));
    }
    Outcome::Priced(comps)
}
