//! The `s3` backend: GetObject of the workspace's state, GetItem of the DynamoDB lock item and
//! GetObject of the S3-native lockfile — reads only.

use super::{RemoteFetch, RemoteLock, MAX_BYTES};
use crate::aws::{sdk_error, AwsSession, ENV_PROFILE};
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use aws_config::{Region, SdkConfig};
use aws_sdk_dynamodb::types::AttributeValue;
use orbis_state::S3Location;

/// The profile Terraform would use: the backend's `profile`, else environment keys, else
/// `AWS_PROFILE`, else `default`.
fn profile_for(ctx: &Context, loc: &S3Location) -> String {
    if let Some(p) = &loc.profile {
        return p.clone();
    }
    if ctx.var("AWS_ACCESS_KEY_ID").is_some() && ctx.var("AWS_SECRET_ACCESS_KEY").is_some() {
        return ENV_PROFILE.to_string();
    }
    ctx.var("AWS_PROFILE").unwrap_or("default").to_string()
}

/// Reads the state object of `loc` and its lock holders.
pub async fn fetch_s3(ctx: &Context, loc: &S3Location) -> Result<RemoteFetch, CloudError> {
    let profile = profile_for(ctx, loc);
    let session = AwsSession::for_profile(ctx, &profile)
        .await
        .map_err(|e| with_profile(e, &profile))?;
    // Credentials first: an expired SSO sign-in is reported as such (with the profile's fix
    // command), not as a failed S3 call; the clients then reuse what was loaded.
    let loaded = session
        .load_credentials()
        .await
        .map_err(|e| with_profile(e, &profile))?;
    let config = &session
        .sdk_config()
        .to_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(loaded.credentials),
        )
        .build();
    let s3 = s3_client(config, loc);
    let source = loc.url();

    let object = s3
        .get_object()
        .bucket(&loc.bucket)
        .key(&loc.state_key)
        .send()
        .await
        .map_err(|e| {
            let code = e.as_service_error().map(|s| {
                (
                    s.is_no_such_key(),
                    aws_smithy_types::error::metadata::ProvideErrorMetadata::code(s)
                        == Some("NoSuchBucket"),
                )
            });
            match code {
                Some((true, _)) => not_found(loc),
                Some((_, true)) => no_bucket(loc),
                _ => with_profile(state_error(sdk_error(&e, "S3", config), loc), &profile),
            }
        })?;
    if object.content_length().unwrap_or(0) as u64 > MAX_BYTES {
        return Err(CloudError::new(
            ErrorCode::Service,
            format!(
                "The state at {source} is larger than {} MB.",
                MAX_BYTES >> 20
            ),
            "Read it with `terraform state pull > state.json` and open that file.",
        ));
    }
    let bytes = object
        .body
        .collect()
        .await
        .map_err(|e| {
            CloudError::new(
                ErrorCode::Unreachable,
                format!(
                    "The download of {source} was cut off: {}",
                    crate::aws::plain_chain(&e)
                ),
                "Check the network connection and press Refresh.",
            )
        })?
        .into_bytes()
        .to_vec();

    let mut locks = Vec::new();
    let mut warnings = Vec::new();
    if let Some(table) = &loc.dynamodb_table {
        match dynamodb_lock(config, loc, table).await {
            Ok(Some(l)) => locks.push(l),
            Ok(None) => {}
            Err(e) => warnings.push(format!(
                "The lock table {table} could not be read, so a lock may be held: {} ({})",
                e.message, e.hint
            )),
        }
    }
    if let Some(key) = &loc.lockfile_key {
        match lockfile(&s3, loc, key).await {
            Ok(Some(l)) => locks.push(l),
            Ok(None) => {}
            Err(e) => warnings.push(format!(
                "The lock file s3://{}/{key} could not be read, so a lock may be held: {}",
                loc.bucket, e.message
            )),
        }
    }
    Ok(RemoteFetch {
        source,
        bytes,
        locks,
        warnings,
    })
}

fn s3_client(config: &SdkConfig, loc: &S3Location) -> aws_sdk_s3::Client {
    let mut b = aws_sdk_s3::config::Builder::from(config);
    if let Some(r) = &loc.region {
        b = b.region(Region::new(r.clone()));
    }
    if let Some(e) = &loc.s3_endpoint {
        b = b.endpoint_url(e);
    }
    // Custom endpoints (MinIO, moto, Ceph) rarely serve virtual-hosted buckets.
    let custom = loc.s3_endpoint.is_some() || config.endpoint_url().is_some();
    aws_sdk_s3::Client::from_conf(b.force_path_style(loc.path_style || custom).build())
}

