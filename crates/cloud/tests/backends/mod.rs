//! Loopback stand-ins for the state services of the azurerm, gcs and remote/cloud backends,
//! shared by the orbis-cloud, orbis-app and orbis-cli tests. They answer with the shapes the
//! public API documentation gives (written here from the docs, not recorded from a live
//! account):
//! - Azure Blob Storage "Get Blob" (learn.microsoft.com/rest/api/storageservices/get-blob):
//!   path-style `/{account}/{container}/{blob}`, `x-ms-lease-state`/`x-ms-lease-status`,
//!   `x-ms-meta-*` metadata headers, errors as `x-ms-error-code` + an XML `<Error>` body.
//!   A bearer token needs `x-ms-version`; without it the service answers 400.
//! - Cloud Storage JSON API media download (cloud.google.com/storage/docs/json_api/v1/objects/get):
//!   `/storage/v1/b/{bucket}/o/{object}?alt=media`, `x-goog-generation`, JSON error bodies;
//!   plus Google's OAuth token endpoint (`POST /token`) for gcp_auth's JWT-bearer grant.
//! - HCP Terraform API (developer.hashicorp.com/terraform/cloud-docs/api-docs): JSON:API
//!   workspace show with `include=locked_by`, current-state-version with
//!   `hosted-state-download-url`, `{"errors": [...]}` bodies.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The token the stand-in `az` hands out for the storage scope (and only for it).
pub const AZ_STORAGE_TOKEN: &str = "orbisFAKEazureSTORAGEtokenDONOTleak";
pub const AZ_MANAGEMENT_TOKEN: &str = "orbisFAKEazureARMtokenWRONGscope";
pub const GCP_TOKEN: &str = "ya29.orbisFAKEgcsTOKENdoNOTleak";
pub const TFE_TOKEN: &str = "orbisFAKE.atlasv1.tfeTOKENdoNOTleak";

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Percent-decoded path.
    pub path: String,
    pub query: String,
    pub headers: BTreeMap<String, String>,
}

pub struct Response {
    pub status: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

fn answer(status: &'static str, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
    }
}

type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// A threaded HTTP/1.1 server on 127.0.0.1 that records every request.
pub struct Stub {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Request>>>,
}

fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

impl Stub {
    pub fn start(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Stub {
        let handler: Handler = Arc::new(handler);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(500) {
                let Ok(mut stream) = stream else { continue };
                let (handler, log) = (handler.clone(), log.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let method = parts.next().unwrap_or("").to_string();
                    let target = parts.next().unwrap_or("").to_string();
                    let mut headers = BTreeMap::new();
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).is_err() {
                            return;
                        }
                        let h = h.trim_end();
                        if h.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                        }
                    }
                    let length: usize = headers
                        .get("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; length];
                    let _ = reader.read_exact(&mut body);
                    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                    let req = Request {
                        method,
                        path: decode(path),
                        query: query.to_string(),
                        headers,
                    };
                    log.lock().unwrap().push(req.clone());
                    let resp = handler(&req);
                    let mut head = format!("HTTP/1.1 {}\r\n", resp.status);
                    for (k, v) in &resp.headers {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    head.push_str(&format!(
                        "Content-Length: {}\r\nConnection: close\r\n\r\n",
                        resp.body.len()
                    ));
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&resp.body);
                });
            }
        });
        Stub { url, seen }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }

    /// Whether any request carried `secret` in a header other than Authorization, a path or
    /// a query (tokens belong in the Authorization header only).
    pub fn leaked(&self, secret: &str) -> bool {
        self.requests().iter().any(|r| {
            r.path.contains(secret)
                || r.query.contains(secret)
                || r.headers
                    .iter()
                    .any(|(k, v)| k != "authorization" && v.contains(secret))
        })
    }
}

// ---------------------------------------------------------------- Azure Blob Storage

pub struct Blob {
    pub body: Vec<u8>,
    /// The lock record Terraform writes into `terraformlockid` when it leases the blob.
    pub lease_record: Option<String>,
}

