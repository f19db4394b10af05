//! The fetch behind `open_remote_state` (only with the `cloud` feature): orbis-cloud reads the
//! bytes and lock holders with the user's credentials, orbis-state parses and redacts them.

use super::detect::Detected;
use super::Target;
use crate::error::{AppError, ErrorCode};
use crate::state_explorer::{self, LoadedState, RemoteLockRow, RemoteStateSource, StateLock};
use orbis_cloud::remote_state::tfe::token_var;
use orbis_cloud::remote_state::{
    fetch_azurerm, fetch_gcs, fetch_http, fetch_s3, fetch_tfe, tfe_token, RemoteFetch,
};
use orbis_cloud::{Context, SecretStore};
use secrecy::SecretString;
use std::path::Path;
use std::time::Instant;

/// The HTTP backend's password: `TF_HTTP_PASSWORD` (as terraform reads it), else the
/// workspace's run secret of that name in the keychain. Never logged.
const PASSWORD_VAR: &str = "TF_HTTP_PASSWORD";

pub(super) fn load(
    root: &Path,
    secret_prefix: &str,
    found: &Detected,
    target: &Target,
) -> Result<LoadedState, AppError> {
    let started = Instant::now();
    let ctx = Context::from_process();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("Cannot start the download: {e}"),
                "Try again.",
            )
        })?;
    let fetched = match target {
        Target::S3(loc) => rt.block_on(fetch_s3(&ctx, loc)),
        Target::Http(loc) => {
            let password = password(&ctx, root, secret_prefix);
            rt.block_on(fetch_http(loc, password.as_ref()))
        }
        Target::Azure(loc) => rt.block_on(fetch_azurerm(&ctx, loc)),
        Target::Gcs(loc) => rt.block_on(fetch_gcs(&ctx, loc)),
        Target::Tfe(loc) => {
            // As terraform: TF_TOKEN_<host>, then `terraform login`'s file; then the
            // workspace's run secret of the same name in the keychain.
            let token = tfe_token(&ctx, &loc.hostname)
                .or_else(|| run_secret(root, secret_prefix, &token_var(&loc.hostname)));
            rt.block_on(fetch_tfe(&ctx, loc, token.as_ref()))
        }
    }
    .map_err(|e| {
        AppError::new(
            ErrorCode::RemoteStateFailed,
            format!("{} [{}]", e.message, e.code),
            e.hint,
        )
    })?;
    let RemoteFetch {
        source,
        bytes,
        locks,
        warnings,
    } = fetched;
    let state =
        orbis_state::read_bytes(&bytes, &source, None).map_err(state_explorer::state_error)?;
    let locks: Vec<RemoteLockRow> = locks
        .into_iter()
        .map(|l| RemoteLockRow {
            kind: l.kind.to_string(),
            lock: StateLock::from(l.info),
        })
        .collect();
    let remote = RemoteStateSource {
        backend: found.config.kind.clone(),
        url: source.clone(),
        workspace: found.workspace.clone(),
        locks: locks.clone(),
        warnings,
        fetched_at: now_rfc3339(),
    };
    Ok(state_explorer::from_state(
        state,
        &source,
        Some(root.to_path_buf()),
        locks.first().map(|l| l.lock.clone()),
        Some(remote),
        started,
    ))
}

fn password(ctx: &Context, root: &Path, prefix: &str) -> Option<SecretString> {
    if let Some(p) = ctx.var(PASSWORD_VAR).filter(|p| !p.is_empty()) {
        return Some(SecretString::from(p.to_string()));
    }
    // No keychain, or no such secret: the request goes without a password and a refusal
    // says where to put one.
    run_secret(root, prefix, PASSWORD_VAR)
}

/// The workspace's run secret `name` from the keychain, if there is a keychain and the secret.
fn run_secret(root: &Path, prefix: &str, name: &str) -> Option<SecretString> {
    SecretStore::open_service(&format!("{prefix}:{}", root.display()))
        .ok()?
        .get(name)
        .ok()
}

fn now_rfc3339() -> String {
    rfc3339(time::OffsetDateTime::now_utc().unix_timestamp())
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time.
fn rfc3339(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn unix_times_print_as_utc_dates() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_709_251_199), "2024-02-29T23:59:59Z");
    }
}
