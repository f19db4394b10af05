//! The `remote` backend and the `cloud` block (HCP Terraform, Terraform Enterprise): three GETs
//! of the public API — the workspace (`GET /api/v2/organizations/ORG/workspaces/NAME?include=
//! locked_by`: its id, `locked` and who holds the lock), its current state version
//! (`GET /api/v2/workspaces/ID/current-state-version`: `hosted-state-download-url`) and the
//! state itself. Never a lock or a write.
//!
//! The API token is the one Terraform uses: `TF_TOKEN_<host>` (dots as `_`, dashes as `__`),
//! else the `terraform login` credentials file; the app adds the workspace's keychain secret.
//! It goes to the API host only: a download URL on another host (HCP's archivist) is signed
//! and gets no token. `ORBIS_TFE_ENDPOINT_URL` replaces `https://HOSTNAME` (tests: loopback).

use super::get::{encode, get, Answer};
use super::{RemoteFetch, RemoteLock};
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use orbis_state::{LockInfo, TfeLocation};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

pub const TFE_ENDPOINT_VAR: &str = "ORBIS_TFE_ENDPOINT_URL";
const SERVICE: &str = "HCP Terraform";

/// `TF_TOKEN_app_terraform_io` for `app.terraform.io`, as Terraform names the variable.
pub fn token_var(hostname: &str) -> String {
    format!("TF_TOKEN_{}", hostname.replace('-', "__").replace('.', "_"))
}

/// The API token Terraform would use for `hostname`: the environment variable, else the
/// credentials file `terraform login` writes (`~/.terraform.d/credentials.tfrc.json`).
pub fn tfe_token(ctx: &Context, hostname: &str) -> Option<SecretString> {
    if let Some(t) = ctx.var(&token_var(hostname)).filter(|t| !t.is_empty()) {
        return Some(SecretString::from(t.to_string()));
    }
    let file = ctx.home()?.join(".terraform.d/credentials.tfrc.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    doc["credentials"][hostname]["token"]
        .as_str()
        .filter(|t| !t.is_empty())
        .map(|t| SecretString::from(t.to_string()))
}

fn base(ctx: &Context, loc: &TfeLocation) -> String {
    match ctx.var(TFE_ENDPOINT_VAR).filter(|v| !v.is_empty()) {
        Some(o) => o.trim_end_matches('/').to_string(),
        None => format!("https://{}", loc.hostname),
    }
}

/// `scheme://host[:port]` of a URL, to decide whether the token may go there.
fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let rest = &url[scheme_end..];
    let end = rest.find('/').map(|i| scheme_end + i).unwrap_or(url.len());
    Some(&url[..end])
}

fn login_hint(loc: &TfeLocation) -> String {
    format!(
        "Run `terraform login {host}` (TerraOrbis reads the token it saves), or set {var}, or store the token as this workspace's run secret {var} (Credentials view).",
        host = loc.hostname,
        var = token_var(&loc.hostname)
    )
}

