//! EKS clusters of an AWS account, so the Clusters view and `orbis clusters discover` can offer
//! the kubeconfig context `aws eks update-kubeconfig` would write. Read-only: ListClusters and
//! DescribeCluster per region, with the user's own profile.
//!
//! Like the inventory: one STS call first (expired or missing credentials stop here with the
//! command that fixes them), then each region on its own; a region that is denied or fails is
//! reported in `errors` and the others are still listed.

use crate::aws::sdk_error;
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use aws_config::Region;
use futures::stream::{self, StreamExt};
use serde::Serialize;

/// One EKS cluster, with what a kubeconfig entry needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EksCluster {
    pub name: String,
    pub arn: String,
    pub region: String,
    /// The API server URL (`https://…eks.amazonaws.com`).
    pub endpoint: String,
    /// The cluster CA, base64 PEM as EKS returns it (`certificate-authority-data`).
    pub certificate_authority: String,
    pub version: String,
    /// `ACTIVE`, `CREATING`, `DELETING`, `FAILED`, `UPDATING`, `PENDING`.
    pub status: String,
}

/// A region that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionError {
    pub region: String,
    pub code: String,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EksDiscovery {
    pub profile: String,
    pub account: String,
    pub clusters: Vec<EksCluster>,
    pub errors: Vec<RegionError>,
}

/// Lists the EKS clusters of `profile` in `regions` (empty: the profile's region).
pub async fn discover_eks(
    ctx: &Context,
    profile: &str,
    regions: &[String],
) -> Result<EksDiscovery, CloudError> {
    let crate::inventory::SignedIn {
        session,
        loaded,
        identity,
        regions,
    } = crate::inventory::signed_in(ctx, profile, regions).await?;
    let config = session.sdk_config();
    let results: Vec<(String, Result<Vec<EksCluster>, CloudError>)> = stream::iter(regions)
        .map(|region| {
            let conf = aws_sdk_eks::config::Builder::from(config)
                .region(Region::new(region.clone()))
                .credentials_provider(loaded.credentials.clone())
                .build();
            let client = aws_sdk_eks::Client::from_conf(conf);
            async move {
                let listed = clusters_in(&client, &region, config).await;
                (region, listed)
            }
        })
        .buffer_unordered(4)
        .collect()
        .await;
    let mut clusters = Vec::new();
    let mut errors = Vec::new();
    for (region, listed) in results {
        match listed {
            Ok(mut found) => clusters.append(&mut found),
            Err(e) if e.code == ErrorCode::Expired => {
                return Err(crate::inventory::with_fix(e, profile))
            }
            Err(e) => errors.push(RegionError {
                region,
                code: e.code.as_str().to_string(),
                message: e.message,
                hint: e.hint,
            }),
        }
    }
    clusters.sort_by(|a, b| (&a.region, &a.name).cmp(&(&b.region, &b.name)));
    errors.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(EksDiscovery {
        profile: profile.to_string(),
        account: identity.account,
        clusters,
        errors,
    })
}

async fn clusters_in(
    client: &aws_sdk_eks::Client,
    region: &str,
    config: &aws_config::SdkConfig,
) -> Result<Vec<EksCluster>, CloudError> {
    let names: Vec<String> = client
        .list_clusters()
        .into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| sdk_error(&e, "EKS", config))?;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let described = client
            .describe_cluster()
            .name(&name)
            .send()
            .await
            .map_err(|e| sdk_error(&e, "EKS", config))?;
        // A cluster deleted between the two calls is simply gone.
        let Some(c) = described.cluster() else {
            continue;
        };
        out.push(EksCluster {
            name: c.name().unwrap_or(&name).to_string(),
            arn: c.arn().unwrap_or_default().to_string(),
            region: region.to_string(),
            endpoint: c.endpoint().unwrap_or_default().to_string(),
            certificate_authority: c
                .certificate_authority()
                .and_then(|ca| ca.data())
                .unwrap_or_default()
                .to_string(),
            version: c.version().unwrap_or_default().to_string(),
            status: c
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        });
    }
    Ok(out)
}
