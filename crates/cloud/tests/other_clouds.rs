//! The doctor for Azure, Google Cloud and Kubernetes.
//!
//! - Google: a real OAuth 2.0 JWT-bearer round trip. The service-account key is a throwaway
//!   RSA key made now (openssl); its `token_uri` points at a token endpoint this test runs on
//!   loopback, which checks the assertion's claims and RS256 signature before answering.
//! - Azure: azure_identity's Azure CLI credential really runs `az account get-access-token`;
//!   `az` here is a stand-in script (the real CLI needs a Microsoft sign-in).
//! - Kubernetes: offline by design (exec plugins on PATH).

mod common;

use base64::Engine;
use common::Home;
use orbis_cloud::doctor::DoctorOptions;
use orbis_cloud::{doctor, Check, Cloud, DoctorReport, Status};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn run(home: &Home, cloud: Cloud, vars: &[(&str, &str)]) -> DoctorReport {
    doctor(
        &home.context(vars),
        &DoctorOptions {
            clouds: vec![cloud],
            timeout: Duration::from_secs(60),
            ..Default::default()
        },
    )
    .await
}

fn only(report: &DoctorReport) -> &Check {
    assert_eq!(report.checks.len(), 1, "{report:#?}");
    &report.checks[0]
}

// ---------------------------------------------------------------- Azure

const AZURE_PROFILE: &str = "\u{feff}{\"subscriptions\": [{\"id\": \"00000000-0000-0000-0000-0000000000aa\", \"name\": \"Platform Prod\", \"state\": \"Enabled\", \"user\": {\"name\": \"ops@example.com\", \"type\": \"user\"}, \"isDefault\": true, \"tenantId\": \"11111111-2222-3333-4444-555555555555\", \"environmentName\": \"AzureCloud\"}]}";
const AZ_TOKEN: &str = "eyJorbisFAKEazureTOKENdoNOTleak";

#[tokio::test]
async fn azure_cli_missing_is_not_configured_with_install_hint() {
    let home = Home::new();
    let c = only(&run(&home, Cloud::Azure, &[]).await).clone();
    assert_eq!(
        (c.status, c.profile.as_deref()),
        (Status::NotConfigured, None)
    );
    assert!(c.message.contains("not installed"), "{c:#?}");
    assert!(c
        .message
        .contains("https://learn.microsoft.com/cli/azure/install-azure-cli"));
    assert_eq!(c.fix.as_deref(), Some("az login"));

    // Signed in once (profile present) but az gone from PATH.
    home.write(".azure/azureProfile.json", AZURE_PROFILE);
    let r = run(&home, Cloud::Azure, &[]).await;
    let c = only(&r);
    assert_eq!(c.status, Status::NotConfigured);
    assert_eq!(c.profile.as_deref(), Some("Platform Prod"));
    assert!(r.all_ok());
}

#[tokio::test]
async fn azure_cli_token_for_the_management_scope() {
    let home = Home::new();
    let dir = home.path().join("azcfg");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("azureProfile.json"), AZURE_PROFILE).unwrap();
    let args_log = home.path().join("az-args");
    home.write_exec(
        "bin/az",
        &format!(
            "#!/bin/sh\n# Stand-in for the Azure CLI.\necho \"$* AZURE_CONFIG_DIR=$AZURE_CONFIG_DIR\" > '{}'\n\
             printf '{{\"accessToken\": \"{AZ_TOKEN}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"subscription\": \"00000000-0000-0000-0000-0000000000aa\", \"tenant\": \"11111111-2222-3333-4444-555555555555\", \"tokenType\": \"Bearer\"}}'\n",
            args_log.display()
        ),
    );
    let r = run(
        &home,
        Cloud::Azure,
        &[("AZURE_CONFIG_DIR", dir.to_str().unwrap())],
    )
    .await;
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains(AZ_TOKEN), "token leaked: {json}");
    let c = only(&r);
    assert_eq!(c.status, Status::Ok, "{c:#?}");
    assert_eq!(c.profile.as_deref(), Some("Platform Prod"));
    assert_eq!(c.identity.as_deref(), Some("ops@example.com"));
    assert_eq!(c.expires_at.as_deref(), Some("2030-03-17T17:46:40Z"));
    assert!(c.message.contains("00000000-0000-0000-0000-0000000000aa"));
    let args = std::fs::read_to_string(&args_log).unwrap();
    assert!(
        args.contains(
            "account get-access-token -o json --scope https://management.azure.com/.default"
        ),
        "{args}"
    );
    assert!(
        args.contains(&format!("AZURE_CONFIG_DIR={}", dir.display())),
        "{args}"
    );
}

