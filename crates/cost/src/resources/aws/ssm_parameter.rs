//! aws_ssm_parameter: standard parameters are free; advanced ones pay storage per hour
//! (usage `parameter_storage_hrs`, default all month) and, with `api_throughput_limit:
//! advanced|higher`, API interactions (`monthly_api_interactions`).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    if cx.r.str_or("tier", "Standard") != "Advanced" {
        return Outcome::Free;
    }
    // Higher-throughput API interactions are billed only when that limit is enabled.
    let higher = matches!(
        cx.usage.str("api_throughput_limit"),
        Some("advanced" | "higher")
    );
    let interactions = if higher {
        cx.usage.f64("monthly_api_interactions").map(|v| v / 1e4)
    } else {
        None
    };
    let hours = cx.usage.f64("parameter_storage_hrs").unwrap_or(cx.hours());
    Outcome::Priced(vec![
        cx.component(
            "Parameter storage (advanced)",
            "hours",
            Some(hours),
            key("ssm", "advanced_parameter", ""),
            true,
        ),
        cx.usage_based(
            "API interactions (advanced)",
            "10k interactions",
            interactions,
            key("ssm", "api_interactions", ""),
        ),
    ])
}
