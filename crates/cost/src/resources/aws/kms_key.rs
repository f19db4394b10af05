//! aws_kms_key / aws_kms_external_key: monthly fee per key, plus requests from usage.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let spec = cx.r.str_or("customer_master_key_spec", "SYMMETRIC_DEFAULT");
    let mut comps = vec![cx.monthly_fee("Customer master key", key("kms", "key", ""), 1.0)];
    if cx.r.resource_type == "aws_kms_key" {
        let kind = if spec == "SYMMETRIC_DEFAULT" || spec == "RSA_2048" {
            "symmetric"
        } else {
            "asymmetric"
        };
        let label = match spec {
            "SYMMETRIC_DEFAULT" => "Requests",
            "RSA_2048" => "Requests (RSA 2048)",
            _ => "Requests (asymmetric)",
        };
        comps.push(cx.usage_based(
            label,
            "10k requests",
            cx.usage.f64("monthly_requests").map(|v| v / 1e4),
            key("kms", "requests", &format!("type={kind}")),
        ));
    }
    Outcome::Priced(comps)
}
