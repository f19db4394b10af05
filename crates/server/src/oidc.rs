//! OpenID Connect ID-token verification (`--oidc-issuer`, `--oidc-client-id`).
//!
//! The provider's keys come from its discovery document's `jwks_uri` and are cached in this
//! process (a cache only: every instance fetches its own, nothing another instance needs).
//! A token signed with a key id the cache does not know makes one refetch — that is how a
//! provider's key rotation is picked up — but at most one such refetch per
//! `MISS_REFETCH_COOLDOWN`, so tokens with made-up key ids cannot make the server hammer the
//! provider. The keys are refetched anyway after `KEYS_TTL`.
//!
//! Checks: signature (RS256/RS384/RS512/PS256 for RSA keys, ES256/ES384 for EC keys; the
//! algorithm must fit the key and, when the key names one, be that one; `none` and HMAC are
//! never accepted), `iss` = the configured issuer, `aud` contains the client id (and `azp`
//! is the client id when present or when there are several audiences), `exp`, `nbf` and
//! `iat` with `LEEWAY_SECS` of clock skew, and `nonce` = the one the client sent. The token
//! itself is never logged.

use crate::error::ApiError;
use axum::http::StatusCode;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use orbis_sync::oidc::{check_provider_url, discover, OidcConfigResponse};
use serde::Deserialize;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub const LEEWAY_SECS: u64 = 60;
const KEYS_TTL: Duration = Duration::from_secs(3600);
const MISS_REFETCH_COOLDOWN: Duration = Duration::from_secs(10);
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);
/// Longer tokens are refused before any parsing (real ID tokens are a few kB).
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// What the server is told about its provider (command line or environment).
#[derive(Debug, Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub scopes: Vec<String>,
}

impl OidcSettings {
    /// Checks the settings at start, so a typo stops the server instead of every sign-in.
    pub fn new(issuer: &str, client_id: &str, scopes: &str) -> anyhow::Result<Self> {
        check_provider_url(issuer).map_err(|m| anyhow::anyhow!("--oidc-issuer: {m}"))?;
        if client_id.trim().is_empty() {
            anyhow::bail!("--oidc-client-id is empty");
        }
        let mut scopes: Vec<String> = scopes
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        // Accounts are matched by e-mail: `openid` and `email` are always asked for.
        for needed in ["email", "openid"] {
            if !scopes.iter().any(|s| s == needed) {
                scopes.insert(0, needed.to_string());
            }
        }
        Ok(Self {
            issuer: issuer.to_string(),
            client_id: client_id.trim().to_string(),
            scopes,
        })
    }

    pub fn public(&self) -> OidcConfigResponse {
        OidcConfigResponse {
            issuer: self.issuer.clone(),
            client_id: self.client_id.clone(),
            scopes: self.scopes.clone(),
        }
    }
}

/// The claims of an ID token this server reads.
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    // Defaults only so that a missing claim is reported by the validation as missing
    // (`iss`, `sub`, `aud` and `exp` are required there).
    #[serde(default)]
    pub iss: String,
    #[serde(default)]
    pub sub: String,
    #[serde(default)]
    pub aud: Audience,
    #[serde(default)]
    pub exp: i64,
    #[serde(default)]
    pub iat: Option<i64>,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub azp: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: Option<EmailVerified>,
}

impl IdClaims {
    /// The e-mail address, lower-cased, when the provider says it verified it.
    pub fn verified_email(&self) -> Option<String> {
        let verified = match &self.email_verified {
            Some(EmailVerified::Bool(b)) => *b,
            Some(EmailVerified::Text(t)) => t == "true",
            None => false,
        };
        self.email
            .as_deref()
            .filter(|_| verified)
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
    }
}

/// `email_verified` is a boolean, but some providers send the string "true".
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EmailVerified {
    Bool(bool),
    Text(String),
}

/// `aud`: one string or a list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
    #[default]
    None,
}

impl Audience {
    fn len(&self) -> usize {
        match self {
            Audience::One(_) => 1,
            Audience::Many(v) => v.len(),
            Audience::None => 0,
        }
    }
}

