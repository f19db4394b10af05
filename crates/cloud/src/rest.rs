//! JSON over HTTPS with a bearer token, for the management APIs that have no SDK crate here
//! (Azure Resource Graph and Resource Manager, Google Cloud Asset Inventory and the GKE API): hyper's client over the rustls/ring
//! stack already in the tree, a 30 s bound per request, answers capped at 64 MiB. The token is
//! only ever put in the Authorization header, never in a message.

use crate::error::{CloudError, ErrorCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);
const MAX_BYTES: usize = 64 << 20;

/// HTTPS (http for loopback stand-ins) over rustls/ring with the system's CA certificates, for
/// every hand-made hyper client of this crate.
pub(crate) fn https_connector() -> Result<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    CloudError,
> {
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
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
        .build())
}

/// Which cloud a call goes to, for messages and hints.
pub(crate) struct Api<'a> {
    /// "Azure Resource Graph", "Cloud Asset Inventory".
    pub name: &'a str,
    /// The command that signs in again (expired or refused token).
    pub sign_in: &'a str,
}

pub(crate) async fn call(
    api: &Api<'_>,
    method: hyper::Method,
    url: &str,
    token: &str,
    body: Option<&Value>,
) -> Result<Value, CloudError> {
    let uri: hyper::Uri = url.parse().map_err(|_| {
        CloudError::new(
            ErrorCode::Service,
            format!("{} endpoint is not a URL: {url}", api.name),
            "Fix the endpoint override in your environment (ORBIS_AZURE_ENDPOINT_URL, ORBIS_GCP_ENDPOINT_URL, CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER).",
        )
    })?;
    let connector = https_connector()?;
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let req = hyper::Request::builder()
        .method(method)
        .uri(uri)
        .header(hyper::header::AUTHORIZATION, format!("Bearer {token}"))
        .header(hyper::header::ACCEPT, "application/json")
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(payload)))
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Service,
                format!("Could not build the request to {}: {e}", api.name),
                "Check the endpoint.",
            )
        })?;
    let resp = tokio::time::timeout(TIMEOUT, client.request(req))
        .await
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Timeout,
                format!("{} did not answer in 30 s.", api.name),
                "Check the network connection (VPN, proxy), then try again.",
            )
        })?
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!(
                    "Could not reach {}: {}",
                    api.name,
                    crate::aws::plain_chain(&e)
                ),
                "Check the network connection (VPN, proxy), then try again.",
            )
        })?;
    let status = resp.status().as_u16();
    let bytes = tokio::time::timeout(TIMEOUT, Limited::new(resp.into_body(), MAX_BYTES).collect())
        .await
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Timeout,
                format!("{}'s answer did not arrive within 30 s.", api.name),
                "Scan again.",
            )
        })?
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!("{}'s answer was cut off or too large: {e}", api.name),
                "Scan again.",
            )
        })?
        .to_bytes();
    let doc: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if (200..300).contains(&status) {
        return if doc.is_object() {
            Ok(doc)
        } else {
            Err(CloudError::new(
                ErrorCode::Service,
                format!("{} answered HTTP {status} without a JSON object.", api.name),
                "Check the endpoint, then scan again.",
            ))
        };
    }
    Err(status_error(api, status, &doc))
}

/// Both clouds wrap errors as `{"error": {"code", "message"}}` (Google adds `status`).
fn status_error(api: &Api<'_>, status: u16, doc: &Value) -> CloudError {
    let e = &doc["error"];
    let code = e["status"]
        .as_str()
        .or(e["code"].as_str())
        .unwrap_or("")
        .to_string();
    let text = e["message"].as_str().unwrap_or("").trim().to_string();
    let detail = if code.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}, {code}")
    };
    match status {
        401 => CloudError::new(
            ErrorCode::Expired,
            format!("{} did not accept the sign-in ({detail}): {text}", api.name),
            format!("Sign in again: `{}`, then scan again.", api.sign_in),
        ),
        403 => CloudError::new(
            ErrorCode::Denied,
            format!("{} denied the request ({detail}): {text}", api.name),
            "Ask for read access (Reader on the subscription, Cloud Asset Viewer on the project), or scan another scope.",
        ),
        429 => CloudError::new(
            ErrorCode::Service,
            format!("{} throttled the scan ({detail}): {text}", api.name),
            "Wait a minute, then refresh this scope.",
        ),
        _ => CloudError::new(
            ErrorCode::Service,
            format!("{} answered with an error ({detail}): {text}", api.name),
            "Check the scope (subscription or project id), then scan again.",
        ),
    }
}
