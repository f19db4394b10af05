//! A loopback stand-in for Azure Resource Graph, Google Cloud Asset Inventory and Google's
//! OAuth token endpoint, replaying recorded-style answers. The API envelopes (Resource Graph's
//! `{"data", "$skipToken"}`, searchAllResources' `{"results", "nextPageToken"}`, the error
//! bodies) are constructed here around resource attributes recorded from real accounts: the
//! driftctl cloud fixtures of ../shared/corpora/drift. Paging is real (small pages, tokens
//! checked), the bearer token is checked, and scopes can be made to answer 403.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const AZ_TOKEN: &str = "orbisFAKEazureTOKENdoNOTleak";
pub const GCP_TOKEN: &str = "ya29.orbisFAKEgoogleTOKENdoNOTleak";

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift")
}

/// A recorded cloud fixture (driftctl's `results.golden.json`): attribute maps.
pub fn fixture(case: &str) -> Vec<Value> {
    let p = corpus().join(format!(
        "driftctl/HEAD/enumeration/remote/test/{case}/results.golden.json"
    ));
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

#[derive(Default)]
pub struct Data {
    /// Resource Graph rows per subscription id.
    pub azure: BTreeMap<String, Vec<Value>>,
    /// searchAllResources results per project id.
    pub gcp: BTreeMap<String, Vec<Value>>,
    /// Scopes (subscription or project ids) that answer 403.
    pub denied: Vec<String>,
    /// Rows per page.
    pub page: usize,
}

/// What the server saw: one line per request (`METHOD path`), and the pages served.
#[derive(Default)]
pub struct Seen {
    pub requests: Vec<String>,
    pub bad_tokens: usize,
}

pub struct Replay {
    pub url: String,
    pub seen: Arc<Mutex<Seen>>,
}

impl Replay {
    pub fn start(data: Data) -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(Seen::default()));
        let data = Arc::new(data);
        let log = seen.clone();
        std::thread::spawn(move || {
            // Bounded: the test's requests only.
            for stream in listener.incoming().take(500) {
                let Ok(mut stream) = stream else { continue };
                let (data, log) = (data.clone(), log.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let method = parts.next().unwrap_or("").to_string();
                    let target = parts.next().unwrap_or("").to_string();
                    let (mut length, mut auth) = (0usize, String::new());
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).is_err() {
                            return;
                        }
                        let h = h.trim_end();
                        if h.is_empty() {
                            break;
                        }
                        let (k, v) = h.split_once(':').unwrap_or((h, ""));
                        match k.to_ascii_lowercase().as_str() {
                            "content-length" => length = v.trim().parse().unwrap_or(0),
                            "authorization" => auth = v.trim().to_string(),
                            _ => {}
                        }
                    }
                    let mut body = vec![0; length];
                    let _ = reader.read_exact(&mut body);
                    let (status, answer) = route(&data, &log, &method, &target, &auth, &body);
                    let text = answer.to_string();
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                        text.len()
                    );
                });
            }
        });
        Replay { url, seen }
    }
}

fn page_of(rows: &[Value], from: usize, size: usize) -> (Vec<Value>, Option<String>) {
    let end = (from + size).min(rows.len());
    let next = (end < rows.len()).then(|| format!("page-after-{end}"));
    (rows[from.min(end)..end].to_vec(), next)
}

