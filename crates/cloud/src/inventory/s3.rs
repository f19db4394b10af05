//! S3 buckets for the live inventory. The listing is account-wide (one call for every region
//! scanned); each bucket's region comes from the listing when it carries one, else from
//! GetBucketLocation, and its tags from GetBucketTagging (bounded concurrency). A bucket whose
//! region cannot be read is still listed; tags that cannot be read (denied) are left out, so
//! they are never reported as changed — a bucket without tags has an empty set.

use crate::aws::sdk_error;
use crate::error::CloudError;
use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use aws_sdk_s3::types::BucketLocationConstraint;
use futures::stream::{self, StreamExt};
use orbis_drift::LiveResource;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub(super) async fn buckets(
    config: &SdkConfig,
    credentials: Credentials,
    account: &str,
    concurrency: usize,
) -> Result<Vec<LiveResource>, CloudError> {
    let conf = aws_sdk_s3::config::Builder::from(config)
        .credentials_provider(credentials)
        // Custom endpoints (moto, MinIO, proxies) do not resolve bucket subdomains.
        .force_path_style(config.endpoint_url().is_some())
        .build();
    let client = aws_sdk_s3::Client::from_conf(conf);
    let listed = client
        .list_buckets()
        .max_buckets(1000)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "S3", config))?;
    let client = &client;
    let named = listed.into_iter().filter_map(|b| {
        let region = b
            .bucket_region()
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        Some((b.name()?.to_string(), region))
    });
    Ok(stream::iter(named)
        .map(|(name, region)| async move {
            let region = match region {
                Some(r) => Some(r),
                None => location(client, &name).await,
            };
            let tags = tags(client, &name).await;
            bucket(&name, region, tags, account)
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await)
}

/// GetBucketLocation: no constraint means us-east-1, the legacy `EU` means eu-west-1.
async fn location(client: &aws_sdk_s3::Client, name: &str) -> Option<String> {
    let out = client
        .get_bucket_location()
        .bucket(name)
        .send()
        .await
        .ok()?;
    Some(match out.location_constraint() {
        None => "us-east-1".to_string(),
        Some(BucketLocationConstraint::Eu) => "eu-west-1".to_string(),
        Some(c) if c.as_str().is_empty() => "us-east-1".to_string(),
        Some(c) => c.as_str().to_string(),
    })
}

/// GetBucketTagging: `None` when the tags cannot be read; a bucket that has none answers
/// NoSuchTagSet, which is an empty set.
async fn tags(client: &aws_sdk_s3::Client, name: &str) -> Option<BTreeMap<String, String>> {
    match client.get_bucket_tagging().bucket(name).send().await {
        Ok(out) => Some(
            out.tag_set()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect(),
        ),
        Err(e) if e.as_service_error().and_then(|s| s.meta().code()) == Some("NoSuchTagSet") => {
            Some(BTreeMap::new())
        }
        Err(_) => None,
    }
}

fn bucket(
    name: &str,
    region: Option<String>,
    tags: Option<BTreeMap<String, String>>,
    account: &str,
) -> LiveResource {
    let mut attributes = Map::new();
    if let Value::Object(m) = json!({
        "bucket": name,
        "arn": format!("arn:aws:s3:::{name}"),
        "region": region,
        // Present (even empty) only when read: then the state's tags are compared with it.
        "tags": tags,
    }) {
        attributes.extend(m.into_iter().filter(|(_, v)| !v.is_null()));
    }
    LiveResource {
        resource_type: "aws_s3_bucket".into(),
        id: name.to_string(),
        region,
        account: (!account.is_empty()).then(|| account.to_string()),
        attributes,
        tags: tags.unwrap_or_default(),
    }
}
