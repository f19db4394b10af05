//! aws_cloudwatch_metric_alarm: priced per alarm metric, standard (period ≥ 60 s) or high
//! resolution; metric-math alarms count each metric they query. An anomaly-detection alarm
//! (`ANOMALY_DETECTION_BAND`) counts 3 metrics per queried metric: the metric and the two
//! band bounds.

use crate::resources::{key, Ctx, Outcome};
use serde_json::Value;

fn period_of(metric: &Value) -> f64 {
    metric
        .get("period")
        .and_then(crate::input::number)
        .unwrap_or(60.0)
}

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let queries = r.blocks("metric_query");
    let metric_periods: Vec<f64> = if queries.is_empty() {
        vec![r.f64("period").unwrap_or(60.0)]
    } else {
        queries
            .iter()
            .flat_map(|q| crate::input::blocks_of(q.get("metric")))
            .map(period_of)
            .collect()
    };
    let anomaly = queries.iter().any(|q| {
        q.get("expression")
            .and_then(|e| e.as_str())
            .map(|e| e.contains("ANOMALY_DETECTION_BAND"))
            .unwrap_or(false)
    });
    let high = metric_periods.iter().filter(|p| **p < 60.0).count() as f64;
    let std = metric_periods.len() as f64 - high;
    let mut comps = Vec::new();
    for (count, resolution, label) in [
        (std, "standard", "Standard resolution"),
        (high, "high", "High resolution"),
    ] {
        if count == 0.0 {
            continue;
        }
        let k = key(
            "cloudwatch",
            "alarm",
            if resolution == "high" {
                "resolution=high"
            } else {
                "resolution=standard"
            },
        );
        if anomaly {
            comps.push(cx.component(
                format!("{label} anomaly detection"),
                "alarms",
                Some(3.0 * count),
                k,
                false,
            ));
        } else {
            comps.push(cx.component(label, "alarm metrics", Some(count), k, false));
        }
    }
    Outcome::Priced(comps)
}
