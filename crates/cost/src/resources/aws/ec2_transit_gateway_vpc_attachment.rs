//! aws_ec2_transit_gateway_vpc_attachment: attachment hours plus data processed.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![
        cx.hourly(
            "Transit gateway attachment",
            key("transit_gateway", "attachment", ""),
            1.0,
        ),
        cx.usage_based(
            "Data processed",
            "GB",
            cx.usage.f64("monthly_data_processed_gb"),
            key("transit_gateway", "data", ""),
        ),
    ])
}
