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
    // The task definition: the service's own, or that of a task set (EXTERNAL deployments)
    // referring to the service.
    let own = r.known("__refs__.task_definition").cloned();
    let from_task_set = r
        .known("__referrers__")
        .and_then(|v| v.as_array())
        .and_then(|a| {
            a.iter()
                .filter(|x| x["type"] == "aws_ecs_task_set")
                .find_map(|x| {
                    crate::input::get_path(&x["values"], "__refs__.task_definition").cloned()
                })
        });
    let task_def = own.or(from_task_set).unwrap_or(serde_json::Value::Null);
    let field = |k: &str, unit: &str, per: f64| -> Option<f64> {
        let v = task_def.get(k)?;
        v.as_str()
            .and_then(|s| size(s, unit))
            .or_else(|| crate::input::number(v).map(|n| n / per))
    };
    // Task CPU is in CPU units (1024 = 1 vCPU), memory in MiB; the usage file may give either.
    let vcpu = cx
        .usage
        .f64("task_cpu")
        .or_else(|| field("cpu", "vcpu", 1024.0));
    let mem = cx
        .usage
        .f64("task_memory_gb")
        .or_else(|| field("memory", "gb", 1024.0));
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
