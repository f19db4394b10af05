//! OpenID Connect sign-in, the parts client and server share: the JSON of the server's two
//! OIDC endpoints, and the client's requests to the identity provider (discovery, the code
//! exchange). The flow itself (PKCE, the loopback redirect, the browser) is the desktop's
//! (orbis-app `team::oidc`); the ID token's verification is the server's.
//!
//! Nothing here logs or formats a token, a code or a verifier into an error.

use crate::client::{http_client, transport, ClientError};
use crate::wire::ErrorBody;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// `GET /v1/auth/oidc`: the provider this server accepts sign-ins from. With it, a desktop
/// needs only the server's address to start a sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcConfigResponse {
    /// The issuer (`iss`) of the ID tokens; its discovery document is at
    /// `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    /// The client id registered at the provider for TerraOrbis (a public client: PKCE, no
    /// secret; redirect URI `http://127.0.0.1/callback`, any port).
    pub client_id: String,
    /// Scopes to ask for (`openid` and `email` at least: accounts are matched by e-mail).
    pub scopes: Vec<String>,
}

/// `POST /v1/sessions/oidc`: an ID token the provider issued to this server's client id.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcLoginRequest {
    /// The ID token (a signed JWT) from the provider's token endpoint.
    pub id_token: String,
    /// The nonce the client put in the authorization request; the token must carry it.
    pub nonce: String,
    /// The organization to sign in to; may be left out when the identity has an account in
    /// one organization only.
    #[serde(default)]
    pub org: Option<String>,
}

/// A session from an OIDC sign-in: the token, and whom it signed in (the client may not
/// have known the organization).
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcSessionResponse {
    /// The bearer token. Shown once; the server keeps only a hash.
    pub token: String,
    pub token_id: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    /// The organization's name.
    pub org: String,
    pub username: String,
}

/// What a client needs of the provider's discovery document.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
}

/// `http://` is accepted only for loopback hosts (a provider on this machine, tests); every
/// other provider URL must be `https://`.
pub fn check_provider_url(url: &str) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        _ => Err(format!(
            "{url:?} must be an https:// URL (http:// only for 127.0.0.1, localhost or [::1])"
        )),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4).
pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

fn provider_error(what: &str, message: String) -> ClientError {
    ClientError::Api {
        status: 502,
        body: ErrorBody {
            code: format!("oidc.{what}"),
            message,
            hint: "check the identity provider's address and that it is reachable".into(),
        },
    }
}

/// Fetches and checks the discovery document: its `issuer` must be exactly the one asked
/// for (a document served for another issuer is refused), and every endpoint must be
/// https (or loopback http).
pub async fn discover(http: &reqwest::Client, issuer: &str) -> Result<Discovery, ClientError> {
    check_provider_url(issuer).map_err(|m| provider_error("bad_issuer", m))?;
    let response = http
        .get(discovery_url(issuer))
        .send()
        .await
        .map_err(transport)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(provider_error(
            "discovery_failed",
            format!("the identity provider's discovery document answered HTTP {status}"),
        ));
    }
    let doc: Discovery = response.json().await.map_err(|e| {
        provider_error(
            "discovery_failed",
            format!("the identity provider's discovery document is not usable: {e}"),
        )
    })?;
    if doc.issuer != issuer {
        return Err(provider_error(
            "issuer_mismatch",
            format!(
                "the discovery document names the issuer {:?}, not {issuer:?}",
                doc.issuer
            ),
        ));
    }
    for url in [
        &doc.authorization_endpoint,
        &doc.token_endpoint,
        &doc.jwks_uri,
    ] {
        check_provider_url(url).map_err(|m| provider_error("bad_endpoint", m))?;
    }
    Ok(doc)
}

/// The authorization request (OpenID Connect Core §3.1.2.1 with PKCE's S256 challenge) the
/// browser is sent to.
pub fn authorization_url(
    authorization_endpoint: &str,
    config: &OidcConfigResponse,
    redirect_uri: &str,
    state: &str,
    nonce: &str,
    code_challenge: &str,
) -> Result<String, String> {
    let mut url = reqwest::Url::parse(authorization_endpoint)
        .map_err(|e| format!("the provider's authorization endpoint is not a URL: {e}"))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &config.scopes.join(" "))
        .append_pair("state", state)
        .append_pair("nonce", nonce)
        .append_pair("code_challenge", code_challenge)
        .append_pair("code_challenge_method", "S256");
    Ok(url.into())
}

/// The provider's answer to the code exchange (RFC 6749 §5.1); only the ID token is used.
#[derive(Deserialize)]
struct TokenAnswer {
    id_token: Option<String>,
}

/// An OAuth error answer (RFC 6749 §5.2).
#[derive(Deserialize)]
struct OAuthError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Exchanges an authorization code for the ID token (authorization code grant with PKCE,
/// RFC 7636; public client: no secret). The code and verifier go only to `token_endpoint`.
pub async fn exchange_code(
    http: &reqwest::Client,
    token_endpoint: &str,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    code_verifier: &str,
) -> Result<String, ClientError> {
    let response = http
        .post(token_endpoint)
        .header("Accept", "application/json")
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("client_id", client_id),
            ("code_verifier", code_verifier),
        ])
        .send()
        .await
        .map_err(transport)?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(transport)?;
    if !(200..300).contains(&status) {
        let message = match serde_json::from_slice::<OAuthError>(&bytes) {
            Ok(e) => format!(
                "the identity provider refused the sign-in code: {}{}",
                clean(&e.error),
                e.error_description
                    .map(|d| format!(" ({})", clean(&d)))
                    .unwrap_or_default()
            ),
            Err(_) => format!("the identity provider's token endpoint answered HTTP {status}"),
        };
        return Err(ClientError::Api {
            status,
            body: ErrorBody {
                code: "oidc.code_exchange_failed".into(),
                message,
                hint: "try signing in again; if it keeps failing, the provider's client settings \
                       (public client, PKCE, loopback redirect) need a look"
                    .into(),
            },
        });
    }
    let answer: TokenAnswer = serde_json::from_slice(&bytes).map_err(|e| {
        provider_error(
            "code_exchange_failed",
            format!("the token endpoint's answer is not usable: {e}"),
        )
    })?;
    answer.id_token.ok_or_else(|| {
        provider_error(
            "no_id_token",
            "the identity provider answered without an ID token (is `openid` among the scopes?)"
                .into(),
        )
    })
}

/// Text from a provider shown to a person: printable, at most 200 characters.
pub fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// An HTTP client for the provider with the same TLS settings as the sync client.
pub fn provider_client(timeout: Duration) -> reqwest::Client {
    http_client(timeout)
}
