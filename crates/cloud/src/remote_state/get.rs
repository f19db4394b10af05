//! One bounded HTTPS GET for the blob/object/API backends (azurerm, gcs, HCP Terraform): the
//! status, the headers and the body, capped at the state size limit. Callers map statuses to
//! their own errors; a token travels only in the headers they pass, never into a message.

use super::MAX_BYTES;
use crate::error::{CloudError, ErrorCode};
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::HeaderMap;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);

pub(super) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// GETs `url`; `service` names the peer in messages ("Azure Blob Storage"), `check` says what
/// to verify when it cannot be reached (the account name, the endpoint…).
pub(super) async fn get(
    url: &str,
    headers: &[(&str, String)],
    service: &str,
    check: &str,
) -> Result<Answer, CloudError> {
    let uri: hyper::Uri = url.parse().map_err(|_| {
        CloudError::new(
            ErrorCode::Service,
            format!("{service}: the address is not a URL: {}", shown(url)),
            check.to_string(),
        )
    })?;
    let connector = crate::rest::https_connector()?;
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let mut req = hyper::Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, v.as_str());
    }
    let req = req.body(Empty::new()).map_err(|e| {
        CloudError::new(
            ErrorCode::Service,
            format!("Could not build the request to {service}: {e}"),
            check.to_string(),
        )
    })?;
    let resp = tokio::time::timeout(TIMEOUT, client.request(req))
        .await
        .map_err(|_| {
            CloudError::new(
                ErrorCode::Timeout,
                format!("{service} did not answer in 30 s ({}).", shown(url)),
                "Check the network connection (VPN, proxy), then press Refresh.",
            )
        })?
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!(
                    "Could not reach {service} at {}: {}",
                    shown(url),
                    crate::aws::plain_chain(&e)
                ),
                format!("{check} Then press Refresh."),
            )
        })?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    if headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BYTES)
    {
        return Err(too_large(service));
    }
    let body = tokio::time::timeout(
        TIMEOUT,
        Limited::new(resp.into_body(), MAX_BYTES as usize).collect(),
    )
    .await
    .map_err(|_| {
        CloudError::new(
            ErrorCode::Timeout,
            format!("The download from {service} did not finish in 30 s."),
            "Check the network connection and press Refresh.",
        )
    })?
    .map_err(|e| {
        if e.downcast_ref::<http_body_util::LengthLimitError>()
            .is_some()
        {
            return too_large(service);
        }
        CloudError::new(
            ErrorCode::Unreachable,
            format!("The download from {service} was cut off: {e}"),
            "Check the network connection and press Refresh.",
        )
    })?
    .to_bytes()
    .to_vec();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

fn too_large(service: &str) -> CloudError {
    CloudError::new(
        ErrorCode::Service,
        format!(
            "The state in {service} is larger than {} MB.",
            MAX_BYTES >> 20
        ),
        "Read it with `terraform state pull > state.json` and open that file.",
    )
}

/// The URL without its query (signed download URLs carry credentials there).
/// `url` for messages: without its query (signed links carry credentials there) and without
/// `user:password@`.
fn shown(url: &str) -> String {
    without_userinfo(url.split('?').next().unwrap_or(url))
}

/// The address without `user:password@`, for messages.
pub(super) fn without_userinfo(address: &str) -> String {
    match (address.find("://"), address.find('@')) {
        (Some(scheme), Some(at)) if at > scheme && !address[scheme + 3..at].contains('/') => {
            format!("{}{}", &address[..scheme + 3], &address[at + 1..])
        }
        _ => address.to_string(),
    }
}

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slash`): object and
/// blob names go into a path segment.
pub(super) fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        let plain = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/');
        if plain {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_percent_encoded_for_paths() {
        assert_eq!(
            super::encode("app/x.tfstateenv:prod", true),
            "app/x.tfstateenv%3Aprod"
        );
        assert_eq!(super::encode("a b/c.tfstate", false), "a%20b%2Fc.tfstate");
        assert_eq!(super::shown("https://h/p?sig=abc"), "https://h/p");
        assert_eq!(
            super::shown("https://u:p@h.example/s?x=1"),
            "https://h.example/s"
        );
        assert_eq!(super::without_userinfo("http://h/a@b"), "http://h/a@b");
    }
}
