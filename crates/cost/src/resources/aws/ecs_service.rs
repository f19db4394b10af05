//! aws_ecs_service on Fargate: vCPU and memory of the task definition × desired count.
//! The task size comes from the usage file (`task_cpu`, `task_memory_gb`) when the task
//! definition is not in the same document; EC2-launched services cost nothing here (their
//! instances are priced).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    // Fargate when the service says so, or its cluster (same configuration) has capacity
    // providers attached; otherwise tasks run on EC2 instances priced on their own.
    let cluster_providers = r
        .known("__refs__.cluster.capacity_providers")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter().any(|c| {
                c.as_str()
                    .map(|s| s.starts_with("FARGATE"))
                    .unwrap_or(false)
            })
        })
        .unwrap_or(false)
        || r.known("__refs__.cluster.__referenced_by__")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().any(|t| t == "aws_ecs_cluster_capacity_providers"))
            .unwrap_or(false);
    if r.str("launch_type") != Some("FARGATE")
        && r.blocks("capacity_provider_strategy").is_empty()
        && !cluster_providers
    {
        return Outcome::Free;
    }
    let tasks = r.f64("desired_count").unwrap_or(1.0);
    // Task CPU is in CPU units (1024 = 1 vCPU), memory in MiB; the usage file may give either.
    let vcpu = cx.usage.f64("task_cpu").or_else(|| {
        r.str("__refs__.task_definition.cpu")
            .and_then(|s| size(s, "vcpu"))
            .or_else(|| r.f64("__refs__.task_definition.cpu").map(|c| c / 1024.0))
    });
    let mem = cx.usage.f64("task_memory_gb").or_else(|| {
        r.str("__refs__.task_definition.memory")
            .and_then(|s| size(s, "gb"))
            .or_else(|| r.f64("__refs__.task_definition.memory").map(|m| m / 1024.0))
    });
    Outcome::Priced(vec![
        cx.usage_based(
            "Per vCPU per hour",
            "CPU",
            vcpu.map(|v| v * tasks),
            key("fargate", "vcpu_month", ""),
        ),
        cx.usage_based(
            "Per GB per hour",
            "GB",
            mem.map(|m| m * tasks),
            key("fargate", "gb_month", ""),
        ),
    ])
}

/// Task sizes are written either as CPU units / MiB (`"1024"`) or with a unit (`"1 vCPU"`,
/// `"2 GB"`); returns vCPUs or GB for the latter, `None` for plain numbers.
fn size(text: &str, unit: &str) -> Option<f64> {
    let lower = text.trim().to_ascii_lowercase();
    let number = lower.strip_suffix(unit)?.trim();
    number.parse().ok()
}
