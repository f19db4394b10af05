//! `orbis drift --live aws`: scan the account now (orbis-cloud's inventory) instead of reading
//! a snapshot file. Only in builds with the `cloud` feature; the others say how to get one.

use orbis_drift::Inventory;
use std::path::Path;

type Failure = (String, String);

/// Where `orbis inventory --cloud` looks: AWS profile/regions, Azure subscriptions, Google
/// Cloud projects (each empty = what the cloud's own CLI would use).
#[derive(Default)]
#[cfg_attr(not(feature = "cloud"), allow(dead_code))]
pub struct Scopes<'a> {
    pub profile: Option<&'a str>,
    pub regions: &'a [String],
    pub subscriptions: &'a [String],
    pub projects: &'a [String],
}

#[cfg(not(feature = "cloud"))]
pub fn scan_clouds(
    _cloud: &str,
    _scopes: &Scopes<'_>,
    _save: Option<&Path>,
) -> Result<Inventory, Failure> {
    scan("aws", None, &[], None)
}

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

/// `aws`, `azure`, `gcp` or `all` (every cloud; one whose sign-in fails is reported on stderr
/// and left out, the others are listed; all failing is an error).
#[cfg(feature = "cloud")]
pub fn scan_clouds(
    cloud: &str,
    scopes: &Scopes<'_>,
    save: Option<&Path>,
) -> Result<Inventory, Failure> {
    use orbis_cloud::inventory::azure::{scan_azure, AzureScanOptions};
    use orbis_cloud::inventory::gcp::{scan_gcp, GcpScanOptions};
    use orbis_cloud::Context;
    let clouds: &[&str] = match cloud {
        "aws" => &["aws"],
        "azure" => &["azure"],
        "gcp" => &["gcp"],
        "all" => &["aws", "azure", "gcp"],
        other => {
            return Err((
                format!("[inventory.usage] unknown cloud {other:?}"),
                "use --cloud aws, azure, gcp or all".into(),
            ))
        }
    };
    if let Some(p) = save.filter(|p| p.exists()) {
        return Err((
            format!("[inventory.usage] {} already exists", p.display()),
            "name a new file for --save".into(),
        ));
    }
    let ctx = Context::from_process();
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
    let mut merged: Option<Inventory> = None;
    let mut failures = Vec::new();
    for c in clouds {
        let started = std::time::Instant::now();
        let got = match *c {
            "aws" => {
                let mut o = orbis_cloud::inventory::AwsScanOptions::new(
                    scopes
                        .profile
                        .map(str::to_string)
                        .unwrap_or_else(|| orbis_cloud::inventory::default_profile(&ctx)),
                );
                o.regions = scopes.regions.to_vec();
                rt.block_on(orbis_cloud::inventory::scan_aws(&ctx, &o))
            }
            "azure" => {
                let o = AzureScanOptions {
                    subscriptions: scopes.subscriptions.to_vec(),
                    ..Default::default()
                };
                rt.block_on(scan_azure(&ctx, &o))
            }
            _ => {
                let o = GcpScanOptions {
                    projects: scopes.projects.to_vec(),
                    ..Default::default()
                };
                rt.block_on(scan_gcp(&ctx, &o))
            }
        };
        match got {
            Ok(inv) => {
                eprintln!(
                    "scanned {} live resources in {} ms ({})",
                    inv.resources.len(),
                    started.elapsed().as_millis(),
                    inv.source.as_deref().unwrap_or(c)
                );
                merged = Some(match merged.take() {
                    None => inv,
                    Some(mut m) => {
                        m.source = Some(format!(
                            "{} + {}",
                            m.source.unwrap_or_default(),
                            inv.source.unwrap_or_default()
                        ));
                        m.scanned_types.extend(inv.scanned_types);
                        m.resources.extend(inv.resources);
                        m.scan_errors.extend(inv.scan_errors);
                        m
                    }
                });
            }
            Err(e) if clouds.len() > 1 => {
                eprintln!("{c}: not scanned: [{}] {} ({})", e.code, e.message, e.hint);
                failures.push((e.code.to_string(), e.message, e.hint));
            }
            Err(e) => return Err((format!("[{}] {}", e.code, e.message), e.hint)),
        }
    }
    rt.shutdown_timeout(std::time::Duration::from_millis(100));
    let Some(inv) = merged else {
        let (code, message, hint) = failures.remove(0);
        return Err((format!("[{code}] {message}"), hint));
    };
    if let Some(p) = save {
        let json = serde_json::to_string_pretty(&inv).unwrap_or_default();
        std::fs::write(p, json).map_err(|e| {
            (
                format!("[inventory.io] cannot write {}: {e}", p.display()),
                "check the folder".to_string(),
            )
        })?;
    }
    Ok(inv)
}
