//! A small OpenID Connect provider on 127.0.0.1 for the OIDC tests: discovery, JWKS,
//! `/authorize` that consents at once (302 back to the client's loopback redirect with a
//! code), and `/token` that checks the PKCE verifier against the challenge before it
//! answers with a signed ID token. Keys are made at test time by the `openssl` command
//! (already needed by the TLS tests); nothing private is checked in.
//!
//! Tests can also mint ID tokens directly (`id_token`), rotate keys, and make the provider
//! misbehave (`Mode`) to see the client's and the server's refusals.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "terraorbis-desktop";

/// A signing key and its public JWK.
#[derive(Clone)]
pub struct TestKey {
    pub kid: String,
    pub alg: Algorithm,
    pub encoding: EncodingKey,
    pub jwk: Jwk,
}

impl TestKey {
    fn generate(kid: &str, alg: Algorithm) -> TestKey {
        let dir = tempfile::tempdir().unwrap();
        let args: &[&str] = match alg {
            Algorithm::RS256 => &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
            Algorithm::ES256 => &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            other => panic!("no test keys for {other:?}"),
        };
        let mut all = vec!["genpkey"];
        all.extend(args);
        all.extend(["-out", "key.pem"]);
        super::certs::openssl(&all, dir.path());
        let pem = std::fs::read(dir.path().join("key.pem")).unwrap();
        let encoding = match alg {
            Algorithm::RS256 => EncodingKey::from_rsa_pem(&pem).unwrap(),
            _ => EncodingKey::from_ec_pem(&pem).unwrap(),
        };
        let mut jwk = Jwk::from_encoding_key(&encoding, alg).unwrap();
        jwk.common.key_id = Some(kid.to_string());
        TestKey {
            kid: kid.to_string(),
            alg,
            encoding,
            jwk,
        }
    }

    pub fn rsa(kid: &str) -> TestKey {
        Self::generate(kid, Algorithm::RS256)
    }

    pub fn ec(kid: &str) -> TestKey {
        Self::generate(kid, Algorithm::ES256)
    }

    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).unwrap()
    }
}

/// How `/authorize` and `/token` behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Consent at once and answer honestly.
    Normal,
    /// The person declines: back with `error=access_denied`.
    Deny,
    /// Back with a state the client did not send.
    WrongState,
    /// Remember another code challenge than the one sent, as if the code were meant for
    /// someone else: the client's verifier then does not match at `/token`.
    ForeignChallenge,
}

/// The person signing in at the provider.
#[derive(Debug, Clone)]
pub struct Person {
    pub sub: String,
    pub email: String,
    pub email_verified: bool,
}

struct Pending {
    challenge: String,
    nonce: Option<String>,
    redirect_uri: String,
}

struct IdpState {
    issuer: String,
    keys: Vec<TestKey>,
    /// Index into `keys` of the key new tokens are signed with.
    signing: usize,
    person: Person,
    mode: Mode,
    codes: HashMap<String, Pending>,
    jwks_fetches: usize,
    /// The query of the last `/authorize` request.
    last_authorize: HashMap<String, String>,
    token_requests: usize,
}

