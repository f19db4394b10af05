//! JSON over HTTPS with a bearer token, for the cloud APIs that have no SDK crate here (the
//! GKE container API, Azure Resource Manager). One hyper client over the rustls/ring stack the
//! AWS client already brings; answers are size-limited and time-limited; the token never
//! appears in a message.

use crate::error::{CloudError, ErrorCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);
/// A list of clusters is kilobytes; anything near this is not an answer we asked for.
const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Who is asked (for messages) and how a refusal is fixed.
pub(crate) struct Api<'a> {
    /// "the GKE API", "Azure Resource Manager".
    pub name: &'a str,
    /// The sign-in command that fixes an expired token (`gcloud auth application-default login`).
    pub sign_in: &'a str,
}

pub(crate) async fn get_json(
    api: &Api<'_>,
    url: &str,
    token: &SecretString,
) -> Result<serde_json::Value, CloudError> {
    send(api, hyper::Method::GET, url, token, None).await
}

pub(crate) async fn post_json(
    api: &Api<'_>,
    url: &str,
    token: &SecretString,
) -> Result<serde_json::Value, CloudError> {
    send(api, hyper::Method::POST, url, token, Some(Bytes::new())).await
}

async fn send(
    api: &Api<'_>,
    method: hyper::Method,
    url: &str,
    token: &SecretString,
    body: Option<Bytes>,
) -> Result<serde_json::Value, CloudError> {
    let name = api.name;
    let uri: hyper::Uri = url.parse().map_err(|_| {
        CloudError::new(
            ErrorCode::Service,
            format!("{name}: {url} is not a URL"),
            "Check the endpoint override in your environment.",
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
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let request = hyper::Request::builder()
        .method(method)
        .uri(uri)
        .header(
            hyper::header::AUTHORIZATION,
            format!("Bearer {}", token.expose_secret()),
        )
        .header(hyper::header::ACCEPT, "application/json")
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Full::new(body.unwrap_or_default()))
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Service,
                format!("Could not build the request to {name}: {e}"),
                "Try again.",
            )
        })?;
    let response = tokio::time::timeout(TIMEOUT, client.request(request))
        .await
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Timeout,
                format!("{name} did not answer in 30 s."),
                "Check the network connection (VPN, proxy), then try again.",
            )
        })?
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!("Could not reach {name}: {}", crate::aws::plain_chain(&e)),
                "Check the network connection (VPN, proxy), then try again.",
            )
        })?;
    let status = response.status().as_u16();
    let bytes = tokio::time::timeout(
        TIMEOUT,
        Limited::new(response.into_body(), MAX_BYTES).collect(),
    )
    .await
    .map_err(|_| {
        CloudError::new(
            ErrorCode::Timeout,
            format!("The answer of {name} did not arrive in 30 s."),
            "Try again.",
        )
    })?
    .map_err(|e| {
        CloudError::new(
            ErrorCode::Unreachable,
            format!("The answer of {name} was cut off: {e}"),
            "Try again.",
        )
    })?
    .to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    if (200..300).contains(&status) {
        if body.is_null() {
            return Err(CloudError::new(
                ErrorCode::Service,
                format!("{name} answered HTTP {status} with something that is not JSON."),
                "Check the endpoint override in your environment, then try again.",
            ));
        }
        return Ok(body);
    }
    let said = error_message(&body)
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    Err(match status {
        401 => CloudError::new(
            ErrorCode::Expired,
            format!("{name} did not accept the sign-in (HTTP 401){said}"),
            format!("Sign in again: `{}`", api.sign_in),
        ),
        403 => CloudError::new(
            ErrorCode::Denied,
            format!("{name} refused the request (HTTP 403){said}"),
            "Ask for read access to the project or subscription (for clusters: list and get them).",
        ),
        _ => CloudError::new(
            ErrorCode::Service,
            format!("{name} answered HTTP {status}{said}"),
            "Try again; if it persists, check the cloud's status page.",
        ),
    })
}

/// The message of a Google (`{"error":{"message"}}`) or Azure (`{"error":{"code","message"}}`)
/// error body.
fn error_message(body: &serde_json::Value) -> Option<String> {
    let e = body.get("error")?;
    let message = e.get("message").and_then(|m| m.as_str())?;
    let first = message.lines().next().unwrap_or(message).trim();
    let code = e.get("code").and_then(|c| c.as_str());
    Some(match code {
        Some(c) => format!("{c}: {first}"),
        None => first.to_string(),
    })
}
