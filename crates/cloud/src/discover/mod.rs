//! What is configured, from files and environment variables only: no network, no child
//! process, fast. Secret values (secret keys, tokens, refresh tokens, private keys) are never
//! read into the result; an AWS access key id is shown masked (`AKIA…WXYZ`).
//! A file that cannot be read or parsed becomes a note in `notes`, never an error.

pub mod aws;
pub mod azure;
pub mod gcp;
pub mod kube;

use crate::Context;
use serde::Serialize;
use std::path::Path;

pub use aws::{AwsDiscovery, AwsEnvCredentials, AwsProfile, AwsProfileKind, SsoSession};
pub use azure::{AzureDiscovery, AzureSubscription};
pub use gcp::{AdcFile, AdcKind, GcloudConfiguration, GcpDiscovery};
pub use kube::{KubeAuth, KubeContext, KubeDiscovery};

/// Everything discovered, per cloud.
#[derive(Debug, Clone, Serialize)]
pub struct Discovery {
    pub aws: AwsDiscovery,
    pub azure: AzureDiscovery,
    pub gcp: GcpDiscovery,
    pub kubernetes: KubeDiscovery,
}

/// Discovers every cloud's configuration.
pub fn discover(ctx: &Context) -> Discovery {
    Discovery {
        aws: aws::discover(ctx),
        azure: azure::discover(ctx),
        gcp: gcp::discover(ctx),
        kubernetes: kube::discover(ctx),
    }
}

/// Config files are small; anything bigger is not one (or is hostile) and is not read.
const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a config file: `Ok(None)` when it does not exist, `Err(note)` in plain words when it
/// exists but cannot be used.
pub(crate) fn read_config(path: &Path) -> Result<Option<String>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {}", path.display(), plain_io(&e))),
    };
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!(
            "{} is too large to be a configuration file ({} bytes)",
            path.display(),
            meta.len()
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) => Err(format!("cannot read {}: {}", path.display(), plain_io(&e))),
    }
}

pub(crate) fn plain_io(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied",
        std::io::ErrorKind::NotFound => "not found",
        _ => "read error",
    }
}

/// `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`; short values are fully hidden.
pub fn mask_key_id(id: &str) -> String {
    let id = id.trim();
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 12 {
        return "…".to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_key_ids() {
        assert_eq!(super::mask_key_id("AKIAIOSFODNN7EXAMPLE"), "AKIA…MPLE");
        assert_eq!(super::mask_key_id("short"), "…");
    }
}