#[tokio::test]
async fn azure_expired_sign_in_says_az_login() {
    let home = Home::new();
    home.write(".azure/azureProfile.json", AZURE_PROFILE);
    home.write_exec(
        "bin/az",
        "#!/bin/sh\necho 'ERROR: AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2024-01-01T00:00:00Z and was inactive for 90.00:00:00.' >&2\necho 'Run the command below to authenticate interactively; additional arguments may be added as needed:' >&2\necho 'az logout' >&2\necho 'az login' >&2\nexit 1\n",
    );
    let r = run(&home, Cloud::Azure, &[]).await;
    let c = only(&r);
    assert_eq!(c.status, Status::Expired, "{c:#?}");
    assert_eq!(c.fix.as_deref(), Some("az login"));
    assert!(
        c.message
            .contains("AADSTS700082: The refresh token has expired"),
        "{c:#?}"
    );
    assert!(!c.message.contains('\n'), "one line: {c:#?}");
    assert!(!r.all_ok());
}

// ---------------------------------------------------------------- Google Cloud

const GCP_TOKEN: &str = "ya29.orbisFAKEgoogleTOKENdoNOTleak";

/// A throwaway RSA key: (PKCS#8 PEM for the key file, PKCS#1 DER public key for checking).
fn rsa_key(dir: &Path) -> (String, Vec<u8>) {
    let pem = dir.join("key.pem");
    let der = dir.join("pub.der");
    let ok = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl is needed to make a test key (run .ci/install)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&[
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        pem.to_str().unwrap(),
    ]);
    ok(&[
        "rsa",
        "-in",
        pem.to_str().unwrap(),
        "-RSAPublicKey_out",
        "-outform",
        "DER",
        "-out",
        der.to_str().unwrap(),
    ]);
    (
        std::fs::read_to_string(&pem).unwrap(),
        std::fs::read(&der).unwrap(),
    )
}

/// A loopback OAuth 2.0 token endpoint (RFC 7523 JWT bearer grant). `refuse`: answer every
/// request with `invalid_grant`, as Google does for a deleted key.
struct TokenServer {
    url: String,
    requests: Arc<AtomicUsize>,
}

impl TokenServer {
    fn start(public_key: Vec<u8>, client_email: &str, refuse: bool) -> TokenServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "http://127.0.0.1:{}/token",
            listener.local_addr().unwrap().port()
        );
        let requests = Arc::new(AtomicUsize::new(0));
        let (count, email, aud) = (requests.clone(), client_email.to_string(), url.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().take(16) {
                let Ok(mut stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                reader.read_line(&mut request_line).unwrap();
                let mut length = 0;
                let mut form_encoded = false;
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    let h = h.trim_end();
                    if h.is_empty() {
                        break;
                    }
                    let lower = h.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    if lower.starts_with("content-type: application/x-www-form-urlencoded") {
                        form_encoded = true;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let verdict = check_assertion(
                    &request_line,
                    form_encoded,
                    &body,
                    &public_key,
                    &email,
                    &aud,
                );
                if let Err(why) = &verdict {
                    eprintln!("token endpoint: refused: {why}");
                }
                let (status, body) = match (verdict, refuse) {
                    (Ok(()), false) => ("200 OK", format!("{{\"access_token\": \"{GCP_TOKEN}\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}}")),
                    (Ok(()), true) => ("400 Bad Request", "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}".to_string()),
                    (Err(why), _) => ("400 Bad Request", format!("{{\"error\": \"invalid_request\", \"error_description\": \"{why}\"}}")),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        TokenServer { url, requests }
    }
}

/// The checks Google's token endpoint makes on a service-account assertion.
fn check_assertion(
    request_line: &str,
    form_encoded: bool,
    body: &[u8],
    public_key: &[u8],
    email: &str,
    aud: &str,
) -> Result<(), String> {
    if !request_line.starts_with("POST /token ") || !form_encoded {
        return Err(format!("unexpected request {request_line:?}"));
    }
    let form: std::collections::HashMap<String, String> = String::from_utf8_lossy(body)
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), urldecode(v)))
        .collect();
    if form.get("grant_type").map(String::as_str)
        != Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
    {
        return Err("wrong grant_type".into());
    }
    let jwt = form.get("assertion").ok_or("no assertion")?;
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() != 3 {
        return Err("assertion is not a JWT".into());
    }
    // gcp_auth pads its base64url segments; Google's endpoint accepts both forms.
    let b64 = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let header: serde_json::Value =
        serde_json::from_slice(&b64.decode(parts[0]).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(parts[1]).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let signature = b64.decode(parts[2]).map_err(|e| e.to_string())?;
    if header["alg"] != "RS256" {
        return Err("alg is not RS256".into());
    }
    ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        public_key,
    )
    .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
    .map_err(|_| "bad signature".to_string())?;
    if claims["iss"] != email || claims["aud"] != aud {
        return Err(format!("wrong iss/aud: {claims}"));
    }
    if !claims["scope"]
        .as_str()
        .unwrap_or("")
        .contains("https://www.googleapis.com/auth/cloud-platform")
    {
        return Err("wrong scope".into());
    }
    let (iat, exp) = (
        claims["iat"].as_i64().unwrap_or(0),
        claims["exp"].as_i64().unwrap_or(0),
    );
    if exp <= iat || exp - iat > 3600 {
        return Err("bad lifetime".into());
    }
    Ok(())
}

