//! The `azurerm` backend: one Get Blob of the workspace's state blob with an Azure AD token
//! from the Azure CLI (storage scope), read only. Terraform locks by leasing that blob and
//! writes the lock record, base64 JSON, into its `terraformlockid` metadata; Get Blob returns
//! both (`x-ms-lease-state`, `x-ms-meta-terraformlockid`), so the lock holder costs no extra
//! call and no lease is ever taken.
//!
//! `ORBIS_AZURE_STORAGE_ENDPOINT_URL` replaces `https://ACCOUNT.blob.core.windows.net` with
//! `URL/ACCOUNT` (the path-style addressing of Azurite; tests use a loopback server).

use super::get::{encode, get, Answer};
use super::{RemoteFetch, RemoteLock};
use crate::error::{CloudError, ErrorCode};
use crate::tokens::{azure_token_for, AZ_LOGIN};
use crate::Context;
use base64::Engine;
use orbis_state::AzureLocation;
use secrecy::ExposeSecret;

pub const STORAGE_ENDPOINT_VAR: &str = "ORBIS_AZURE_STORAGE_ENDPOINT_URL";
const STORAGE_SCOPE: &str = "https://storage.azure.com/.default";
/// Blob service REST version (bearer tokens need 2017-11-09 or later).
const API_VERSION: &str = "2023-11-03";
const SERVICE: &str = "Azure Blob Storage";

/// The request URL of the state blob (the override's path-style form, or the cloud's host).
pub fn blob_url(ctx: &Context, loc: &AzureLocation) -> String {
    let base = match ctx.var(STORAGE_ENDPOINT_VAR).filter(|v| !v.is_empty()) {
        Some(o) => format!("{}/{}", o.trim_end_matches('/'), loc.storage_account),
        None => format!("https://{}.{}", loc.storage_account, loc.blob_host_suffix),
    };
    format!(
        "{base}/{}/{}",
        encode(&loc.container, false),
        encode(&loc.blob, true)
    )
}

/// Reads the state blob of `loc` and, when it is leased, the lock holder.
pub async fn fetch_azurerm(ctx: &Context, loc: &AzureLocation) -> Result<RemoteFetch, CloudError> {
    let token = azure_token_for(ctx, STORAGE_SCOPE).await?;
    let url = blob_url(ctx, loc);
    let answer = get(
        &url,
        &[
            (
                "authorization",
                format!("Bearer {}", token.expose_secret()),
            ),
            ("x-ms-version", API_VERSION.to_string()),
            ("x-ms-date", http_date()),
        ],
        SERVICE,
        &format!(
            "Check `storage_account_name` ({}) and the network connection (VPN, proxy, private endpoint).",
            loc.storage_account
        ),
    )
    .await?;
    let source = loc.url();
    match answer.status {
        200 | 206 => {}
        404 => return Err(not_found(loc, &answer)),
        401 => {
            return Err(CloudError::new(
                ErrorCode::Expired,
                format!(
                    "{SERVICE} did not accept the Azure sign-in reading {source} (HTTP 401{}).",
                    error_code(&answer)
                ),
                format!("Sign in again: `{AZ_LOGIN}` (the credential doctor, `orbis doctor`, checks it), then press Refresh."),
            ))
        }
        403 => {
            return Err(CloudError::new(
                ErrorCode::Denied,
                format!(
                    "{SERVICE} denied reading {source} (HTTP 403{}).",
                    error_code(&answer)
                ),
                format!(
                    "TerraOrbis reads with your Azure AD sign-in, which needs the \"Storage Blob Data Reader\" role on the storage account {} (an account key is not used); ask for it, or `{AZ_LOGIN}` with an account that has it.",
                    loc.storage_account
                ),
            ))
        }
        status => {
            return Err(CloudError::new(
                ErrorCode::Service,
                format!("{SERVICE} answered HTTP {status}{} for {source}.", error_code(&answer)),
                "Press Refresh; if it persists, check the storage account's status in the Azure portal.",
            ))
        }
    }
    // Terraform treats an empty blob as no state (it creates one when it locks a new workspace).
    if answer.body.is_empty() {
        return Err(empty(loc));
    }
    let mut locks = Vec::new();
    let leased = answer.header("x-ms-lease-state") == Some("leased")
        || answer.header("x-ms-lease-status") == Some("locked");
    if leased {
        locks.push(RemoteLock {
            kind: "azure_lease",
            info: lease_holder(answer.header("x-ms-meta-terraformlockid")),
        });
    }
    Ok(RemoteFetch {
        source,
        bytes: answer.body,
        locks,
        warnings: Vec::new(),
    })
}

/// The lock record of a leased blob; a lease without a readable record (taken by another
/// tool, or Terraform died between the lease and the metadata) is held by someone unknown.
fn lease_holder(meta: Option<&str>) -> orbis_state::LockInfo {
    meta.and_then(|m| {
        base64::engine::general_purpose::STANDARD
            .decode(m.trim())
            .ok()
    })
    .and_then(|bytes| orbis_state::parse_lock_info(&bytes).ok())
    .unwrap_or_else(|| super::unknown_holder("the blob is leased without a Terraform lock record"))
}

/// `, BlobNotFound` from the service's `x-ms-error-code` header.
fn error_code(answer: &Answer) -> String {
    answer
        .header("x-ms-error-code")
        .map(|c| format!(", {c}"))
        .unwrap_or_default()
}

fn not_found(loc: &AzureLocation, answer: &Answer) -> CloudError {
    match answer.header("x-ms-error-code") {
        Some("ContainerNotFound") => CloudError::new(
            ErrorCode::StateNotFound,
            format!(
                "The storage account {} has no container \"{}\".",
                loc.storage_account, loc.container
            ),
            "Check `container_name` in the backend block (`az storage container list --account-name ACCOUNT --auth-mode login` lists them).",
        ),
        _ => empty(loc),
    }
}

fn empty(loc: &AzureLocation) -> CloudError {
    super::no_state(&loc.url(), &loc.workspace, "key")
}

/// RFC 1123 date for `x-ms-date`.
fn http_date() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        ))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_record_is_decoded_and_a_bare_lease_is_unknown() {
        let record = r#"{"ID":"6b1e","Operation":"OperationTypeApply","Who":"ana@ci","Version":"1.11.4","Created":"2026-11-27T10:00:00Z","Path":"tfstate/app.tfstate","Info":""}"#;
        let meta = base64::engine::general_purpose::STANDARD.encode(record);
        let l = lease_holder(Some(&meta));
        assert_eq!((l.who.as_str(), l.id.as_str()), ("ana@ci", "6b1e"));
        assert!(lease_holder(None).who.contains("unknown"));
        assert!(lease_holder(Some("%%%")).who.contains("unknown"));
        assert!(http_date().ends_with(" GMT"));
    }
}
