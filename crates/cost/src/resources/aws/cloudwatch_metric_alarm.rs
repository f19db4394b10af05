//! aws_cloudwatch_metric_alarm: per alarm metric, standard (≥ 60 s period) or high
//! resolution; metric-math alarms count each metric queried.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let queries = r.blocks("metric_query");
    let metrics: Vec<f64> = if queries.is_empty() {
        vec![r.f64("period").unwrap_or(60.0)]
    } else {
        queries
            .iter()
            .filter_map(|q| {
                q.get("metric")
                    .and_then(|m| m.as_array())
                    .and_then(|m| m.first())
                    .or_else(|| q.get("metric").filter(|m| m.is_object()))
            })
            .map(|m| {
                m.get("period")
                    .and_then(crate::input::number)
                    .unwrap_or(60.0)
            })
            .collect()
    };
    let high = metrics.iter().filter(|p| **p < 60.0).count() as f64;
    let std = metrics.len() as f64 - high;
    let mut comps = Vec::new();
    if std > 0.0 {
        comps.push(cx.component(
            "Standard resolution",
            "alarm metrics",
            Some(std),
            key("cloudwatch", "alarm", "resolution=standard"),
            false,
        ));
    }
    if high > 0.0 {
        comps.push(cx.component(
            "High resolution",
            "alarm metrics",
            Some(high),
            key("cloudwatch", "alarm", "resolution=high"),
            false,
        ));
    }
    Outcome::Priced(comps)
}
