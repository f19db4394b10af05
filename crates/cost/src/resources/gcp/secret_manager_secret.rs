//! google_secret_manager_secret: active secret versions × replica locations, access
//! operations and rotation notifications, from usage (`active_secret_versions`,
//! `monthly_access_operations`, `monthly_rotation_notifications`).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    // User-managed replication stores each version in every listed location.
    let replicas = r
        .blocks("replication")
        .first()
        .and_then(|rep| rep.get("user_managed"))
        .map(|um| {
            crate::input::blocks_of(Some(um))
                .iter()
                .map(|b| crate::input::blocks_of(b.get("replicas")).len())
                .sum::<usize>()
        })
        .filter(|n| *n > 0)
        .unwrap_or(1) as f64;
    let u = &cx.usage;
    Outcome::Priced(vec![
        cx.usage_based(
            "Active secret versions",
            "versions",
            u.f64("active_secret_versions").map(|v| v * replicas),
            key("secret_manager", "versions", ""),
        ),
        cx.usage_based(
            "Access operations",
            "10K requests",
            u.f64("monthly_access_operations").map(|v| v / 1e4),
            key("secret_manager", "access", ""),
        ),
        cx.usage_based(
            "Rotation notifications",
            "rotations",
            u.f64("monthly_rotation_notifications"),
            key("secret_manager", "rotations", ""),
        ),
    ])
}