pub struct FakeIdp {
    pub issuer: String,
    state: Arc<Mutex<IdpState>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeIdp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl FakeIdp {
    /// Starts on a free loopback port of the current tokio runtime, with one RSA key.
    pub async fn start() -> FakeIdp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(IdpState {
            issuer: issuer.clone(),
            keys: vec![TestKey::rsa("key-1")],
            signing: 0,
            person: Person {
                sub: "sub-alice".into(),
                email: "alice@example.com".into(),
                email_verified: true,
            },
            mode: Mode::Normal,
            codes: HashMap::new(),
            jwks_fetches: 0,
            last_authorize: HashMap::new(),
            token_requests: 0,
        }));
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(state.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeIdp {
            issuer,
            state,
            task,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, IdpState> {
        self.state.lock().unwrap()
    }

    pub fn set_person(&self, sub: &str, email: &str, verified: bool) {
        self.lock().person = Person {
            sub: sub.into(),
            email: email.into(),
            email_verified: verified,
        };
    }

    pub fn set_mode(&self, mode: Mode) {
        self.lock().mode = mode;
    }

    /// Publishes `key` next to the old ones and signs new tokens with it.
    pub fn rotate(&self, key: TestKey) {
        let mut s = self.lock();
        s.keys.push(key);
        s.signing = s.keys.len() - 1;
    }

    pub fn signing_key(&self) -> TestKey {
        let s = self.lock();
        s.keys[s.signing].clone()
    }

    /// The `i`th published key (0: the one the provider started with).
    pub fn key(&self, i: usize) -> TestKey {
        self.lock().keys[i].clone()
    }

    pub fn jwks_fetches(&self) -> usize {
        self.lock().jwks_fetches
    }

    pub fn token_requests(&self) -> usize {
        self.lock().token_requests
    }

    pub fn last_authorize(&self) -> HashMap<String, String> {
        self.lock().last_authorize.clone()
    }

    /// The claims of a good ID token for the current person, with `changes` merged over
    /// them (a `null` removes a claim).
    pub fn claims(&self, nonce: &str, changes: Value) -> Value {
        let s = self.lock();
        let t = now();
        let mut claims = json!({
            "iss": s.issuer, "sub": s.person.sub, "aud": CLIENT_ID, "iat": t, "exp": t + 300,
            "nonce": nonce, "email": s.person.email, "email_verified": s.person.email_verified,
        });
        if let Value::Object(changes) = changes {
            let map = claims.as_object_mut().unwrap();
            for (k, v) in changes {
                if v.is_null() {
                    map.remove(&k);
                } else {
                    map.insert(k, v);
                }
            }
        }
        claims
    }

    /// A good ID token for the current person, signed with the current key.
    pub fn id_token(&self, nonce: &str, changes: Value) -> String {
        let claims = self.claims(nonce, changes);
        self.signing_key().sign(&claims)
    }
}

type Shared = Arc<Mutex<IdpState>>;

async fn discovery(State(state): State<Shared>) -> Json<Value> {
    let issuer = state.lock().unwrap().issuer.clone();
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

async fn jwks(State(state): State<Shared>) -> Json<JwkSet> {
    let mut s = state.lock().unwrap();
    s.jwks_fetches += 1;
    Json(JwkSet {
        keys: s.keys.iter().map(|k| k.jwk.clone()).collect(),
    })
}

fn bad_request(text: &str) -> Response {
    (StatusCode::BAD_REQUEST, text.to_string()).into_response()
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response()
}

/// A loopback redirect URI as RFC 8252 §7.3 allows for native apps.
fn loopback_redirect(uri: &str) -> bool {
    uri.strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(port, path)| port.parse::<u16>().is_ok() && path == "callback")
}

async fn authorize(
    State(state): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut s = state.lock().unwrap();
    s.last_authorize = q.clone();
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let redirect_uri = get("redirect_uri");
    if get("client_id") != CLIENT_ID || !loopback_redirect(&redirect_uri) {
        return bad_request("unknown client or redirect URI");
    }
    if get("response_type") != "code"
        || get("code_challenge_method") != "S256"
        || get("code_challenge").len() != 43
        || !get("scope").split(' ').any(|s| s == "openid")
    {
        return bad_request("needs response_type=code, scope openid and an S256 code challenge");
    }
    let state_param = get("state");
    let encode = |pairs: &[(&str, &str)]| serde_urlencoded::to_string(pairs).unwrap();
    match s.mode {
        Mode::Deny => {
            return redirect(&format!(
                "{redirect_uri}?{}",
                encode(&[
                    ("error", "access_denied"),
                    ("error_description", "The user declined"),
                    ("state", &state_param)
                ])
            ))
        }
        Mode::WrongState => {
            return redirect(&format!(
                "{redirect_uri}?{}",
                encode(&[("code", "whatever"), ("state", "not-the-state-sent")])
            ))
        }
        _ => {}
    }
    let code = b64url(&rand_bytes());
    let challenge = if s.mode == Mode::ForeignChallenge {
        b64url(&Sha256::digest(b"someone else's verifier"))
    } else {
        get("code_challenge")
    };
    s.codes.insert(
        code.clone(),
        Pending {
            challenge,
            nonce: q.get("nonce").cloned(),
            redirect_uri: redirect_uri.clone(),
        },
    );
    redirect(&format!(
        "{redirect_uri}?{}",
        encode(&[("code", &code), ("state", &state_param)])
    ))
}

fn rand_bytes() -> [u8; 24] {
    let mut b = [0u8; 24];
    getrandom::getrandom(&mut b).unwrap();
    b
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

async fn token(State(state): State<Shared>, body: String) -> Response {
    let form: HashMap<String, String> = match serde_urlencoded::from_str(&body) {
        Ok(f) => f,
        Err(_) => return oauth_error("invalid_request", "not a form"),
    };
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let mut s = state.lock().unwrap();
    s.token_requests += 1;
    if get("grant_type") != "authorization_code" || get("client_id") != CLIENT_ID {
        return oauth_error("invalid_request", "wrong grant type or client");
    }
    // A code is good once.
    let Some(pending) = s.codes.remove(&get("code")) else {
        return oauth_error("invalid_grant", "unknown or used code");
    };
    if pending.redirect_uri != get("redirect_uri") {
        return oauth_error(
            "invalid_grant",
            "redirect_uri differs from the authorization request",
        );
    }
    if b64url(&Sha256::digest(get("code_verifier").as_bytes())) != pending.challenge {
        return oauth_error("invalid_grant", "PKCE verification failed");
    }
    let t = now();
    let mut claims = json!({
        "iss": s.issuer, "sub": s.person.sub, "aud": CLIENT_ID, "iat": t, "exp": t + 300,
        "email": s.person.email, "email_verified": s.person.email_verified,
    });
    if let Some(nonce) = pending.nonce {
        claims["nonce"] = json!(nonce);
    }
    let id_token = s.keys[s.signing].sign(&claims);
    Json(json!({
        "access_token": b64url(&rand_bytes()),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}