fn azure_error(status: &'static str, code: &str, message: &str) -> Response {
    let mut r = answer(
        status,
        "application/xml",
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}\nRequestId:4d6c1b2e-001e-0000-0000-000000000000\nTime:2026-11-27T10:00:00.0000000Z</Message></Error>"
        ),
    );
    r.headers.push(("x-ms-error-code".into(), code.into()));
    r
}

/// Blobs by `/{account}/{container}/{blob}`; `denied` accounts answer 403 to everyone.
pub fn azure_blob_service(
    blobs: BTreeMap<String, Blob>,
    denied: Vec<String>,
) -> impl Fn(&Request) -> Response + Send + Sync {
    move |req| {
        if req.headers.get("authorization").map(String::as_str)
            != Some(&format!("Bearer {AZ_STORAGE_TOKEN}"))
        {
            return azure_error(
                "401 Server failed to authenticate the request.",
                "InvalidAuthenticationInfo",
                "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
            );
        }
        if !req.headers.contains_key("x-ms-version") {
            return azure_error(
                "400 Authentication scheme Bearer is not supported in this version.",
                "InvalidHeaderValue",
                "Authentication scheme Bearer is not supported in this version.",
            );
        }
        if req.method != "GET" {
            return azure_error("405 Method Not Allowed", "UnsupportedHttpVerb", "read only");
        }
        let mut segs = req.path.trim_start_matches('/').splitn(3, '/');
        let (account, container) = (segs.next().unwrap_or(""), segs.next().unwrap_or(""));
        if denied.iter().any(|d| d == account) {
            return azure_error(
                "403 This request is not authorized to perform this operation using this permission.",
                "AuthorizationPermissionMismatch",
                "This request is not authorized to perform this operation using this permission.",
            );
        }
        let Some(blob) = blobs.get(&req.path) else {
            let container_known = blobs
                .keys()
                .any(|k| k.starts_with(&format!("/{account}/{container}/")));
            return if container_known {
                azure_error(
                    "404 The specified blob does not exist.",
                    "BlobNotFound",
                    "The specified blob does not exist.",
                )
            } else {
                azure_error(
                    "404 The specified container does not exist.",
                    "ContainerNotFound",
                    "The specified container does not exist.",
                )
            };
        };
        let mut r = answer("200 OK", "application/json", blob.body.clone());
        r.headers.extend([
            ("x-ms-blob-type".into(), "BlockBlob".into()),
            ("x-ms-version".into(), "2023-11-03".into()),
            ("ETag".into(), "\"0x8DCF0D1E2F3A4B5\"".into()),
            (
                "Last-Modified".into(),
                "Fri, 27 Nov 2026 10:00:00 GMT".into(),
            ),
        ]);
        match &blob.lease_record {
            Some(record) => {
                r.headers.extend([
                    ("x-ms-lease-status".into(), "locked".into()),
                    ("x-ms-lease-state".into(), "leased".into()),
                    ("x-ms-lease-duration".into(), "infinite".into()),
                    (
                        "x-ms-meta-terraformlockid".into(),
                        base64(record.as_bytes()),
                    ),
                ]);
            }
            None => r.headers.extend([
                ("x-ms-lease-status".into(), "unlocked".into()),
                ("x-ms-lease-state".into(), "available".into()),
            ]),
        }
        r
    }
}

/// An `az` stand-in for the Azure CLI credential: the storage token for the storage scope,
/// another token for anything else (so a wrong scope is refused by the blob service).
pub fn az_script() -> String {
    format!(
        "#!/bin/sh\ncase \"$*\" in\n  *https://storage.azure.com/.default*) tok={AZ_STORAGE_TOKEN} ;;\n  *) tok={AZ_MANAGEMENT_TOKEN} ;;\nesac\nprintf '{{\"accessToken\": \"%s\", \"expiresOn\": \"2030-03-17 17:46:40.000000\", \"expires_on\": 1900000000, \"subscription\": \"7bfb2c5c-7308-46ed-8ae4-fffa356eb406\", \"tenant\": \"11111111-2222-3333-4444-555555555555\", \"tokenType\": \"Bearer\"}}' \"$tok\"\n"
    )
}

