//! aws_ebs_snapshot: snapshot storage (usage `monthly_list_block_requests` etc. are API extras).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    // The snapshot's size is its source volume's unless the usage file says otherwise.
    let size = cx
        .usage
        .f64("storage_gb")
        .or_else(|| cx.r.f64("volume_size"))
        .or_else(|| cx.r.f64("__refs__.volume_id.size"));
    Outcome::Priced(vec![
        cx.usage_based(
            "EBS snapshot storage",
            "GB",
            size,
            key("ebs", "snapshot", ""),
        ),
        cx.usage_based(
            "Fast snapshot restore",
            "DSU-hours",
            cx.usage.f64("fast_snapshot_restore_hours"),
            key("ebs", "fast_snapshot_restore", ""),
        ),
        cx.usage_based(
            "ListChangedBlocks & ListSnapshotBlocks API requests",
            "1k requests",
            cx.usage.f64("monthly_list_block_requests").map(|v| v / 1e3),
            key("ebs", "snapshot_api_list", ""),
        ),
        cx.usage_based(
            "GetSnapshotBlock API requests",
            "1k SnapshotAPIUnits",
            cx.usage.f64("monthly_get_block_requests").map(|v| v / 1e3),
            key("ebs", "snapshot_api_get", ""),
        ),
        cx.usage_based(
            "PutSnapshotBlock API requests",
            "1k SnapshotAPIUnits",
            cx.usage.f64("monthly_put_block_requests").map(|v| v / 1e3),
            key("ebs", "snapshot_api_put", ""),
        ),
    ])
}