fn token_offset(t: Option<&str>) -> usize {
    t.and_then(|t| t.strip_prefix("page-after-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn route(
    data: &Data,
    log: &Mutex<Seen>,
    method: &str,
    target: &str,
    auth: &str,
    body: &[u8],
) -> (&'static str, Value) {
    log.lock()
        .unwrap()
        .requests
        .push(format!("{method} {target}"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if method == "POST" && path == "/token" {
        return (
            "200 OK",
            json!({"access_token": GCP_TOKEN, "expires_in": 3599, "token_type": "Bearer"}),
        );
    }
    let expected = if path.starts_with("/v1/") {
        GCP_TOKEN
    } else {
        AZ_TOKEN
    };
    if auth != format!("Bearer {expected}") {
        log.lock().unwrap().bad_tokens += 1;
        return (
            "401 Unauthorized",
            json!({"error": {"code": "InvalidAuthenticationToken", "message": "The access token is invalid."}}),
        );
    }
    if method == "POST" && path == "/providers/Microsoft.ResourceGraph/resources" {
        assert!(query.contains("api-version="), "{query}");
        let req: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let sub = req["subscriptions"][0].as_str().unwrap_or("").to_string();
        if data.denied.contains(&sub) {
            return (
                "403 Forbidden",
                json!({"error": {"code": "AuthorizationFailed",
                "message": format!("The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/{sub}'.")}}),
            );
        }
        let rows = data.azure.get(&sub).cloned().unwrap_or_default();
        let top = req["options"]["$top"].as_u64().unwrap_or(1000) as usize;
        let from = token_offset(req["options"]["$skipToken"].as_str());
        let (page, next) = page_of(&rows, from, top.min(data.page));
        let mut out = json!({"totalRecords": rows.len(), "count": page.len(),
                             "resultTruncated": "false", "data": page});
        if let Some(n) = next {
            out["$skipToken"] = json!(n);
        }
        return ("200 OK", out);
    }
    if method == "GET" {
        if let Some(project) = path
            .strip_prefix("/v1/projects/")
            .and_then(|p| p.strip_suffix(":searchAllResources"))
        {
            if data.denied.iter().any(|d| d == project) {
                return (
                    "403 Forbidden",
                    json!({"error": {"code": 403, "status": "PERMISSION_DENIED",
                    "message": format!("The caller does not have permission to search resources of projects/{project}.")}}),
                );
            }
            let params: Vec<(&str, &str)> = query
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .collect();
            let get = |k: &str| params.iter().find(|(a, _)| *a == k).map(|(_, v)| *v);
            let types: Vec<&str> = params
                .iter()
                .filter(|(k, _)| *k == "assetTypes")
                .map(|(_, v)| *v)
                .collect();
            let rows: Vec<Value> = data
                .gcp
                .get(project)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|r| {
                    types.is_empty() || types.contains(&r["assetType"].as_str().unwrap_or(""))
                })
                .collect();
            let size: usize = get("pageSize").and_then(|s| s.parse().ok()).unwrap_or(100);
            let (page, next) = page_of(&rows, token_offset(get("pageToken")), size.min(data.page));
            let mut out = json!({"results": page});
            if let Some(n) = next {
                out["nextPageToken"] = json!(n);
            }
            return ("200 OK", out);
        }
    }
    (
        "404 Not Found",
        json!({"error": {"code": "NotFound", "message": target}}),
    )
}

/// A Resource Graph row (`Resources` table, objectArray format) around a recorded azurerm
/// resource's attributes.
pub fn arm_row(arm_type: &str, attrs: &Value) -> Value {
    let id = attrs["id"].as_str().unwrap();
    let sub = id.split('/').nth(2).unwrap();
    let mut props = json!({"provisioningState": "Succeeded"});
    if let Some(k) = attrs["public_key"].as_str() {
        props["publicKey"] = json!(k);
    }
    json!({
        "id": id,
        "name": attrs["name"],
        "type": arm_type,
        "location": attrs["location"].as_str().unwrap_or("global"),
        "resourceGroup": attrs["resource_group_name"],
        "subscriptionId": sub,
        "tags": attrs["tags"],
        "properties": props,
    })
}

/// A searchAllResources result around a recorded google_* resource's attributes.
pub fn asset(asset_type: &str, service: &str, attrs: &Value) -> Value {
    let id = attrs["id"].as_str().unwrap();
    let location = attrs["region"]
        .as_str()
        .or(attrs["zone"].as_str())
        .map(str::to_string)
        .or(attrs["location"].as_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| "global".into());
    json!({
        "name": format!("//{service}/{id}"),
        "assetType": asset_type,
        "project": "projects/1234567890",
        "displayName": attrs["name"],
        "location": location,
        "labels": attrs["labels"].as_object().cloned().unwrap_or_default(),
        "state": "READY",
    })
}
