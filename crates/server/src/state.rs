//! What every handler shares. `feed_changed` only wakes this instance's event streams early;
//! streams also poll the database, so an instance sees records written by another one.

use crate::db::Database;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub limiter: Arc<RateLimiter>,
    /// Sign-in attempts per organization + account name (slows password guessing).
    pub login_limiter: Arc<RateLimiter>,
    pub feed_changed: Arc<Notify>,
    /// Webhook notifications (sent in the background; never delays a request).
    pub notifier: crate::notify::Notifier,
    pub config: Arc<Limits>,
    /// The OpenID Connect provider sign-ins are accepted from (`--oidc-issuer`), if any.
    pub oidc: Option<Arc<crate::oidc::Verifier>>,
    /// Flips to true when the server is stopping: open event streams end, so the graceful
    /// shutdown does not wait on them forever.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub session_ttl_ms: i64,
    /// How often an event stream looks for records written by other instances.
    pub poll_interval_ms: u64,
}
