//! OIDC sign-in against the real binary on loopback and a fake provider (common/idp.rs):
//! the account mapping and its refusals on SQLite and PostgreSQL, every ID-token check,
//! key rotation, and a server without OIDC.

mod common;

use common::idp::{FakeIdp, TestKey, CLIENT_ID};
use common::scenarios::{create_org, login, setup_org, PASSWORD};
use common::{assert_error, call, Backend, Server};
use serde_json::{json, Value};
use std::time::Duration;

async fn oidc_server(backend: &Backend, idp: &FakeIdp) -> Server {
    Server::start(
        backend,
        &["--oidc-issuer", &idp.issuer, "--oidc-client-id", CLIENT_ID],
    )
    .await
}

async fn sign_in(server: &Server, id_token: &str, nonce: &str, org: Option<&str>) -> (u16, Value) {
    call(
        "POST",
        &format!("{}/v1/sessions/oidc", server.base),
        None,
        Some(json!({"id_token": id_token, "nonce": nonce, "org": org})),
    )
    .await
}

/// An admin session of `org` (the `root` account `create_org` makes).
async fn admin_of(server: &Server, org: &str) -> String {
    let (s, body) = login(server, org, "root", PASSWORD).await;
    assert_eq!(s, 200, "{body}");
    body["token"].as_str().unwrap().to_string()
}

async fn add_user(server: &Server, admin: &str, username: &str) -> String {
    let (s, u) = call(
        "POST",
        &format!("{}/v1/users", server.base),
        Some(admin),
        Some(json!({"username": username})),
    )
    .await;
    assert_eq!(s, 200, "{u}");
    u["id"].as_str().unwrap().to_string()
}

