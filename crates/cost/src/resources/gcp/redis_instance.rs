//! google_redis_instance (Memorystore): price per GB-month of the tier (basic/standard) and
//! capacity band M1–M5 the memory size falls into.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let tier = if r.str_or("tier", "BASIC") == "STANDARD_HA" {
        "standard"
    } else {
        "basic"
    };
    let gb = r.f64("memory_size_gb").unwrap_or(1.0);
    let band = match gb {
        g if g <= 4.0 => "M1",
        g if g <= 10.0 => "M2",
        g if g <= 35.0 => "M3",
        g if g <= 100.0 => "M4",
        _ => "M5",
    };
    let a = attrs(&[("band", band), ("tier", tier)]);
    Outcome::Priced(vec![cx.component(
        format!("Redis instance ({tier}, {band})"),
        "GB",
        Some(gb),
        key("memorystore", "redis", &a),
        false,
    )])
}