/// Reads the current state of the workspace and who holds its lock.
pub async fn fetch_tfe(
    ctx: &Context,
    loc: &TfeLocation,
    token: Option<&SecretString>,
) -> Result<RemoteFetch, CloudError> {
    let Some(token) = token else {
        return Err(CloudError::new(
            ErrorCode::CredentialsUnavailable,
            format!(
                "There is no API token for {} to read {}.",
                loc.hostname,
                loc.url()
            ),
            login_hint(loc),
        ));
    };
    let base = base(ctx, loc);
    let auth = format!("Bearer {}", token.expose_secret());
    let headers = [
        ("authorization", auth.clone()),
        ("accept", "application/vnd.api+json".to_string()),
    ];
    let check = format!(
        "Check `hostname` ({}) and the network connection (VPN, proxy).",
        loc.hostname
    );
    let ws_url = format!(
        "{base}/api/v2/organizations/{}/workspaces/{}?include=locked_by",
        encode(&loc.organization, false),
        encode(&loc.remote_workspace, false)
    );
    let ws = get(&ws_url, &headers, SERVICE, &check).await?;
    match ws.status {
        200 => {}
        // The API answers 404 for a workspace the token may not see, too.
        404 => {
            return Err(CloudError::new(
                ErrorCode::StateNotFound,
                format!(
                    "The workspace \"{}\" of the organization \"{}\" does not exist on {}, or the API token cannot see it.",
                    loc.remote_workspace, loc.organization, loc.hostname
                ),
                "Check `organization` and `workspaces` in the block and the selected workspace (`terraform workspace show`); a token of a user without access to it gets this answer too.",
            ))
        }
        status => return Err(status_error(loc, status, &ws)),
    }
    let doc: Value = serde_json::from_slice(&ws.body).unwrap_or(Value::Null);
    let data = &doc["data"];
    let Some(ws_id) = data["id"].as_str() else {
        return Err(CloudError::new(
            ErrorCode::Service,
            format!(
                "{SERVICE} answered without a workspace id for {}.",
                loc.url()
            ),
            check,
        ));
    };
    let mut locks = Vec::new();
    if data["attributes"]["locked"].as_bool() == Some(true) {
        locks.push(RemoteLock {
            kind: "tfe_workspace",
            info: holder(&doc),
        });
    }

    let sv_url = format!(
        "{base}/api/v2/workspaces/{}/current-state-version",
        encode(ws_id, false)
    );
    let sv = get(&sv_url, &headers, SERVICE, &check).await?;
    match sv.status {
        200 => {}
        404 => {
            return Err(CloudError::new(
                ErrorCode::StateNotFound,
                format!(
                    "The workspace {} has no state yet (workspace \"{}\").",
                    loc.url(),
                    loc.workspace
                ),
                "A first run (`terraform apply`, or a run started in HCP Terraform) creates it.",
            ))
        }
        status => return Err(status_error(loc, status, &sv)),
    }
    let sv_doc: Value = serde_json::from_slice(&sv.body).unwrap_or(Value::Null);
    let Some(download) = sv_doc["data"]["attributes"]["hosted-state-download-url"].as_str() else {
        return Err(CloudError::new(
            ErrorCode::Service,
            format!(
                "{SERVICE} gave no download address for the current state of {}.",
                loc.url()
            ),
            "The state version may still be processing: press Refresh in a moment.",
        ));
    };
    let download = if download.starts_with('/') {
        format!("{base}{download}")
    } else {
        download.to_string()
    };
    // The token only ever goes to the API's own origin.
    let same_origin = origin(&download).is_some() && origin(&download) == origin(&base);
    let state_headers: Vec<(&str, String)> = if same_origin {
        vec![("authorization", auth)]
    } else {
        Vec::new()
    };
    let state = get(&download, &state_headers, SERVICE, &check).await?;
    if state.status != 200 {
        return Err(status_error(loc, state.status, &state));
    }
    Ok(RemoteFetch {
        source: loc.url(),
        bytes: state.body,
        locks,
        warnings: Vec::new(),
    })
}

/// `fetch_tfe` with the token Terraform itself would read (environment, credentials file).
pub async fn fetch_tfe_env(ctx: &Context, loc: &TfeLocation) -> Result<RemoteFetch, CloudError> {
    let token = tfe_token(ctx, &loc.hostname);
    fetch_tfe(ctx, loc, token.as_ref()).await
}