/// Who signs in to which account, on both databases.
async fn account_mapping(backend: &Backend) {
    let idp = FakeIdp::start().await;
    let server = oidc_server(backend, &idp).await;
    let b = &server.base;
    let acme = setup_org(backend, &server, "acme").await;
    create_org(backend, "globex");
    let acme_admin = acme.admin.clone();
    let globex_admin = admin_of(&server, "globex").await;

    // The desktop learns the provider from the server alone.
    let (s, config) = call("GET", &format!("{b}/v1/auth/oidc"), None, None).await;
    assert_eq!(s, 200, "{config}");
    assert_eq!(config["issuer"], idp.issuer.as_str());
    assert_eq!(config["client_id"], CLIENT_ID);
    let scopes: Vec<&str> = config["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        scopes.contains(&"openid") && scopes.contains(&"email"),
        "{scopes:?}"
    );

    // No account yet: refused, nothing created.
    let refused = sign_in(&server, &idp.id_token("n-1", json!({})), "n-1", None).await;
    assert_error(&refused, 403, "oidc.unknown_user");
    assert!(refused.1["hint"].as_str().unwrap().contains("admin"));

    // The admin adds alice by her address (no password: SSO only) and gives her a role.
    let alice = add_user(&server, &acme_admin, "Alice@Example.com").await;
    let (s, _) = call(
        "PUT",
        &format!("{b}/v1/workspaces/{}/members/{alice}", acme.workspace),
        Some(&acme_admin),
        Some(json!({"role": "operator"})),
    )
    .await;
    assert_eq!(s, 204);
    let token = idp.id_token("n-2", json!({}));
    let (s, session) = sign_in(&server, &token, "n-2", None).await;
    assert_eq!(s, 200, "{session}");
    assert_eq!(session["org"], "acme");
    assert_eq!(session["username"], "Alice@Example.com");
    let bearer = session["token"].as_str().unwrap().to_string();
    let (s, me) = call("GET", &format!("{b}/v1/me"), Some(&bearer), None).await;
    assert_eq!(s, 200, "{me}");
    assert_eq!(me["user_id"], alice.as_str());
    assert_eq!(me["token_kind"], "session");
    let (s, list) = call("GET", &format!("{b}/v1/workspaces"), Some(&bearer), None).await;
    assert_eq!(s, 200);
    assert_eq!(list["workspaces"][0]["role"], "operator");
    // Cross-tenant: the OIDC session sees nothing of another organization.
    let (s, ws) = call(
        "POST",
        &format!("{b}/v1/teams"),
        Some(&globex_admin),
        Some(json!({"name": "ops"})),
    )
    .await;
    assert_eq!(s, 200, "{ws}");
    let (s, w) = call(
        "POST",
        &format!("{b}/v1/workspaces"),
        Some(&globex_admin),
        Some(json!({"team_id": ws["id"], "name": "globex-prod"})),
    )
    .await;
    assert_eq!(s, 200, "{w}");
    let globex_ws = w["id"].as_str().unwrap();
    assert_error(
        &call(
            "GET",
            &format!("{b}/v1/workspaces/{globex_ws}/changes"),
            Some(&bearer),
            None,
        )
        .await,
        404,
        "workspace.not_found",
    );

    // The same token twice: refused (a token seen in transit opens no second session).
    assert_error(
        &sign_in(&server, &token, "n-2", None).await,
        401,
        "oidc.token_reused",
    );
    // No password was set: the password sign-in of that account fails like a wrong one.
    assert_error(
        &login(&server, "acme", "Alice@Example.com", "").await,
        401,
        "auth.bad_credentials",
    );

    // Bound by subject: a changed address still signs in to alice…
    idp.set_person("sub-alice", "alice.new@example.com", true);
    let (s, again) = sign_in(&server, &idp.id_token("n-3", json!({})), "n-3", None).await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(again["username"], "Alice@Example.com");
    // …and another subject claiming alice's address does not take her account.
    idp.set_person("sub-mallory", "alice@example.com", true);
    assert_error(
        &sign_in(&server, &idp.id_token("n-4", json!({})), "n-4", None).await,
        403,
        "oidc.unknown_user",
    );
    // An unverified or missing address binds nothing.
    add_user(&server, &acme_admin, "carol@example.com").await;
    idp.set_person("sub-carol", "carol@example.com", false);
    assert_error(
        &sign_in(&server, &idp.id_token("n-5", json!({})), "n-5", None).await,
        403,
        "oidc.email_unverified",
    );
    assert_error(
        &sign_in(
            &server,
            &idp.id_token("n-6", json!({"email": null, "email_verified": null})),
            "n-6",
            None,
        )
        .await,
        403,
        "oidc.no_email",
    );

    // bob has an account in both organizations: he must say which.
    add_user(&server, &acme_admin, "bob@example.com").await;
    let globex_bob = add_user(&server, &globex_admin, "bob@example.com").await;
    idp.set_person("sub-bob", "bob@example.com", true);
    assert_error(
        &sign_in(&server, &idp.id_token("n-7", json!({})), "n-7", None).await,
        400,
        "oidc.org_ambiguous",
    );
    let (s, bob) = sign_in(
        &server,
        &idp.id_token("n-8", json!({})),
        "n-8",
        Some("globex"),
    )
    .await;
    assert_eq!(s, 200, "{bob}");
    assert_eq!(bob["org"], "globex");
    let (_, me) = call(
        "GET",
        &format!("{b}/v1/me"),
        Some(bob["token"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(me["user_id"], globex_bob.as_str());
    // An organization that does not have him.
    assert_error(
        &sign_in(
            &server,
            &idp.id_token("n-9", json!({})),
            "n-9",
            Some("initech"),
        )
        .await,
        403,
        "oidc.unknown_user",
    );

    // Audited: the binding and the sign-in, with the method and never the token.
    let (s, audit) = call("GET", &format!("{b}/v1/audit"), Some(&acme_admin), None).await;
    assert_eq!(s, 200);
    let entries = audit["entries"].as_array().unwrap();
    let bind = entries
        .iter()
        .find(|e| e["action"] == "oidc.bind" && e["actor"] == alice.as_str())
        .expect("the binding is audited");
    assert_eq!(bind["detail"]["subject"], "sub-alice");
    let sessions = entries
        .iter()
        .filter(|e| {
            e["action"] == "session.create"
                && e["actor"] == alice.as_str()
                && e["detail"]["method"] == "oidc"
        })
        .count();
    assert_eq!(sessions, 2, "{entries:?}");
    let log = server.log_text() + &audit.to_string();
    assert!(
        !log.contains(&token),
        "an ID token reached the log or audit"
    );
    assert!(
        !log.contains(&bearer),
        "a session token reached the log or audit"
    );
    let out = backend.cli(&["audit", "verify"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

macro_rules! both {
    ($sqlite:ident, $postgres:ident, $scenario:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $sqlite() {
            tokio::time::timeout(Duration::from_secs(180), $scenario(&Backend::sqlite()))
                .await
                .expect("finished within 3 minutes");
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $postgres() {
            let backend = Backend::postgres().await;
            tokio::time::timeout(Duration::from_secs(180), $scenario(&backend))
                .await
                .expect("finished within 3 minutes");
        }
    };
}

both!(
    account_mapping_sqlite,
    account_mapping_postgres,
    account_mapping
);

/// Every check of the ID token, and key rotation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_token_checks_and_key_rotation() {
    let backend = Backend::sqlite();
    let idp = FakeIdp::start().await;
    let server = oidc_server(&backend, &idp).await;
    let acme = setup_org(&backend, &server, "acme").await;
    add_user(&server, &acme.admin, "alice@example.com").await;
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;

    let refused = |changes: Value, code: &'static str| {
        let token = idp.id_token("nonce-x", changes);
        let server = &server;
        async move {
            assert_error(&sign_in(server, &token, "nonce-x", None).await, 401, code);
        }
    };
    refused(json!({"aud": "another-client"}), "oidc.wrong_audience").await;
    refused(
        json!({"aud": [CLIENT_ID, "another-client"], "azp": "another-client"}),
        "oidc.wrong_audience",
    )
    .await;
    refused(json!({"azp": "another-client"}), "oidc.wrong_audience").await;
    refused(
        json!({"aud": [CLIENT_ID, "another-client"]}),
        "oidc.wrong_audience",
    )
    .await;
    refused(json!({"iss": "http://127.0.0.1:1"}), "oidc.wrong_issuer").await;
    refused(json!({"nbf": t + 600}), "oidc.token_not_yet_valid").await;
    // Past the 60 s leeway, and issued in the future.
    refused(
        json!({"exp": t - 120, "iat": t - 400}),
        "oidc.token_expired",
    )
    .await;
    refused(
        json!({"iat": t + 600, "exp": t + 900}),
        "oidc.token_not_yet_valid",
    )
    .await;
    refused(json!({"iat": null}), "oidc.missing_claim").await;
    refused(json!({"sub": null}), "oidc.missing_claim").await;
    refused(json!({"nonce": "another-sign-in"}), "oidc.wrong_nonce").await;
    refused(json!({"nonce": null}), "oidc.wrong_nonce").await;
    // Within the leeway it is still good.
    let (s, ok) = sign_in(
        &server,
        &idp.id_token("nonce-y", json!({"exp": t - 20})),
        "nonce-y",
        None,
    )
    .await;
    assert_eq!(s, 200, "{ok}");

    // Signed by a key the provider does not publish, under its key id: bad signature.
    let claims = idp.claims("nonce-z", json!({}));
    let rogue = TestKey::rsa("key-1");
    assert_error(
        &sign_in(&server, &rogue.sign(&claims), "nonce-z", None).await,
        401,
        "oidc.bad_signature",
    );
    // A payload changed after signing.
    let good = idp.id_token("nonce-z", json!({}));
    let mut parts: Vec<String> = good.split('.').map(str::to_string).collect();
    let forged = idp.claims("nonce-z", json!({"sub": "sub-root"}));
    parts[1] = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        forged.to_string(),
    );
    assert_error(
        &sign_in(&server, &parts.join("."), "nonce-z", None).await,
        401,
        "oidc.bad_signature",
    );
    // HMAC with the public key as the secret (the classic confusion), and `none`.
    let kid = idp.signing_key().kid;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(kid.clone());
    let hmac = jsonwebtoken::encode(
        &header,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"public key bytes"),
    )
    .unwrap();
    assert_error(
        &sign_in(&server, &hmac, "nonce-z", None).await,
        401,
        "oidc.bad_algorithm",
    );
    let b64 = |v: &Value| {
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            v.to_string(),
        )
    };
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "kid": kid})),
        b64(&claims)
    );
    assert_error(
        &sign_in(&server, &none, "nonce-z", None).await,
        401,
        "oidc.invalid_token",
    );
    assert_error(
        &sign_in(&server, "not a jwt", "nonce-z", None).await,
        401,
        "oidc.invalid_token",
    );

    // Key rotation: a token signed with a new key (ES256 this time) makes the server fetch
    // the keys again, once.
    let fetches = idp.jwks_fetches();
    assert_eq!(fetches, 1, "the keys were fetched once so far");
    idp.rotate(TestKey::ec("key-2"));
    let (s, rotated) = sign_in(
        &server,
        &idp.id_token("nonce-r", json!({})),
        "nonce-r",
        None,
    )
    .await;
    assert_eq!(s, 200, "{rotated}");
    assert_eq!(idp.jwks_fetches(), 2);
    // Key ids nobody publishes: one refetch at most per cooldown, however many tokens.
    for i in 0..3 {
        let stranger = TestKey::ec(&format!("made-up-{i}"));
        assert_error(
            &sign_in(&server, &stranger.sign(&claims), "nonce-z", None).await,
            401,
            "oidc.unknown_key",
        );
    }
    assert!(
        idp.jwks_fetches() <= 3,
        "unknown key ids made {} fetches",
        idp.jwks_fetches() - 2
    );
    // Tokens of the first key are still good (it is still published).
    let claims_old = idp.claims("nonce-old", json!({}));
    let (s, body) = sign_in(&server, &idp.key(0).sign(&claims_old), "nonce-old", None).await;
    assert_eq!(s, 200, "{body}");
}