/// Standard base64 with padding (kept here so every crate including this file can use it).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------- Cloud Storage

pub struct Object {
    pub body: Vec<u8>,
    pub generation: u64,
}

fn gcs_error(status: &'static str, code: u16, message: &str, reason: &str) -> Response {
    answer(
        status,
        "application/json; charset=UTF-8",
        json!({"error": {"code": code, "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}]}})
        .to_string(),
    )
}

/// Objects by (bucket, object name); also the OAuth token endpoint. `denied` buckets answer 403.
pub fn gcs_service(
    objects: BTreeMap<(String, String), Object>,
    denied: Vec<String>,
) -> impl Fn(&Request) -> Response + Send + Sync {
    move |req| {
        if req.method == "POST" && req.path == "/token" {
            return answer(
                "200 OK",
                "application/json",
                json!({"access_token": GCP_TOKEN, "expires_in": 3599, "token_type": "Bearer"})
                    .to_string(),
            );
        }
        if req.headers.get("authorization").map(String::as_str)
            != Some(&format!("Bearer {GCP_TOKEN}"))
        {
            return gcs_error("401 Unauthorized", 401, "Invalid Credentials", "authError");
        }
        let Some(rest) = req.path.strip_prefix("/storage/v1/b/") else {
            return gcs_error("404 Not Found", 404, "Not Found", "notFound");
        };
        let Some((bucket, object)) = rest.split_once("/o/") else {
            return gcs_error("404 Not Found", 404, "Not Found", "notFound");
        };
        if req.method != "GET" || !req.query.split('&').any(|p| p == "alt=media") {
            return gcs_error("400 Bad Request", 400, "read only, media", "invalid");
        }
        if denied.iter().any(|d| d == bucket) {
            return gcs_error(
                "403 Forbidden",
                403,
                "scanner@cloudskiff-dev-elie.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).",
                "forbidden",
            );
        }
        if !objects.keys().any(|(b, _)| b == bucket) {
            return gcs_error(
                "404 Not Found",
                404,
                "The specified bucket does not exist.",
                "notFound",
            );
        }
        match objects.get(&(bucket.to_string(), object.to_string())) {
            Some(o) => {
                let mut r = answer("200 OK", "application/octet-stream", o.body.clone());
                r.headers.extend([
                    ("x-goog-generation".into(), o.generation.to_string()),
                    ("x-goog-metageneration".into(), "1".into()),
                    ("x-goog-storage-class".into(), "STANDARD".into()),
                ]);
                r
            }
            None => gcs_error(
                "404 Not Found",
                404,
                &format!("No such object: {bucket}/{object}"),
                "notFound",
            ),
        }
    }
}

/// A service-account key whose token endpoint is `token_uri` (gcp_auth signs a real JWT
/// assertion with a throwaway RSA key made by openssl).
pub fn gcp_key(dir: &std::path::Path, token_uri: &str) -> std::path::PathBuf {
    let pem = dir.join("key.pem");
    let out = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&pem)
        .output()
        .expect("openssl is needed to make a test key (run .ci/install)");
    assert!(out.status.success());
    let doc = json!({
        "type": "service_account", "project_id": "cloudskiff-dev-elie",
        "private_key_id": "0123456789abcdef", "private_key": std::fs::read_to_string(&pem).unwrap(),
        "client_email": "scanner@cloudskiff-dev-elie.iam.gserviceaccount.com",
        "client_id": "100000000000000000001", "token_uri": token_uri,
        "universe_domain": "googleapis.com"
    });
    let path = dir.join("sa.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

// ---------------------------------------------------------------- HCP Terraform

pub struct TfeWorkspace {
    pub id: String,
    /// `(type, id, attributes)` of the lock holder (`users`, `runs`, `teams`).
    pub locked_by: Option<(String, String, Value)>,
    /// The current state's download URL (absolute), or None before a first run.
    pub download_url: Option<String>,
}

fn tfe_error(status: &'static str, code: &str, title: &str) -> Response {
    answer(
        status,
        "application/vnd.api+json",
        json!({"errors": [{"status": code, "title": title}]}).to_string(),
    )
}

/// Workspaces of `org` by name.
pub fn tfe_service(
    org: String,
    workspaces: BTreeMap<String, TfeWorkspace>,
) -> impl Fn(&Request) -> Response + Send + Sync {
    move |req| {
        if req.headers.get("authorization").map(String::as_str)
            != Some(&format!("Bearer {TFE_TOKEN}"))
        {
            return tfe_error("401 Unauthorized", "401", "unauthorized");
        }
        if req.method != "GET" {
            return tfe_error("405 Method Not Allowed", "405", "read only");
        }
        let jsonapi = |v: Value| answer("200 OK", "application/vnd.api+json", v.to_string());
        if let Some(rest) = req
            .path
            .strip_prefix(&format!("/api/v2/organizations/{org}/workspaces/"))
        {
            let Some(ws) = workspaces.get(rest) else {
                return tfe_error("404 Not Found", "404", "not found");
            };
            let locked_by = ws
                .locked_by
                .as_ref()
                .map(|(t, id, _)| json!({"data": {"id": id, "type": t}}))
                .unwrap_or(json!({"data": null}));
            let mut doc = json!({"data": {
                "id": ws.id, "type": "workspaces",
                "attributes": {"name": rest, "locked": ws.locked_by.is_some(),
                    "execution-mode": "remote", "terraform-version": "1.11.4",
                    "created-at": "2026-01-05T09:00:00.000Z"},
                "relationships": {"organization": {"data": {"id": org, "type": "organizations"}},
                    "locked-by": locked_by,
                    "current-state-version": {"data": ws.download_url.as_ref().map(|_| json!({"id": "sv-cur", "type": "state-versions"}))}},
                "links": {"self": format!("/api/v2/organizations/{org}/workspaces/{rest}")}}});
            if req.query.contains("include=locked_by") {
                if let Some((t, id, attrs)) = &ws.locked_by {
                    doc["included"] = json!([{"id": id, "type": t, "attributes": attrs}]);
                }
            }
            return jsonapi(doc);
        }
        if let Some(id) = req
            .path
            .strip_prefix("/api/v2/workspaces/")
            .and_then(|p| p.strip_suffix("/current-state-version"))
        {
            let Some(ws) = workspaces.values().find(|w| w.id == id) else {
                return tfe_error("404 Not Found", "404", "not found");
            };
            let Some(url) = &ws.download_url else {
                return tfe_error("404 Not Found", "404", "not found");
            };
            return jsonapi(json!({"data": {"id": "sv-cur", "type": "state-versions",
                "attributes": {"serial": 3, "status": "finalized",
                    "hosted-state-download-url": url,
                    "hosted-json-state-download-url": format!("{url}/json"),
                    "created-at": "2026-11-27T09:00:00.000Z"}}}));
        }
        tfe_error("404 Not Found", "404", "not found")
    }
}

/// HCP's archivist: serves signed download URLs `/v1/object/{id}` without any token, and
/// answers 400 to a request that carries one (a leaked API token would be visible here).
pub fn archivist(
    objects: BTreeMap<String, Vec<u8>>,
) -> impl Fn(&Request) -> Response + Send + Sync {
    move |req| {
        if req.headers.contains_key("authorization") {
            return answer(
                "400 Bad Request",
                "text/plain",
                "unexpected Authorization header",
            );
        }
        match objects.get(&req.path) {
            Some(b) => answer("200 OK", "application/octet-stream", b.clone()),
            None => answer("404 Not Found", "text/plain", "not found"),
        }
    }
}
