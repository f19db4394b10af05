//! The `gcs` backend: the JSON API's media download of the workspace's state object and of its
//! lock object (`<workspace>.tflock`, whose body is Terraform's lock record and whose
//! generation is the lock id), with a token from the Application Default Credentials — what
//! Terraform itself uses. Reads only.
//!
//! The API base is `ORBIS_GCP_STORAGE_ENDPOINT_URL` + `/storage/v1` when set (tests: a
//! loopback server), else the backend's `storage_custom_endpoint`, else
//! `https://storage.googleapis.com/storage/v1`.

use super::get::{encode, get, Answer};
use super::{RemoteFetch, RemoteLock};
use crate::error::{CloudError, ErrorCode};
use crate::tokens::{gcp_sign_in, ADC_LOGIN};
use crate::Context;
use orbis_state::GcsLocation;
use secrecy::{ExposeSecret, SecretString};

pub const STORAGE_ENDPOINT_VAR: &str = "ORBIS_GCP_STORAGE_ENDPOINT_URL";
const DEFAULT_BASE: &str = "https://storage.googleapis.com/storage/v1";
const SERVICE: &str = "Google Cloud Storage";

fn api_base(ctx: &Context, loc: &GcsLocation) -> String {
    if let Some(o) = ctx.var(STORAGE_ENDPOINT_VAR).filter(|v| !v.is_empty()) {
        return format!("{}/storage/v1", o.trim_end_matches('/'));
    }
    loc.custom_endpoint
        .as_deref()
        .unwrap_or(DEFAULT_BASE)
        .trim_end_matches('/')
        .to_string()
}

/// `GET {base}/b/{bucket}/o/{object}?alt=media`.
pub fn media_url(ctx: &Context, loc: &GcsLocation, object: &str) -> String {
    format!(
        "{}/b/{}/o/{}?alt=media",
        api_base(ctx, loc),
        encode(&loc.bucket, false),
        encode(object, false)
    )
}

async fn download(
    ctx: &Context,
    loc: &GcsLocation,
    object: &str,
    token: &SecretString,
) -> Result<Answer, CloudError> {
    get(
        &media_url(ctx, loc, object),
        &[(
            "authorization",
            format!("Bearer {}", token.expose_secret()),
        )],
        SERVICE,
        "Check the network connection (VPN, proxy) and `storage_custom_endpoint` if the backend sets one.",
    )
    .await
}

/// Reads the state object of `loc` and its lock holder.
pub async fn fetch_gcs(ctx: &Context, loc: &GcsLocation) -> Result<RemoteFetch, CloudError> {
    let sign_in = gcp_sign_in(ctx).await?;
    let answer = download(ctx, loc, &loc.state_object, &sign_in.token).await?;
    let source = loc.url();
    match answer.status {
        200 => {}
        404 => return Err(not_found(loc, &answer)),
        401 => {
            return Err(CloudError::new(
                ErrorCode::Expired,
                format!(
                    "{SERVICE} did not accept the sign-in of {} reading {source} (HTTP 401): {}",
                    sign_in.identity,
                    message(&answer)
                ),
                format!("Sign in again: `{ADC_LOGIN}` (the credential doctor, `orbis doctor`, checks it), then press Refresh."),
            ))
        }
        403 => {
            return Err(CloudError::new(
                ErrorCode::Denied,
                format!(
                    "{SERVICE} denied {} reading {source} (HTTP 403): {}",
                    sign_in.identity,
                    message(&answer)
                ),
                format!(
                    "Reading a state needs storage.objects.get on the bucket {} (the \"Storage Object Viewer\" role): ask for it, or `{ADC_LOGIN}` with an account that has it.",
                    loc.bucket
                ),
            ))
        }
        status => {
            return Err(CloudError::new(
                ErrorCode::Service,
                format!("{SERVICE} answered HTTP {status} for {source}: {}", message(&answer)),
                "Press Refresh; if it persists, check https://status.cloud.google.com.",
            ))
        }
    }
    let mut locks = Vec::new();
    let mut warnings = Vec::new();
    match download(ctx, loc, &loc.lock_object, &sign_in.token).await {
        Ok(a) if a.status == 200 => {
            let mut info = orbis_state::parse_lock_info(&a.body)
                .unwrap_or_else(|_| super::unknown_holder("the lock object is unreadable"));
            // Terraform's lock id is the lock object's generation, not a field of the record.
            if let Some(generation) = a.header("x-goog-generation") {
                info.id = generation.to_string();
            }
            locks.push(RemoteLock {
                kind: "gcs_lockfile",
                info,
            });
        }
        Ok(a) if a.status == 404 => {}
        Ok(a) => warnings.push(format!(
            "The lock object {} could not be read (HTTP {}), so a lock may be held.",
            loc.lock_url(),
            a.status
        )),
        Err(e) => warnings.push(format!(
            "The lock object {} could not be read, so a lock may be held: {}",
            loc.lock_url(),
            e.message
        )),
    }
    Ok(RemoteFetch {
        source,
        bytes: answer.body,
        locks,
        warnings,
    })
}

/// The `error.message` of a JSON API error body.
fn message(answer: &Answer) -> String {
    serde_json::from_slice::<serde_json::Value>(&answer.body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| "no details".into())
}

fn not_found(loc: &GcsLocation, answer: &Answer) -> CloudError {
    let text = message(answer);
    if text.to_ascii_lowercase().contains("bucket") {
        return CloudError::new(
            ErrorCode::StateNotFound,
            format!("The bucket {} does not exist ({text}).", loc.bucket),
            "Check `bucket` in the backend block (`gcloud storage ls` lists the buckets you can see).",
        );
    }
    super::no_state(&loc.url(), &loc.workspace, "prefix")
}
