//! The `http` backend: one GET of `address` (Terraform's own protocol; LOCK/UNLOCK are never
//! sent, so the lock holder cannot be read without taking the lock). Basic auth with the
//! backend's `username` and a password the caller read from the environment or the keychain;
//! the password never appears in a message or a log.

use super::{RemoteFetch, MAX_BYTES};
use crate::error::{CloudError, ErrorCode};
use base64::Engine;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use orbis_state::HttpLocation;
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

pub async fn fetch_http(
    loc: &HttpLocation,
    password: Option<&SecretString>,
) -> Result<RemoteFetch, CloudError> {
    let shown = without_userinfo(&loc.address);
    let uri: hyper::Uri = loc.address.parse().map_err(|_| {
        CloudError::new(
            ErrorCode::Service,
            format!("The http backend's address is not a URL: {shown}"),
            "Fix `address` in the backend block (http:// or https://).",
        )
    })?;
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Service,
                format!("No trusted certificates could be loaded: {e}"),
                "Install the system's CA certificates (ca-certificates).",
            )
        })?
        .https_or_http()
        .enable_http1()
        .build();
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let mut req = hyper::Request::get(uri);
    if loc.username.is_some() || password.is_some() {
        let user = loc.username.as_deref().unwrap_or("");
        let pass = password.map(|p| p.expose_secret()).unwrap_or("");
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
        req = req.header(hyper::header::AUTHORIZATION, format!("Basic {token}"));
    }
    let req = req.body(Empty::new()).map_err(|e| {
        CloudError::new(
            ErrorCode::Service,
            format!("Could not build the request to {shown}: {e}"),
            "Fix `address` in the backend block.",
        )
    })?;
    let resp = tokio::time::timeout(TIMEOUT, client.request(req))
        .await
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Timeout,
                format!("The state server at {shown} did not answer in 20 s."),
                "Check the network connection (VPN, proxy) and press Refresh.",
            )
        })?
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!(
                    "Could not reach the state server at {shown}: {}",
                    crate::aws::plain_chain(&e)
                ),
                "Check `address` in the backend block and that the server is running.",
            )
        })?;
    let status = resp.status().as_u16();
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
    let body = tokio::time::timeout(
        TIMEOUT,
        Limited::new(resp.into_body(), MAX_BYTES as usize).collect(),
    )
    .await
    .map_err(|_| {
        CloudError::new(
            ErrorCode::Timeout,
            format!("The state download from {shown} did not finish in 20 s."),
            "Check the network connection and press Refresh.",
        )
    })?
    .map_err(|e| {
        CloudError::new(
            ErrorCode::Unreachable,
            format!("The state download from {shown} failed: {e}"),
            "Check the network connection and press Refresh.",
        )
    })?;
    Ok(RemoteFetch {
        source: shown,
        bytes: body.to_bytes().to_vec(),
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

/// The address without `user:password@`, for messages.
fn without_userinfo(address: &str) -> String {
    match (address.find("://"), address.find('@')) {
        (Some(scheme), Some(at)) if at > scheme && !address[scheme + 3..at].contains('/') => {
            format!("{}{}", &address[..scheme + 3], &address[at + 1..])
        }
        _ => address.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_info_is_dropped_from_shown_addresses() {
        assert_eq!(
            super::without_userinfo("https://u:p@h.example/s?x=1"),
            "https://h.example/s?x=1"
        );
        assert_eq!(super::without_userinfo("http://h/a@b"), "http://h/a@b");
    }
}