/// The lock table's item `<bucket>/<key>`: its `Info` is the lock record Terraform wrote.
async fn dynamodb_lock(
    config: &SdkConfig,
    loc: &S3Location,
    table: &str,
) -> Result<Option<RemoteLock>, CloudError> {
    let mut b = aws_sdk_dynamodb::config::Builder::from(config);
    if let Some(r) = &loc.region {
        b = b.region(Region::new(r.clone()));
    }
    if let Some(e) = &loc.dynamodb_endpoint {
        b = b.endpoint_url(e);
    }
    let client = aws_sdk_dynamodb::Client::from_conf(b.build());
    let out = client
        .get_item()
        .table_name(table)
        .key("LockID", AttributeValue::S(loc.lock_id.clone()))
        .consistent_read(true)
        .send()
        .await
        .map_err(|e| sdk_error(&e, "DynamoDB", config))?;
    let Some(item) = out.item() else {
        return Ok(None);
    };
    let info = match item.get("Info").and_then(|v| v.as_s().ok()) {
        Some(text) => orbis_state::parse_lock_info(text.as_bytes()).unwrap_or_else(|_| unknown()),
        None => unknown(),
    };
    Ok(Some(RemoteLock {
        kind: "dynamodb",
        info,
    }))
}

/// The S3-native lock object (`use_lockfile`), whose body is the lock record.
async fn lockfile(
    s3: &aws_sdk_s3::Client,
    loc: &S3Location,
    key: &str,
) -> Result<Option<RemoteLock>, CloudError> {
    let out = match s3.get_object().bucket(&loc.bucket).key(key).send().await {
        Ok(out) => out,
        Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => return Ok(None),
        Err(e) => {
            return Err(CloudError::new(
                ErrorCode::Service,
                crate::aws::plain_chain(&e),
                "",
            ))
        }
    };
    let bytes = out
        .body
        .collect()
        .await
        .map(|b| b.into_bytes().to_vec())
        .unwrap_or_default();
    Ok(Some(RemoteLock {
        kind: "s3_lockfile",
        info: orbis_state::parse_lock_info(&bytes).unwrap_or_else(|_| unknown()),
    }))
}

/// A lock item whose record cannot be read: held, by someone unknown.
fn unknown() -> orbis_state::LockInfo {
    orbis_state::LockInfo {
        id: String::new(),
        operation: String::new(),
        info: String::new(),
        who: "(unknown: the lock record is unreadable)".into(),
        version: String::new(),
        created: String::new(),
        path: String::new(),
    }
}

fn not_found(loc: &S3Location) -> CloudError {
    super::no_state(&loc.url(), &loc.workspace, "key")
}

fn no_bucket(loc: &S3Location) -> CloudError {
    CloudError::new(
        ErrorCode::StateNotFound,
        format!("The bucket {} does not exist (or is in another account).", loc.bucket),
        "Check `bucket`, `region` and the profile of the backend block (`aws s3 ls` lists the buckets you can see).",
    )
}

/// Names what a denied read needs.
fn state_error(e: CloudError, loc: &S3Location) -> CloudError {
    if e.code == ErrorCode::Denied && !e.message.contains("did not accept") {
        return CloudError::new(
            ErrorCode::Denied,
            format!("{} (reading {})", e.message, loc.url()),
            format!(
                "Reading a state needs s3:GetObject on arn:aws:s3:::{}/{}: ask for it, or use a profile whose role has it.",
                loc.bucket, loc.state_key
            ),
        );
    }
    e
}

/// Puts the profile's name into generic fix commands (`aws sso login --profile NAME`).
fn with_profile(mut e: CloudError, profile: &str) -> CloudError {
    if profile != ENV_PROFILE {
        e.hint = e
            .hint
            .replace("--profile NAME", &format!("--profile {profile}"));
        if e.code == ErrorCode::Expired && !e.hint.contains("--profile") {
            e.hint = format!("Sign in again: `aws sso login --profile {profile}`.");
        }
    }
    e
}