/// Who holds the workspace lock: the `locked-by` relationship, named from `included`
/// (a user's username, a run's id, a team's name).
fn holder(doc: &Value) -> LockInfo {
    let by = &doc["data"]["relationships"]["locked-by"]["data"];
    let (kind, id) = (
        by["type"].as_str().unwrap_or(""),
        by["id"].as_str().unwrap_or(""),
    );
    let included = doc["included"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["type"] == by["type"] && i["id"] == by["id"]);
    let attrs = included.map(|i| &i["attributes"]);
    let who = match kind {
        "users" => attrs
            .and_then(|a| a["username"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("user {id}")),
        "teams" => attrs
            .and_then(|a| a["name"].as_str())
            .map(|n| format!("team {n}"))
            .unwrap_or_else(|| format!("team {id}")),
        "runs" => format!("run {id}"),
        "" => "(unknown: the workspace is locked, the API does not say by whom)".to_string(),
        other => format!("{other} {id}"),
    };
    let operation = match kind {
        "runs" => attrs
            .and_then(|a| a["status"].as_str())
            .map(|s| format!("run ({s})"))
            .unwrap_or_else(|| "run".into()),
        _ => "locked in HCP Terraform".into(),
    };
    let created = attrs
        .and_then(|a| a["created-at"].as_str())
        .filter(|_| kind == "runs")
        .unwrap_or("")
        .to_string();
    LockInfo {
        id: id.to_string(),
        operation,
        info: String::new(),
        who,
        version: String::new(),
        created,
        path: String::new(),
    }
}

fn status_error(loc: &TfeLocation, status: u16, answer: &Answer) -> CloudError {
    let detail = serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .and_then(|v| {
            v["errors"][0]["detail"]
                .as_str()
                .or(v["errors"][0]["title"].as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    };
    match status {
        401 => CloudError::new(
            ErrorCode::Expired,
            format!(
                "{} did not accept the API token (HTTP 401{detail}).",
                loc.hostname
            ),
            login_hint(loc),
        ),
        403 => CloudError::new(
            ErrorCode::Denied,
            format!(
                "{} denied reading the state of {} (HTTP 403{detail}).",
                loc.hostname,
                loc.url()
            ),
            "Reading state needs the workspace's \"read state versions\" permission: ask an organization owner, or use a token of a user or team that has it.",
        ),
        429 => CloudError::new(
            ErrorCode::Service,
            format!("{} throttled the request (HTTP 429).", loc.hostname),
            "Wait a minute, then press Refresh.",
        ),
        _ => CloudError::new(
            ErrorCode::Service,
            format!("{} answered HTTP {status}{detail} for {}.", loc.hostname, loc.url()),
            "Press Refresh; if it persists, check the service's status page.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn token_variables_and_origins_follow_terraform() {
        assert_eq!(token_var("app.terraform.io"), "TF_TOKEN_app_terraform_io");
        assert_eq!(
            token_var("tfe.my-corp.example"),
            "TF_TOKEN_tfe_my__corp_example"
        );
        assert_eq!(origin("https://h.io/api/v2/x?y"), Some("https://h.io"));
        assert_eq!(origin("http://127.0.0.1:9/a"), Some("http://127.0.0.1:9"));
        assert_eq!(origin("no-scheme"), None);
    }

    #[test]
    fn lock_holders_are_named_from_included() {
        let doc = json!({"data": {"id": "ws-1", "attributes": {"locked": true},
            "relationships": {"locked-by": {"data": {"id": "user-9", "type": "users"}}}},
            "included": [{"id": "user-9", "type": "users", "attributes": {"username": "ana"}}]});
        let l = holder(&doc);
        assert_eq!((l.who.as_str(), l.id.as_str()), ("ana", "user-9"));
        let run = json!({"data": {"relationships": {"locked-by": {"data": {"id": "run-3", "type": "runs"}}}},
            "included": [{"id": "run-3", "type": "runs", "attributes": {"status": "applying", "created-at": "2026-11-27T10:00:00.000Z"}}]});
        let l = holder(&run);
        assert_eq!(l.who, "run run-3");
        assert_eq!(l.operation, "run (applying)");
        assert_eq!(l.created, "2026-11-27T10:00:00.000Z");
        assert!(holder(&json!({})).who.contains("unknown"));
    }
}
