//! Single sign-on, the desktop's part (the `team` feature): the server names its OpenID
//! Connect provider (`GET /v1/auth/oidc`); the app reads the provider's discovery document,
//! makes a PKCE verifier, a state and a nonce (`pkce.rs`), listens on a loopback port for
//! the redirect (`loopback.rs`), opens the system browser at the authorization endpoint
//! (`browser.rs`), exchanges the code it gets back for the ID token at the token endpoint
//! (with the verifier), and gives that token to the server (`POST /v1/sessions/oidc`) for a
//! session, which is kept and used like a password sign-in's (`imp::finish_sign_in`).
//!
//! The code, verifier, ID token and session token are never logged; the session token goes
//! only to the OS keychain. Without a keychain, nothing is started.

mod browser;
mod loopback;
mod pkce;

use super::dto::TeamStatus;
use super::imp::{
    client_error, finish_sign_in, invalid, keychain, normalize_url, runtime, team, REQUEST_TIMEOUT,
};
use super::sso_dto::{TeamSsoInfo, TeamSsoRequest};
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use loopback::{Loopback, WaitError};
use orbis_sync::oidc::{
    authorization_url, clean, discover, exchange_code, provider_client, OidcLoginRequest,
};
use orbis_sync::{ClientError, SyncClient};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;

pub(crate) fn info(server_url: &str) -> Result<TeamSsoInfo, AppError> {
    let server = normalize_url(server_url)?;
    let rt = runtime()?;
    let client = SyncClient::with_timeout(&server, "", REQUEST_TIMEOUT);
    let config = rt
        .block_on(client.oidc_config())
        .map_err(|e| client_error(e, &server))?;
    Ok(TeamSsoInfo {
        available: config.is_some(),
        issuer: config.map(|c| c.issuer),
    })
}

fn failed(message: impl Into<String>, hint: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::TeamSsoFailed, message, hint)
}