/// Without --oidc-issuer the endpoints say so, and accounts need a password; a provider that
/// cannot be reached is a 502 with what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_oidc_and_unreachable_provider() {
    let backend = Backend::sqlite();
    let server = Server::start(&backend, &[]).await;
    let acme = setup_org(&backend, &server, "acme").await;
    let b = &server.base;
    assert_error(
        &call("GET", &format!("{b}/v1/auth/oidc"), None, None).await,
        404,
        "oidc.not_configured",
    );
    assert_error(
        &sign_in(&server, "x.y.z", "n", None).await,
        404,
        "oidc.not_configured",
    );
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/users"),
            Some(&acme.admin),
            Some(json!({"username": "dave@example.com"})),
        )
        .await,
        400,
        "account.password_required",
    );
    drop(server);

    // A provider address nothing answers on.
    let port = common::free_port();
    let down = Server::start(
        &backend,
        &[
            "--oidc-issuer",
            &format!("http://127.0.0.1:{port}"),
            "--oidc-client-id",
            CLIENT_ID,
        ],
    )
    .await;
    let idp = FakeIdp::start().await;
    let token = idp.id_token("n", json!({}));
    assert_error(
        &sign_in(&down, &token, "n", None).await,
        502,
        "oidc.provider_unreachable",
    );

    // A provider URL that is not https (nor loopback) stops the server at start.
    let out = std::process::Command::new(common::server_binary())
        .args([
            "--listen",
            "127.0.0.1:0",
            "--oidc-issuer",
            "http://idp.example.com",
        ])
        .args(["--oidc-client-id", CLIENT_ID])
        .args(backend.db_args())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("https://"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
