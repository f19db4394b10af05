//! The `http` backend: one GET of `address` (Terraform's own protocol; LOCK/UNLOCK are never
//! sent, so the lock holder cannot be read without taking the lock). Basic auth with the
//! backend's `username` and a password the caller read from the environment or the keychain;
//! the password never appears in a message or a log.

use super::get::{get, without_userinfo};
use super::RemoteFetch;
use crate::error::{CloudError, ErrorCode};
use base64::Engine;
use orbis_state::HttpLocation;
use secrecy::{ExposeSecret, SecretString};

pub async fn fetch_http(
    loc: &HttpLocation,
    password: Option<&SecretString>,
) -> Result<RemoteFetch, CloudError> {
    let shown = without_userinfo(&loc.address);
    let mut headers = Vec::new();
    if loc.username.is_some() || password.is_some() {
        let user = loc.username.as_deref().unwrap_or("");
        let pass = password.map(|p| p.expose_secret()).unwrap_or("");
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
        headers.push(("authorization", format!("Basic {token}")));
    }
    let answer = get(
        &loc.address,
        &headers,
        "The state server",
        "Check `address` in the backend block (http:// or https://) and that the server is running.",
    )
    .await?;
    let status = answer.status;
    match status {
        200 => {}
        204 | 404 => {
            return Err(CloudError::new(
                ErrorCode::StateNotFound,
                format!("The state server at {shown} has no state yet (HTTP {status})."),
                "Check `address`; `terraform apply` creates the state.",
            ))
        }
        401 | 403 => {
            return Err(CloudError::new(
                ErrorCode::Denied,
                format!("The state server at {shown} refused the request (HTTP {status})."),
                if password.is_some() {
                    "Check the user name and the password (TF_HTTP_PASSWORD or the workspace's run secret TF_HTTP_PASSWORD)."
                } else {
                    "Set the password as the workspace's run secret TF_HTTP_PASSWORD (Credentials view) or in TF_HTTP_PASSWORD."
                },
            ))
        }
        _ => {
            return Err(CloudError::new(
                ErrorCode::Service,
                format!("The state server at {shown} answered HTTP {status}."),
                "Check the server's logs, then press Refresh.",
            ))
        }
    }
    Ok(RemoteFetch {
        source: shown,
        bytes: answer.body,
        locks: Vec::new(),
        warnings: vec![
            "The HTTP backend cannot report a lock without taking it, so lock holders are not shown."
                .to_string(),
        ],
    })
}

/// `fetch_http` with the password Terraform itself would read: `TF_HTTP_PASSWORD`.
pub async fn fetch_http_env(
    ctx: &crate::Context,
    loc: &HttpLocation,
) -> Result<RemoteFetch, CloudError> {
    let password = ctx
        .var("TF_HTTP_PASSWORD")
        .filter(|p| !p.is_empty())
        .map(|p| SecretString::from(p.to_string()));
    fetch_http(loc, password.as_ref()).await
}
