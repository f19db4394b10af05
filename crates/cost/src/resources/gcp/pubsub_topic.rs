//! google_pubsub_topic: message delivery volume from usage `monthly_message_data_tb`.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.usage_based(
        "Message ingestion data",
        "TiB",
        cx.usage.f64("monthly_message_data_tb"),
        key("pubsub", "throughput", ""),
    )])
}