/// A failure talking to the provider, in plain words.
fn provider_error(e: ClientError, issuer: &str) -> AppError {
    match e {
        ClientError::Transport(cause) => AppError::new(
            ErrorCode::TeamUnreachable,
            format!("The identity provider at {issuer} cannot be reached ({cause})"),
            "Check that this computer is online and can reach it, then sign in again.",
        ),
        ClientError::Api { body, .. } => failed(format!("{}.", capitalize(&body.message)), {
            let mut hint = capitalize(&body.hint);
            hint.push('.');
            hint
        }),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The server's refusal of the ID token, in plain words.
fn server_refusal(e: ClientError, server: &str) -> AppError {
    match e {
        ClientError::Api { status, body } if body.code.starts_with("oidc.") => {
            let code = match status {
                400 => ErrorCode::TeamInvalid,
                403 => ErrorCode::TeamRefused,
                502 => ErrorCode::TeamUnreachable,
                _ => ErrorCode::TeamSsoFailed,
            };
            AppError::new(
                code,
                format!(
                    "The team server did not sign you in: {} ({})",
                    body.message, body.code
                ),
                capitalize(&body.hint),
            )
        }
        e => client_error(e, server),
    }
}

fn wait_error(e: WaitError, issuer: &str, timeout_s: u64) -> AppError {
    match e {
        WaitError::Cancelled => AppError::new(
            ErrorCode::TeamSsoCancelled,
            "The single sign-on was cancelled",
            "Sign in again when you are ready.",
        ),
        WaitError::TimedOut => failed(
            format!("The browser did not come back from the sign-in within {timeout_s} s"),
            format!(
                "Finish the sign-in at {issuer} in the browser window TerraOrbis opened, or \
                 try again (if no browser opened, set the BROWSER environment variable)."
            ),
        ),
        WaitError::Provider(error, description) => {
            let declined = error == "access_denied";
            failed(
                format!(
                    "The identity provider did not sign you in: {}{}",
                    clean(&error),
                    description
                        .map(|d| format!(" ({})", clean(&d)))
                        .unwrap_or_default()
                ),
                if declined {
                    "Sign in again and allow TerraOrbis when the provider asks.".to_string()
                } else {
                    "Try again; if it keeps failing, your admin should check TerraOrbis's client \
                     at the provider (public client, redirect http://127.0.0.1/callback)."
                        .to_string()
                },
            )
        }
        WaitError::StateMismatch => failed(
            "The browser came back from a sign-in TerraOrbis did not start (state mismatch)",
            "Sign in again from TerraOrbis, and use only the page it opens.",
        ),
        WaitError::NoCode => failed(
            "The identity provider came back without a sign-in code",
            "Try again; if it keeps failing, your admin should check the provider's client.",
        ),
        WaitError::Io(cause) => failed(
            format!("The sign-in could not wait for the browser ({cause})"),
            "Try again.",
        ),
    }
}

/// The sign-in going on: registered as the session's cancel handle (one at a time), and
/// removed when it ends, however it ends.
struct Running<'a> {
    session: &'a Session,
    cancel: Arc<AtomicBool>,
}

impl<'a> Running<'a> {
    fn start(session: &'a Session) -> Result<Self, AppError> {
        let mut slot = session
            .team
            .sso
            .cancel
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if slot.is_some() {
            return Err(invalid(
                "A single sign-on is already waiting for the browser",
                "Finish it in the browser, or press Cancel and start again.",
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *slot = Some(cancel.clone());
        Ok(Self { session, cancel })
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let mut slot = self
            .session
            .team
            .sso
            .cancel
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|c| Arc::ptr_eq(c, &self.cancel)) {
            *slot = None;
        }
    }
}

pub(crate) fn sign_in(session: &Session, request: &TeamSsoRequest) -> Result<TeamStatus, AppError> {
    let server = normalize_url(&request.server_url)?;
    // Registered first: a Cancel pressed while the keychain, the server and the provider are
    // still being asked (seconds, on a slow machine) must not be lost.
    let running = Running::start(session)?;
    let stop_if_cancelled = || {
        if running.cancel.load(std::sync::atomic::Ordering::SeqCst) {
            Err(wait_error(WaitError::Cancelled, "", 0))
        } else {
            Ok(())
        }
    };
    // No keychain: refuse before anything starts, so no session is made that cannot be kept.
    let keys = keychain(&team(session).shared.service())?;
    let rt = runtime()?;
    let anonymous = SyncClient::with_timeout(&server, "", REQUEST_TIMEOUT);
    let config = rt
        .block_on(anonymous.oidc_config())
        .map_err(|e| client_error(e, &server))?
        .ok_or_else(|| {
            invalid(
                &format!("The team server at {server} does not offer single sign-on"),
                "Sign in with the account and password your admin gave you.",
            )
        })?;
    stop_if_cancelled()?;
    let http = provider_client(REQUEST_TIMEOUT);
    let provider = rt
        .block_on(discover(&http, &config.issuer))
        .map_err(|e| provider_error(e, &config.issuer))?;
    let secrets = pkce::Secrets::new().map_err(|e| {
        failed(
            format!("No random numbers for the sign-in: {e}"),
            "Restart TerraOrbis and try again.",
        )
    })?;
    let listener = Loopback::bind().map_err(|e| {
        failed(
            format!("TerraOrbis cannot listen on 127.0.0.1 for the browser's answer ({e})"),
            "Check that no firewall rule blocks loopback connections, then try again.",
        )
    })?;
    let redirect_uri = listener.redirect_uri();
    let url = authorization_url(
        &provider.authorization_endpoint,
        &config,
        &redirect_uri,
        &secrets.state,
        &secrets.nonce,
        &secrets.challenge,
    )
    .map_err(|m| {
        failed(
            m,
            "Ask your admin to check the identity provider's settings.",
        )
    })?;

    stop_if_cancelled()?;
    let timeout = *session
        .team
        .sso
        .timeout
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    browser::open(&url).map_err(|cause| {
        failed(
            format!("TerraOrbis could not open a browser for the sign-in: {cause}"),
            "Set the BROWSER environment variable to your browser's command, or install a \
             default browser, and try again.",
        )
    })?;
    log::info!(
        "team server: single sign-on through {} (waiting for the browser)",
        config.issuer
    );
    let code = listener
        .wait(&secrets.state, Instant::now() + timeout, &running.cancel)
        .map_err(|e| wait_error(e, &config.issuer, timeout.as_secs()))?;
    drop(listener);
    let id_token = rt
        .block_on(exchange_code(
            &http,
            &provider.token_endpoint,
            &config.client_id,
            &code,
            &redirect_uri,
            &secrets.verifier,
        ))
        .map_err(|e| provider_error(e, &config.issuer))?;
    let org = request
        .org
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string);
    let signed_in = rt
        .block_on(anonymous.login_oidc(&OidcLoginRequest {
            id_token,
            nonce: secrets.nonce.clone(),
            org,
        }))
        .map_err(|e| server_refusal(e, &server))?;
    log::info!("team server: signed in through {}", config.issuer);
    finish_sign_in(
        session,
        &rt,
        &keys,
        &server,
        &signed_in.org,
        signed_in.token,
        request.workspace.as_deref(),
    )
}
