//! aws_ebs_volume: storage by volume type, provisioned IOPS/throughput, magnetic I/O requests.

use super::shared::ebs_volume;
use crate::resources::{Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let vt = r.str_or("type", "gp2");
    // AWS creates an 8 GB volume when only a snapshot is given; without either, size is required.
    let size = r.f64("size").unwrap_or(8.0);
    Outcome::Priced(ebs_volume(
        cx,
        vt,
        size,
        r.f64("iops"),
        r.f64("throughput"),
        cx.usage.f64("monthly_standard_io_requests"),
    ))
}
