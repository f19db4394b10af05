//! Secret values, only on the user's explicit request (the UI's "reveal"): one key of one
//! Secret, read fresh from the API server, never cached in a store, never logged. Watched
//! Secrets carry keys only (see `watch::kinds`).

use crate::connect::Connection;
use crate::error::{ClusterError, ErrorCode};
use k8s_openapi::api::core::v1::Secret;
use kube::Api;
use std::fmt;
use zeroize::Zeroize;

/// A revealed value: `Debug` never prints it, and its bytes are wiped when dropped.
pub struct RevealedValue(Vec<u8>);

impl RevealedValue {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value as text when it is UTF-8 (most are); binary values are shown otherwise.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl fmt::Debug for RevealedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RevealedValue(<{} bytes redacted>)", self.0.len())
    }
}

impl Drop for RevealedValue {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

pub async fn reveal_secret_value(
    conn: &Connection,
    namespace: &str,
    name: &str,
    key: &str,
) -> Result<RevealedValue, ClusterError> {
    let api: Api<Secret> = Api::namespaced(conn.client.clone(), namespace);
    let mut secret = api.get(name).await.map_err(|e| conn.error(&e))?;
    let mut data = secret.data.take().unwrap_or_default();
    match data.remove(key) {
        Some(value) => {
            for v in data.values_mut() {
                v.0.zeroize();
            }
            Ok(RevealedValue(value.0))
        }
        None => {
            let keys: Vec<&str> = data.keys().map(String::as_str).collect();
            let err = ClusterError::new(
                ErrorCode::Api,
                format!("The Secret {namespace}/{name} has no key \"{key}\"."),
                format!("Pick one of its keys: {}.", keys.join(", ")),
            )
            .in_context(&conn.context);
            for v in data.values_mut() {
                v.0.zeroize();
            }
            Err(err)
        }
    }
}