#[derive(Default)]
struct Cache {
    jwks_uri: Option<String>,
    keys: Option<(JwkSet, Instant)>,
    last_miss_refetch: Option<Instant>,
}

/// The configured provider and its cached keys.
pub struct Verifier {
    pub settings: OidcSettings,
    http: reqwest::Client,
    cache: Mutex<Cache>,
}

fn refused(code: &str, message: impl Into<String>) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        code,
        message,
        "sign in again through your identity provider; if it keeps failing, the server's \
         --oidc-issuer / --oidc-client-id may not match the provider's client",
    )
}

fn unreachable(message: impl Into<String>) -> ApiError {
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        "oidc.provider_unreachable",
        message,
        "the team server could not reach the identity provider; retry, and if it persists \
         ask the server's admin to check --oidc-issuer and the server's network",
    )
}

impl Verifier {
    pub fn new(settings: OidcSettings) -> Self {
        Self {
            settings,
            http: orbis_sync::http_client(PROVIDER_TIMEOUT),
            cache: Mutex::new(Cache::default()),
        }
    }

    /// Verifies `id_token` and returns its claims, or the reason as an API error.
    pub async fn verify(&self, id_token: &str, nonce: &str) -> Result<IdClaims, ApiError> {
        if id_token.len() > MAX_TOKEN_LEN {
            return Err(refused("oidc.invalid_token", "the ID token is too long"));
        }
        let header = jsonwebtoken::decode_header(id_token)
            .map_err(|_| refused("oidc.invalid_token", "the ID token is not a signed JWT"))?;
        let jwk = self.key_for(header.kid.as_deref(), header.alg).await?;
        let allowed = algorithms_for(&jwk);
        if !allowed.contains(&header.alg) {
            return Err(refused(
                "oidc.bad_algorithm",
                format!(
                    "the ID token is signed with {:?}, which its key does not allow",
                    header.alg
                ),
            ));
        }
        let key = DecodingKey::from_jwk(&jwk).map_err(|_| {
            refused(
                "oidc.unknown_key",
                "the provider's signing key cannot be used",
            )
        })?;
        let mut validation = Validation::new(header.alg);
        validation.algorithms = allowed;
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[&self.settings.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let claims = jsonwebtoken::decode::<IdClaims>(id_token, &key, &validation)
            .map_err(token_error)?
            .claims;
        let now = crate::now_ms() / 1000;
        match claims.iat {
            Some(iat) if iat <= now + LEEWAY_SECS as i64 => {}
            Some(_) => {
                return Err(refused(
                    "oidc.token_not_yet_valid",
                    "the ID token was issued in the future (are the clocks right?)",
                ))
            }
            None => return Err(refused("oidc.missing_claim", "the ID token has no `iat`")),
        }
        // OIDC Core §3.1.3.7: with several audiences `azp` must be there, and when it is
        // there it must be this client.
        let azp_needed = claims.aud.len() > 1 || claims.azp.is_some();
        if azp_needed && claims.azp.as_deref() != Some(&self.settings.client_id) {
            return Err(refused(
                "oidc.wrong_audience",
                "the ID token was issued to another client (azp)",
            ));
        }
        let matches = claims
            .nonce
            .as_deref()
            .is_some_and(|n| crate::auth::token::constant_time_eq(n, nonce));
        if nonce.is_empty() || !matches {
            return Err(refused(
                "oidc.wrong_nonce",
                "the ID token does not belong to this sign-in (nonce)",
            ));
        }
        Ok(claims)
    }

    /// The key `kid` names (or the only key of the token's family when it names none).
    async fn key_for(&self, kid: Option<&str>, alg: Algorithm) -> Result<Jwk, ApiError> {
        let mut cache = self.cache.lock().await;
        let stale = cache
            .keys
            .as_ref()
            .is_none_or(|(_, at)| at.elapsed() > KEYS_TTL);
        if stale {
            self.refetch(&mut cache).await?;
        }
        if let Some(jwk) = find(&cache, kid, alg) {
            return Ok(jwk);
        }
        // An unknown key: the provider may have rotated its keys since the last fetch.
        let may_refetch = !stale
            && cache
                .last_miss_refetch
                .is_none_or(|at| at.elapsed() >= MISS_REFETCH_COOLDOWN);
        if may_refetch {
            cache.last_miss_refetch = Some(Instant::now());
            self.refetch(&mut cache).await?;
            if let Some(jwk) = find(&cache, kid, alg) {
                return Ok(jwk);
            }
        }
        Err(refused(
            "oidc.unknown_key",
            "the ID token is signed with a key the identity provider does not publish",
        ))
    }

    async fn refetch(&self, cache: &mut Cache) -> Result<(), ApiError> {
        let jwks_uri = match &cache.jwks_uri {
            Some(u) => u.clone(),
            None => {
                let doc = discover(&self.http, &self.settings.issuer)
                    .await
                    .map_err(|e| unreachable(format!("discovery failed: {e}")))?;
                cache.jwks_uri = Some(doc.jwks_uri.clone());
                doc.jwks_uri
            }
        };
        let response = self.http.get(&jwks_uri).send().await.map_err(|e| {
            unreachable(format!(
                "the provider's keys could not be read: {}",
                e.without_url()
            ))
        })?;
        if !response.status().is_success() {
            // A moved jwks_uri is found again through discovery next time.
            cache.jwks_uri = None;
            return Err(unreachable(format!(
                "the provider's keys answered HTTP {}",
                response.status().as_u16()
            )));
        }
        let keys: JwkSet = response
            .json()
            .await
            .map_err(|e| unreachable(format!("the provider's keys are not a JWK set: {e}")))?;
        cache.keys = Some((keys, Instant::now()));
        Ok(())
    }
}

fn find(cache: &Cache, kid: Option<&str>, alg: Algorithm) -> Option<Jwk> {
    let (set, _) = cache.keys.as_ref()?;
    match kid {
        Some(kid) => set.find(kid).cloned(),
        None => {
            let fitting: Vec<&Jwk> = set
                .keys
                .iter()
                .filter(|k| algorithms_for(k).contains(&alg))
                .collect();
            (fitting.len() == 1).then(|| fitting[0].clone())
        }
    }
}

/// The signature algorithms a published key may verify: by its type and curve, narrowed to
/// its own `alg` when it names one. Never `none` or HMAC (a public key is no secret).
fn algorithms_for(jwk: &Jwk) -> Vec<Algorithm> {
    let family = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => vec![
            Algorithm::RS256,
            Algorithm::RS384,
            Algorithm::RS512,
            Algorithm::PS256,
        ],
        AlgorithmParameters::EllipticCurve(p) => match p.curve {
            EllipticCurve::P256 => vec![Algorithm::ES256],
            EllipticCurve::P384 => vec![Algorithm::ES384],
            _ => vec![],
        },
        _ => vec![],
    };
    // The key's own `alg` ("RS256"…), when it names one a JWT header can carry.
    let named = jwk
        .common
        .key_algorithm
        .and_then(|a| serde_json::to_value(a).ok())
        .and_then(|v| v.as_str().and_then(|s| s.parse::<Algorithm>().ok()));
    match named {
        Some(named) => family.into_iter().filter(|a| *a == named).collect(),
        None => family,
    }
}

fn token_error(e: jsonwebtoken::errors::Error) -> ApiError {
    use jsonwebtoken::errors::ErrorKind as K;
    match e.kind() {
        K::InvalidSignature => refused("oidc.bad_signature", "the ID token's signature is wrong"),
        K::ExpiredSignature => refused("oidc.token_expired", "the ID token has expired"),
        K::ImmatureSignature => {
            refused("oidc.token_not_yet_valid", "the ID token is not valid yet")
        }
        K::InvalidIssuer => refused(
            "oidc.wrong_issuer",
            "the ID token comes from another identity provider (iss)",
        ),
        K::InvalidAudience => refused(
            "oidc.wrong_audience",
            "the ID token was issued to another client (aud)",
        ),
        K::MissingRequiredClaim(claim) => refused(
            "oidc.missing_claim",
            format!("the ID token has no `{claim}`"),
        ),
        K::InvalidAlgorithm => refused(
            "oidc.bad_algorithm",
            "the ID token's algorithm does not fit its key",
        ),
        _ => refused("oidc.invalid_token", "the ID token cannot be read"),
    }
}
