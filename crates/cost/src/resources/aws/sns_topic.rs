//! aws_sns_topic: publish requests (each 64 KB chunk of `request_size_kb` counts as one; the
//! first million a month are free) and notifications per subscription protocol (usage
//! `<protocol>_subscriptions` × `monthly_requests`, minus each protocol's free tier). SMS
//! prices depend on the destination country: they are priced only with the usage file's
//! `sms_notification_price`. FIFO topics pay requests, payload, and per-subscription
//! notifications (subscriptions counted from the configuration).

use crate::resources::{key, Ctx, Outcome};

/// (label, unit, usage key, free notifications a month, notifications per unit, protocol)
const PROTOCOLS: &[(&str, &str, &str, f64, f64, &str)] = &[
    (
        "HTTP/HTTPS notifications (over 100k)",
        "100k notifications",
        "http_subscriptions",
        1e5,
        1e5,
        "http",
    ),
    (
        "Email/Email-JSON notifications (over 1k)",
        "100k notifications",
        "email_subscriptions",
        1e3,
        1e5,
        "email",
    ),
    (
        "Kinesis Firehose notifications",
        "1M notifications",
        "kinesis_subscriptions",
        0.0,
        1e6,
        "firehose",
    ),
    (
        "Mobile Push notifications",
        "1M notifications",
        "mobile_push_subscriptions",
        0.0,
        1e6,
        "mobile_push",
    ),
    (
        "MacOS notifications",
        "1M notifications",
        "macos_subscriptions",
        0.0,
        1e6,
        "macos",
    ),
];

pub fn cost(cx: &Ctx) -> Outcome {
    let u = &cx.usage;
    let chunks = (u.f64("request_size_kb").unwrap_or(64.0) / 64.0)
        .ceil()
        .max(1.0);
    let requests = u.f64("monthly_requests");
    if cx.r.bool("fifo_topic") == Some(true) {
        return fifo(cx, requests, u.f64("request_size_kb").unwrap_or(64.0));
    }
    let mut comps = vec![cx.usage_based(
        "API requests (over 1M)",
        "1M requests",
        requests.map(|v| ((v * chunks - 1e6).max(0.0)) / 1e6),
        key("sns", "requests", ""),
    )];
    for (label, unit, sub_key, free, scale, proto) in PROTOCOLS {
        let n = match (requests, u.f64(sub_key)) {
            (Some(req), Some(subs)) => Some(((req * subs) - free).max(0.0) / scale),
            _ => None,
        };
        comps.push(cx.usage_based(
            *label,
            unit,
            n,
            key("sns", "notifications", &format!("protocol={proto}")),
        ));
    }
    let sms = match (requests, u.f64("sms_subscriptions")) {
        (Some(req), Some(subs)) => Some(((req * subs) - 100.0).max(0.0) / 100.0),
        _ => None,
    };
    let mut c = cx.usage_based(
        "SMS notifications (over 100)",
        "100 notifications",
        sms,
        key("sns", "notifications", "protocol=sms"),
    );
    match u.f64("sms_notification_price") {
        Some(p) => {
            c.unit_price = Some(p * 100.0);
            c.monthly_cost = sms.map(|q| q * p * 100.0);
        }
        None if sms.is_some() => {
            c.monthly_cost = None;
            c.note = Some("SMS prices depend on the destination country: set sms_notification_price in the usage file".into());
        }
        None => {}
    }
    comps.push(c);
    Outcome::Priced(comps)
}

fn fifo(cx: &Ctx, requests: Option<f64>, size_kb: f64) -> Outcome {
    let subs =
        cx.r.known("__referenced_by__")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter(|t| *t == "aws_sns_topic_subscription")
                    .count()
            })
            .unwrap_or(0) as f64;
    let payload_gb = requests.map(|r| r * size_kb / 1e6);
    let mut comps = vec![
        cx.usage_based(
            "FIFO Publish API requests",
            "1M requests",
            requests.map(|v| v / 1e6),
            key("sns", "fifo_requests", ""),
        ),
        cx.usage_based(
            "FIFO Publish API payload",
            "GB",
            payload_gb,
            key("sns", "fifo_payload", ""),
        ),
    ];
    if subs > 0.0 {
        comps.push(cx.usage_based(
            "FIFO notifications",
            "1M notifications",
            requests.map(|v| v * subs / 1e6),
            key("sns", "fifo_notifications", ""),
        ));
        comps.push(cx.usage_based(
            "FIFO notification payload",
            "GB",
            payload_gb.map(|g| g * subs),
            key("sns", "fifo_notification_payload", ""),
        ));
    }
    Outcome::Priced(comps)
}
