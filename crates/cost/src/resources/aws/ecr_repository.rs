//! aws_ecr_repository: image storage from usage `storage_gb`.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.usage_based(
        "Storage",
        "GB",
        cx.usage.f64("storage_gb"),
        key("ecr", "storage", ""),
    )])
}
