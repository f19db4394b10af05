//! `orbis drift --live aws`: scan the account now (orbis-cloud's inventory) instead of reading
//! a snapshot file. Only in builds with the `cloud` feature; the others say how to get one.

use orbis_drift::Inventory;
use std::path::Path;

type Failure = (String, String);

#[cfg(not(feature = "cloud"))]
pub fn scan(
    _cloud: &str,
    _profile: Option<&str>,
    _regions: &[String],
    _save: Option<&Path>,
) -> Result<Inventory, Failure> {
    Err((
        "[cli.no_cloud_support] this build of orbis has no cloud support".into(),
        "use a release build, or build it with `cargo build -p orbis-cli --features cloud`; \
         or pass --inventory FILE"
            .into(),
    ))
}

#[cfg(feature = "cloud")]
pub fn scan(
    cloud: &str,
    profile: Option<&str>,
    regions: &[String],
    save: Option<&Path>,
) -> Result<Inventory, Failure> {
    use orbis_cloud::inventory::{default_profile, scan_aws, AwsScanOptions};
    use orbis_cloud::Context;
    if cloud != "aws" {
        return Err((
            format!("[drift.usage] --live {cloud}: only aws can be scanned live so far"),
            "use --live aws, or pass an inventory snapshot with --inventory FILE".into(),
        ));
    }
    if let Some(p) = save.filter(|p| p.exists()) {
        return Err((
            format!("[drift.usage] {} already exists", p.display()),
            "name a new file for --save-inventory".into(),
        ));
    }
    let ctx = Context::from_process();
    let mut options = AwsScanOptions::new(
        profile
            .map(str::to_string)
            .unwrap_or_else(|| default_profile(&ctx)),
    );
    options.regions = regions.to_vec();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            (
                format!("cannot start the async runtime: {e}"),
                "try again".to_string(),
            )
        })?;
    let started = std::time::Instant::now();
    let inv = rt
        .block_on(scan_aws(&ctx, &options))
        .map_err(|e| (format!("[{}] {}", e.code, e.message), e.hint))?;
    rt.shutdown_timeout(std::time::Duration::from_millis(100));
    eprintln!(
        "scanned {} live resources in {} ms ({})",
        inv.resources.len(),
        started.elapsed().as_millis(),
        inv.source.as_deref().unwrap_or("aws")
    );
    if let Some(p) = save {
        let json = serde_json::to_string_pretty(&inv).unwrap_or_default();
        std::fs::write(p, json).map_err(|e| {
            (
                format!("[drift.io] cannot write {}: {e}", p.display()),
                "check the folder".to_string(),
            )
        })?;
    }
    Ok(inv)
}
