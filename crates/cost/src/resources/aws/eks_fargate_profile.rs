//! aws_eks_fargate_profile: pods' vCPU and memory, priced per vCPU-month and GB-month (usage
//! `monthly_average_pods`, `pod_vcpu`, `pod_memory_gb`; defaults: one pod of 1 vCPU, 1 GB).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let pods = cx.usage.f64("monthly_average_pods").unwrap_or(1.0);
    let vcpu = cx.usage.f64("pod_vcpu").unwrap_or(1.0);
    let mem = cx.usage.f64("pod_memory_gb").unwrap_or(1.0);
    let share = cx.hours() / crate::HOURS_PER_MONTH;
    Outcome::Priced(vec![
        cx.component(
            "Per vCPU per hour",
            "CPU",
            Some(pods * vcpu * share),
            key("fargate", "vcpu_month", ""),
            true,
        ),
        cx.component(
            "Per GB per hour",
            "GB",
            Some(pods * mem * share),
            key("fargate", "gb_month", ""),
            true,
        ),
    ])
}
