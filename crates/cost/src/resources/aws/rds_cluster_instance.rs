//! aws_rds_cluster_instance: Aurora instance hours by class and engine (serverless v2
//! instances pay ACU-hours from usage).

use super::db_instance::engine_family;
use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let Some(class) = r.str("instance_class") else {
        return Outcome::Unsupported("instance_class is unknown".into());
    };
    let engine = engine_family(r.str_or("engine", "aurora-mysql"));
    if class == "db.serverless" {
        let acu = cx.usage.f64("average_acu").map(|a| a * cx.hours());
        return Outcome::Priced(vec![cx.usage_based(
            "Aurora serverless v2",
            "ACU-hours",
            acu,
            key("rds", "serverless_v2", ""),
        )]);
    }
    let a = attrs(&[
        ("class", class),
        ("deployment", "single-az"),
        ("engine", engine),
    ]);
    Outcome::Priced(vec![cx.hourly(
        format!("Database instance (on-demand, {class})"),
        key("rds", "instance", &a),
        1.0,
    )])
}
