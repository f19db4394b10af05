//! Single sign-on to the team server (issue 13: "Sign-in with any OIDC provider,
//! authorization code + PKCE from the desktop app through the system browser"). The flow is
//! in `oidc/` (the `team` feature); without it these answer `team_unavailable`.

use super::dto::TeamStatus;
use super::sso_dto::*;
use crate::error::AppError;
#[cfg(not(feature = "team"))]
use crate::error::ErrorCode;
use crate::session::Session;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the app waits for the browser to come back by default.
pub const DEFAULT_SSO_TIMEOUT: Duration = Duration::from_secs(300);

/// The sign-in going on (its cancel flag) and how long one may wait for the browser.
pub struct SsoState {
    pub(crate) cancel: Mutex<Option<Arc<AtomicBool>>>,
    pub(crate) timeout: Mutex<Duration>,
}

impl Default for SsoState {
    fn default() -> Self {
        Self {
            cancel: Mutex::new(None),
            timeout: Mutex::new(DEFAULT_SSO_TIMEOUT),
        }
    }
}

#[cfg(not(feature = "team"))]
fn unavailable() -> AppError {
    AppError::new(
        ErrorCode::TeamUnavailable,
        "This build of TerraOrbis cannot connect to a team server",
        "Use a release build of TerraOrbis (or build it with the `team` feature).",
    )
}

impl Session {
    /// Whether the server at `server_url` offers single sign-on (one request, bounded).
    pub fn team_sso_info(&self, server_url: &str) -> Result<TeamSsoInfo, AppError> {
        #[cfg(feature = "team")]
        return super::oidc::info(server_url);
        #[cfg(not(feature = "team"))]
        {
            let _ = server_url;
            Err(unavailable())
        }
    }

    /// Signs in through the server's OpenID Connect provider: opens the system browser
    /// (`$BROWSER` when set), waits for it to come back to a loopback port of this app (at
    /// most the SSO timeout, or until `team_cancel_sso`), exchanges the code with PKCE, and
    /// connects with the session the server gives for the ID token — kept in the OS
    /// keychain, as after a password sign-in.
    pub fn team_sign_in_sso(&self, request: &TeamSsoRequest) -> Result<TeamStatus, AppError> {
        #[cfg(feature = "team")]
        return super::oidc::sign_in(self, request);
        #[cfg(not(feature = "team"))]
        {
            let _ = request;
            Err(unavailable())
        }
    }

    /// Stops a single sign-on waiting for the browser (it ends with `team_sso_cancelled`).
    pub fn team_cancel_sso(&self) {
        let guard = self
            .team
            .sso
            .cancel
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(flag) = guard.as_ref() {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// How long a single sign-on waits for the browser (default 5 minutes; tests shorten it).
    pub fn set_team_sso_timeout(&self, timeout: Duration) {
        *self
            .team
            .sso
            .timeout
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = timeout;
    }
}