fn urldecode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn service_account_file(home: &Home, pem: &str, token_uri: &str) -> std::path::PathBuf {
    let doc = serde_json::json!({
        "type": "service_account",
        "project_id": "orbis-test-project",
        "private_key_id": "0123456789abcdef",
        "private_key": pem,
        "client_email": "deployer@orbis-test-project.iam.gserviceaccount.com",
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "universe_domain": "googleapis.com"
    });
    home.write("keys/sa.json", &doc.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcp_service_account_token_round_trip_on_loopback() {
    let home = Home::new();
    let (pem, public) = rsa_key(home.path());
    let email = "deployer@orbis-test-project.iam.gserviceaccount.com";
    let server = TokenServer::start(public, email, false);
    let key = service_account_file(&home, &pem, &server.url);
    let r = run(
        &home,
        Cloud::Gcp,
        &[("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap())],
    )
    .await;
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        !json.contains(GCP_TOKEN) && !json.contains("PRIVATE KEY"),
        "{json}"
    );
    let c = only(&r);
    assert_eq!(c.status, Status::Ok, "{c:#?}");
    assert_eq!(c.profile.as_deref(), Some("application-default"));
    assert_eq!(c.identity.as_deref(), Some(email));
    assert!(c.message.contains("project orbis-test-project"), "{c:#?}");
    let expires = c.expires_at.as_deref().unwrap();
    assert!(expires.ends_with('Z') && expires > "2025", "{expires}");
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcp_refused_key_is_denied() {
    let home = Home::new();
    let (pem, public) = rsa_key(home.path());
    let email = "deployer@orbis-test-project.iam.gserviceaccount.com";
    let server = TokenServer::start(public, email, true);
    let key = service_account_file(&home, &pem, &server.url);
    let r = run(
        &home,
        Cloud::Gcp,
        &[("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap())],
    )
    .await;
    let c = only(&r);
    assert_eq!(c.status, Status::Denied, "{c:#?}");
    assert_eq!(
        c.fix.as_deref(),
        Some("gcloud auth application-default login")
    );
    assert!(c.message.contains("refused"), "{c:#?}");
    assert!(server.requests.load(Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn gcp_without_application_default_credentials() {
    let home = Home::new();
    let c = only(&run(&home, Cloud::Gcp, &[]).await).clone();
    assert_eq!(
        (c.status, c.profile.as_deref()),
        (Status::NotConfigured, None)
    );
    assert_eq!(
        c.fix.as_deref(),
        Some("gcloud auth application-default login")
    );

    // gcloud signed in, but no ADC: say what is missing.
    home.write(
        ".config/gcloud/configurations/config_default",
        "[core]\naccount = me@corp.example\n",
    );
    let c = only(&run(&home, Cloud::Gcp, &[]).await).clone();
    assert_eq!(c.status, Status::NotConfigured);
    assert!(
        c.message.contains("gcloud is signed in as me@corp.example"),
        "{c:#?}"
    );

    // User credentials outside the process's home are reported, not sent anywhere.
    home.write(
        ".config/gcloud/application_default_credentials.json",
        "{\"type\": \"authorized_user\", \"client_id\": \"x\", \"client_secret\": \"y\", \"refresh_token\": \"z\"}",
    );
    let c = only(&run(&home, Cloud::Gcp, &[]).await).clone();
    assert_eq!(c.status, Status::NotConfigured, "{c:#?}");
    assert!(c.message.contains("cannot be checked"), "{c:#?}");
}

// ---------------------------------------------------------------- Kubernetes

#[tokio::test]
async fn kube_contexts_exec_plugins_on_path() {
    let home = Home::new();
    home.write_exec("bin/gke-gcloud-auth-plugin", "#!/bin/sh\nexit 0\n");
    home.write(
        ".kube/config",
        "current-context: gke\nclusters:\n- name: gke_proj_europe-west1_main\n  cluster: {server: 'https://1.2.3.4'}\n\
         contexts:\n- {name: gke, context: {cluster: gke_proj_europe-west1_main, user: gke}}\n- {name: aks, context: {cluster: aks, user: aks}}\n- {name: eks, context: {cluster: eks, user: eks}}\n- {name: old-gke, context: {cluster: gke_proj_europe-west1_main, user: legacy}}\n- {name: orphan, context: {cluster: aks, user: ghost}}\n\
         users:\n- {name: gke, user: {exec: {command: gke-gcloud-auth-plugin, apiVersion: client.authentication.k8s.io/v1beta1}}}\n- {name: aks, user: {exec: {command: kubelogin, args: [get-token]}}}\n- {name: eks, user: {exec: {command: aws, args: [eks, get-token]}}}\n- {name: legacy, user: {auth-provider: {name: gcp}}}\n",
    );
    let r = run(&home, Cloud::Kubernetes, &[]).await;
    let c = |n: &str| {
        r.checks
            .iter()
            .find(|c| c.profile.as_deref() == Some(n))
            .unwrap()
    };
    assert_eq!(c("gke").status, Status::Ok, "{:#?}", c("gke"));
    assert!(c("gke").message.contains("not contacted"));
    assert_eq!(c("aks").status, Status::Error);
    assert_eq!(c("aks").fix.as_deref(), Some("az aks install-cli"));
    assert_eq!(c("eks").status, Status::Error);
    assert!(c("eks").message.contains("AWS CLI"), "{:#?}", c("eks"));
    assert_eq!(
        c("old-gke").fix.as_deref(),
        Some(
            "gcloud container clusters get-credentials main --location europe-west1 --project proj"
        )
    );
    assert_eq!(c("orphan").status, Status::Error);
    assert!(!r.all_ok());
}

#[tokio::test]
async fn profile_filter_and_all_clouds_when_nothing_is_configured() {
    let home = Home::new();
    let r = doctor(&home.context(&[]), &DoctorOptions::default()).await;
    let clouds: Vec<Cloud> = r.checks.iter().map(|c| c.cloud).collect();
    assert_eq!(clouds, Cloud::ALL);
    assert!(r.checks.iter().all(|c| c.status == Status::NotConfigured));
    assert!(r.all_ok());
    let json = serde_json::to_value(&r).unwrap();
    let first = &json["checks"][0];
    for key in [
        "cloud",
        "profile",
        "status",
        "identity",
        "expires_at",
        "message",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["status"], "not_configured");
    assert_eq!(first["cloud"], "aws");
}

// ---------------------------------------------------------------- GKE discovery

type Answer = Box<dyn Fn(&str, &str) -> (&'static str, String) + Send>;

/// A loopback stand-in for a cloud's JSON API: answers what `answer(method, path)` says to a
/// request that carries `token` as its bearer token (401 otherwise), and keeps the requests
/// ("METHOD /path?query") it saw.
fn loopback_api(
    token: &'static str,
    answer: Answer,
) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().unwrap().port()
    );
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut authorized = false;
            let mut length = 0;
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let lower = h.to_ascii_lowercase();
                if lower == format!("authorization: bearer {}", token.to_ascii_lowercase()) {
                    authorized = true;
                }
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut parts = request_line.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            log.lock().unwrap().push(format!("{method} {path}"));
            let (status, body) = if authorized {
                answer(method, path)
            } else {
                ("401 Unauthorized", r#"{"error":{"code":401,"message":"Request had invalid authentication credentials."}}"#.to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, seen)
}

fn container_api(
    status: &'static str,
    body: String,
) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    loopback_api(GCP_TOKEN, Box::new(move |_, _| (status, body.clone())))
}

/// The shape of `projects.locations.clusters.list` (fields trimmed to those read, plus a few
/// that are not): a regional cluster running, a zonal one still provisioning (no endpoint yet),
/// and a zone Google could not answer for.
fn gke_list() -> String {
    serde_json::json!({
        "clusters": [
            {"name": "web", "location": "europe-west1", "zone": "europe-west1",
             "endpoint": "34.76.10.20", "currentMasterVersion": "1.30.5-gke.1014001",
             "status": "RUNNING", "currentNodeCount": 3,
             "masterAuth": {"clusterCaCertificate": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"},
             "selfLink": "https://container.googleapis.com/v1/projects/orbis-test-project/locations/europe-west1/clusters/web"},
            {"name": "batch", "location": "us-central1-a", "zone": "us-central1-a",
             "currentMasterVersion": "1.31.1-gke.1146000", "status": "PROVISIONING",
             "masterAuth": {}}
        ],
        "missingZones": ["asia-east1-a"]
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gke_clusters_of_the_signed_in_project() {
    let home = Home::new();
    let (pem, public) = rsa_key(home.path());
    let email = "deployer@orbis-test-project.iam.gserviceaccount.com";
    let tokens = TokenServer::start(public, email, false);
    let key = service_account_file(&home, &pem, &tokens.url);
    let (api, paths) = container_api("200 OK", gke_list());
    let ctx = home.context(&[
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
        ("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", &api),
    ]);
    let found = orbis_cloud::gke::discover_gke(&ctx, None).await.unwrap();
    assert_eq!(
        found.project, "orbis-test-project",
        "the key file's project"
    );
    assert_eq!(found.identity, email);
    assert_eq!(
        paths.lock().unwrap().as_slice(),
        ["GET /v1/projects/orbis-test-project/locations/-/clusters"]
    );
    let web = &found.clusters[0];
    assert_eq!(
        (
            web.name.as_str(),
            web.location.as_str(),
            web.endpoint.as_str(),
            web.status.as_str()
        ),
        ("web", "europe-west1", "34.76.10.20", "RUNNING")
    );
    assert_eq!(web.version, "1.30.5-gke.1014001");
    assert_eq!(
        web.certificate_authority,
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"
    );
    let batch = &found.clusters[1];
    assert_eq!(
        (batch.endpoint.as_str(), batch.status.as_str()),
        ("", "PROVISIONING")
    );
    assert_eq!(found.errors.len(), 1);
    assert_eq!(found.errors[0].region, "asia-east1-a");
    assert!(
        !format!("{found:?}").contains(GCP_TOKEN),
        "the token never leaves the call"
    );

    // Another project, asked for by name.
    let (api, paths) = container_api("200 OK", r#"{}"#.to_string());
    let ctx = home.context(&[
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
        ("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", &api),
    ]);
    let none = orbis_cloud::gke::discover_gke(&ctx, Some("other-project"))
        .await
        .unwrap();
    assert!(none.clusters.is_empty() && none.errors.is_empty());
    assert_eq!(
        paths.lock().unwrap()[0],
        "GET /v1/projects/other-project/locations/-/clusters"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gke_refusals_and_missing_settings_say_what_to_do() {
    let home = Home::new();
    // No Google sign-in at all.
    let err = orbis_cloud::gke::discover_gke(&home.context(&[]), Some("p"))
        .await
        .unwrap_err();
    assert_eq!(err.code.as_str(), "cloud.credentials_unavailable");
    assert!(
        err.hint.contains("gcloud auth application-default login"),
        "{err:?}"
    );

    let (pem, public) = rsa_key(home.path());
    let email = "deployer@orbis-test-project.iam.gserviceaccount.com";
    let tokens = TokenServer::start(public, email, false);
    let key = service_account_file(&home, &pem, &tokens.url);
    // Not allowed to list clusters: Google's own words, and what to ask for.
    let (api, _) = container_api(
        "403 Forbidden",
        r#"{"error":{"code":403,"message":"Required \"container.clusters.list\" permission(s) for \"projects/orbis-test-project\".","status":"PERMISSION_DENIED"}}"#.to_string(),
    );
    let ctx = home.context(&[
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
        ("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", &api),
    ]);
    let err = orbis_cloud::gke::discover_gke(&ctx, None)
        .await
        .unwrap_err();
    assert_eq!(err.code.as_str(), "cloud.denied");
    assert!(err.message.contains("container.clusters.list"), "{err:?}");
    assert!(!err.message.contains(GCP_TOKEN));

    // A project id that is not one is refused before any call.
    let err = orbis_cloud::gke::discover_gke(&ctx, Some("My Project/../x"))
        .await
        .unwrap_err();
    assert!(err.hint.contains("project id"), "{err:?}");
}

// ---------------------------------------------------------------- AKS discovery

const AKS_SUB_A: &str = "00000000-0000-0000-0000-0000000000aa";
const AKS_SUB_B: &str = "00000000-0000-0000-0000-0000000000bb";
const AKS_PROFILE: &str = "\u{feff}{\"subscriptions\": [{\"id\": \"00000000-0000-0000-0000-0000000000aa\", \"name\": \"Platform Prod\", \"state\": \"Enabled\", \"user\": {\"name\": \"ops@example.com\", \"type\": \"user\"}, \"isDefault\": true, \"tenantId\": \"11111111-2222-3333-4444-555555555555\", \"environmentName\": \"AzureCloud\"}, {\"id\": \"00000000-0000-0000-0000-0000000000bb\", \"name\": \"Sandbox\", \"state\": \"Enabled\", \"user\": {\"name\": \"ops@example.com\", \"type\": \"user\"}, \"isDefault\": false, \"tenantId\": \"11111111-2222-3333-4444-555555555555\", \"environmentName\": \"AzureCloud\"}, {\"id\": \"00000000-0000-0000-0000-0000000000cc\", \"name\": \"Old\", \"state\": \"Disabled\", \"user\": {\"name\": \"ops@example.com\", \"type\": \"user\"}, \"isDefault\": false, \"tenantId\": \"11111111-2222-3333-4444-555555555555\", \"environmentName\": \"AzureCloud\"}]}";

fn aks_cluster(sub: &str, rg: &str, name: &str, state: &str, power: &str) -> serde_json::Value {
    serde_json::json!({
        "id": format!("/subscriptions/{sub}/resourcegroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}"),
        "location": "westeurope", "name": name, "type": "Microsoft.ContainerService/ManagedClusters",
        "properties": {"provisioningState": state, "powerState": {"code": power},
                       "kubernetesVersion": "1.30", "currentKubernetesVersion": "1.30.6",
                       "dnsPrefix": format!("{name}-dns"), "fqdn": format!("{name}-dns-4x2k1f.hcp.westeurope.azmk8s.io"),
                       "enableRBAC": true, "aadProfile": {"managed": true, "enableAzureRBAC": true}}
    })
}

/// The Azure CLI stand-in: a token for the management scope, as `az account get-access-token`.
fn az_with_token(home: &Home) {
    home.write(".azure/azureProfile.json", AKS_PROFILE);
    home.write_exec(
        "bin/az",
        &format!(
            "#!/bin/sh\n# Stand-in for the Azure CLI.\nprintf '{{\"accessToken\": \"{AZ_TOKEN}\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"subscription\": \"{AKS_SUB_A}\", \"tenant\": \"11111111-2222-3333-4444-555555555555\", \"tokenType\": \"Bearer\"}}'\n"
        ),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aks_clusters_of_every_enabled_subscription_and_a_user_kubeconfig() {
    let home = Home::new();
    az_with_token(&home);
    let kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- name: shop\n  cluster:\n    server: https://shop-dns-4x2k1f.hcp.westeurope.azmk8s.io:443\ncontexts:\n- name: shop\n  context:\n    cluster: shop\n    user: clusterUser_rg-shop_shop\ncurrent-context: shop\nusers:\n- name: clusterUser_rg-shop_shop\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n      args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]\n";
    let encoded = base64::engine::general_purpose::STANDARD.encode(kubeconfig);
    let (api, seen) = loopback_api(
        AZ_TOKEN,
        Box::new(move |method, path| {
            let list =
                "/providers/Microsoft.ContainerService/managedClusters?api-version=2024-05-01";
            if method == "GET" && path == format!("/subscriptions/{AKS_SUB_A}{list}") {
                // Page 1 of 2: Azure's nextLink is absolute (to the public endpoint).
                let body = serde_json::json!({
                    "value": [aks_cluster(AKS_SUB_A, "rg-shop", "shop", "Succeeded", "Running")],
                    "nextLink": format!("https://management.azure.com/subscriptions/{AKS_SUB_A}{list}&$skipToken=page2")
                });
                ("200 OK", body.to_string())
            } else if method == "GET" && path.ends_with("$skipToken=page2") {
                let body = serde_json::json!({"value": [aks_cluster(AKS_SUB_A, "rg-data", "data", "Succeeded", "Stopped")]});
                ("200 OK", body.to_string())
            } else if method == "GET" && path.starts_with(&format!("/subscriptions/{AKS_SUB_B}")) {
                ("403 Forbidden", r#"{"error":{"code":"AuthorizationFailed","message":"The client 'ops@example.com' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '/subscriptions/00000000-0000-0000-0000-0000000000bb'."}}"#.to_string())
            } else if method == "POST"
                && path.ends_with(
                    "/managedClusters/shop/listClusterUserCredential?api-version=2024-05-01",
                )
            {
                (
                    "200 OK",
                    serde_json::json!({"kubeconfigs": [{"name": "clusterUser", "value": encoded}]})
                        .to_string(),
                )
            } else {
                (
                    "404 Not Found",
                    r#"{"error":{"code":"NotFound","message":"no such route"}}"#.to_string(),
                )
            }
        }),
    );
    let ctx = home.context(&[("ORBIS_AZURE_ENDPOINT_URL", &api)]);
    let found = orbis_cloud::aks::discover_aks(&ctx, None).await.unwrap();
    assert_eq!(
        found.subscriptions,
        ["Platform Prod", "Sandbox"],
        "the disabled one is skipped"
    );
    let names: Vec<(&str, &str, &str)> = found
        .clusters
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.resource_group.as_str(),
                c.status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("shop", "rg-shop", "Succeeded"),
            ("data", "rg-data", "Stopped")
        ]
    );
    let shop = &found.clusters[0];
    assert_eq!(shop.version, "1.30.6");
    assert_eq!(shop.location, "westeurope");
    assert_eq!(shop.subscription_id, AKS_SUB_A);
    assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
    assert_eq!(found.errors[0].region, "Sandbox");
    assert_eq!(found.errors[0].code, "cloud.denied");
    assert!(
        found.errors[0].message.contains("AuthorizationFailed"),
        "{:?}",
        found.errors
    );

    let text = orbis_cloud::aks::aks_user_kubeconfig(&ctx, &shop.id)
        .await
        .unwrap();
    assert_eq!(text, kubeconfig);
    let requests = seen.lock().unwrap().clone();
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("POST ") && r.contains("/listClusterUserCredential")),
        "{requests:?}"
    );
    assert!(
        !requests
            .iter()
            .any(|r| r.contains("listClusterAdminCredential")),
        "never the admin credential"
    );
    assert!(!format!("{found:?}").contains(AZ_TOKEN));

    // Not an AKS id: refused before any call.
    let err = orbis_cloud::aks::aks_user_kubeconfig(&ctx, "https://evil.example/x")
        .await
        .unwrap_err();
    assert!(err.hint.contains("Look for clusters again"), "{err:?}");
    // One subscription named: only it is listed.
    let one = orbis_cloud::aks::discover_aks(&ctx, Some("Sandbox"))
        .await
        .unwrap();
    assert_eq!(one.subscriptions, ["Sandbox"]);
    assert!(one.clusters.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aks_expired_sign_in_stops_with_az_login() {
    let home = Home::new();
    home.write(".azure/azureProfile.json", AKS_PROFILE);
    home.write_exec(
        "bin/az",
        "#!/bin/sh\necho 'ERROR: AADSTS700082: The refresh token has expired due to inactivity.' >&2\necho 'az login' >&2\nexit 1\n",
    );
    let err = orbis_cloud::aks::discover_aks(&home.context(&[]), None)
        .await
        .unwrap_err();
    assert_eq!(err.code.as_str(), "cloud.expired");
    assert!(err.hint.contains("`az login`"), "{err:?}");
    // No Azure CLI at all.
    let bare = Home::new();
    let err = orbis_cloud::aks::discover_aks(&bare.context(&[]), None)
        .await
        .unwrap_err();
    assert_eq!(err.code.as_str(), "cloud.credentials_unavailable");
}
