//! Live AWS inventory: every resource of the supported types in the chosen regions (S3 buckets
//! account-wide), as
//! orbis-drift's inventory snapshot (what `orbis drift --live aws` and the app's drift view
//! compare with state).
//!
//! One STS call first (who, which account; expired or missing credentials stop the scan here
//! with the command that fixes them), then one task per (region, type) with bounded
//! concurrency, every page of each Describe call. A type that fails in a region — access
//! denied, throttled, a service error — is recorded in `scan_errors` and left out of
//! `scanned_types`, so none of its resources is ever reported missing or unmanaged; the rest
//! of the scan goes on.

mod ec2;
mod s3;

use crate::aws::{sdk_error, AwsSession, ENV_PROFILE};
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use aws_config::Region;
use ec2::Place;
use futures::stream::{self, StreamExt};
use orbis_drift::{Inventory, LiveResource, ScanError};

/// The resource types a live AWS scan enumerates, in the order they are reported.
pub const AWS_TYPES: &[AwsType] = &[
    AwsType::Instances,
    AwsType::Vpcs,
    AwsType::Subnets,
    AwsType::SecurityGroups,
    AwsType::Volumes,
    AwsType::Buckets,
];

/// One Describe call and the Terraform types its answer maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsType {
    Instances,
    Vpcs,
    Subnets,
    SecurityGroups,
    Volumes,
    /// S3 buckets: one account-wide listing, not per region.
    Buckets,
}

impl AwsType {
    /// Terraform types this call enumerates completely (default VPC pieces included).
    pub fn terraform_types(self) -> &'static [&'static str] {
        match self {
            AwsType::Instances => &["aws_instance"],
            AwsType::Vpcs => &["aws_vpc", "aws_default_vpc"],
            AwsType::Subnets => &["aws_subnet", "aws_default_subnet"],
            AwsType::SecurityGroups => &["aws_security_group", "aws_default_security_group"],
            AwsType::Volumes => &["aws_ebs_volume"],
            AwsType::Buckets => &["aws_s3_bucket"],
        }
    }

    /// Listed once for the account rather than once per region.
    pub fn global(self) -> bool {
        matches!(self, AwsType::Buckets)
    }
}

#[derive(Debug, Clone)]
pub struct AwsScanOptions {
    /// AWS profile, or `ENV_PROFILE` for the environment's keys.
    pub profile: String,
    /// Regions to scan; empty = the profile's region.
    pub regions: Vec<String>,
    /// Describe calls in flight at once.
    pub concurrency: usize,
    /// Items per page (EC2 accepts 5–1000).
    pub page_size: i32,
}

impl AwsScanOptions {
    pub fn new(profile: impl Into<String>) -> Self {
        Self {
            profile: profile.into(),
            regions: Vec::new(),
            concurrency: 8,
            page_size: 1000,
        }
    }
}

/// The profile the AWS CLI would use: `AWS_PROFILE`, else the environment's keys when set,
/// else `default`.
pub fn default_profile(ctx: &Context) -> String {
    if let Some(p) = ctx.var("AWS_PROFILE").filter(|p| !p.is_empty()) {
        p.to_string()
    } else if ctx.var("AWS_ACCESS_KEY_ID").is_some() {
        ENV_PROFILE.to_string()
    } else {
        "default".to_string()
    }
}

/// Scans the account. Errs only when nothing can be scanned (credentials, endpoint).
pub async fn scan_aws(ctx: &Context, options: &AwsScanOptions) -> Result<Inventory, CloudError> {
    let SignedIn {
        session,
        loaded,
        identity,
        regions,
    } = signed_in(ctx, &options.profile, &options.regions).await?;
    let config = session.sdk_config().clone();
    let credentials = loaded.credentials.clone();
    let jobs: Vec<(String, AwsType)> = regions
        .iter()
        .enumerate()
        .flat_map(|(n, r)| {
            AWS_TYPES
                .iter()
                .filter(move |t| !t.global() || n == 0)
                .map(move |t| (r.clone(), *t))
        })
        .collect();
    let account = identity.account.clone();
    let page_size = options.page_size.clamp(5, 1000);
    type Listed = Result<(Vec<LiveResource>, Vec<String>), CloudError>;
    let results: Vec<(String, AwsType, Listed)> = stream::iter(jobs)
        .map(|(region, kind)| {
            let conf = aws_sdk_ec2::config::Builder::from(&config)
                .region(Region::new(region.clone()))
                .credentials_provider(credentials.clone())
                .build();
            let client = aws_sdk_ec2::Client::from_conf(conf);
            let account = account.clone();
            let config = &config;
            let credentials = credentials.clone();
            let concurrency = options.concurrency.max(1);
            async move {
                if kind.global() {
                    let r = s3::buckets(config, credentials, &account, concurrency).await;
                    return (region.clone(), kind, r.map(|found| (found, Vec::new())));
                }
                let place = Place {
                    region: &region,
                    account: &account,
                };
                let mut launched = Vec::new();
                let r = list(&client, (config, page_size), kind, &place, &mut launched).await;
                (region.clone(), kind, r.map(|found| (found, launched)))
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await;
    let mut resources = Vec::new();
    let mut scan_errors = Vec::new();
    let mut launched = std::collections::BTreeSet::new();
    for (region, kind, r) in results {
        match r {
            Ok((mut found, ids)) => {
                resources.append(&mut found);
                launched.extend(ids);
            }
            Err(e) => {
                // Credentials that expire mid-scan stop being a per-type problem.
                if matches!(e.code, ErrorCode::Expired) {
                    return Err(with_fix(e, &options.profile));
                }
                for t in kind.terraform_types() {
                    scan_errors.push(ScanError {
                        resource_type: t.to_string(),
                        region: (!kind.global()).then(|| region.clone()),
                        code: e.code.as_str().to_string(),
                        message: e.message.clone(),
                        hint: e.hint.clone(),
                    });
                }
            }
        }
    }
    resources.retain(|r| !(r.resource_type == "aws_ebs_volume" && launched.contains(&r.id)));
    scan_errors.sort_by(|a, b| (&a.resource_type, &a.region).cmp(&(&b.resource_type, &b.region)));
    resources.sort_by(|a, b| {
        (&a.resource_type, &a.region, &a.id).cmp(&(&b.resource_type, &b.region, &b.id))
    });
    let failed: std::collections::BTreeSet<&str> = scan_errors
        .iter()
        .map(|e| e.resource_type.as_str())
        .collect();
    let scanned_types: Vec<String> = AWS_TYPES
        .iter()
        .flat_map(|t| t.terraform_types())
        .filter(|t| !failed.contains(*t))
        .map(|t| t.to_string())
        .collect();
    Ok(Inventory {
        inventory_version: orbis_drift::inventory::INVENTORY_VERSION,
        source: Some(format!(
            "aws:{}:{} ({})",
            options.profile,
            identity.account,
            regions.join(",")
        )),
        generated_at: Some(crate::timefmt::rfc3339(time::OffsetDateTime::now_utc())),
        scanned_types,
        resources,
        scan_errors,
    })
}

/// A profile whose credentials were loaded and checked (one STS call), and the regions to
/// look in (the profile's own when none are given), sorted and without repeats.
pub(crate) struct SignedIn {
    pub session: AwsSession,
    pub loaded: crate::aws::LoadedCredentials,
    pub identity: crate::aws::CallerIdentity,
    pub regions: Vec<String>,
}

/// The start of every account-wide listing: expired or missing credentials stop here, with
/// the command that fixes them.
pub(crate) async fn signed_in(
    ctx: &Context,
    profile: &str,
    regions: &[String],
) -> Result<SignedIn, CloudError> {
    let session = AwsSession::for_profile(ctx, profile).await?;
    let loaded = session
        .load_credentials()
        .await
        .map_err(|e| with_fix(e, profile))?;
    let identity = session
        .caller_identity_with(&loaded)
        .await
        .map_err(|e| with_fix(e, profile))?;
    let mut regions = regions.to_vec();
    if regions.is_empty() {
        regions.push(
            session
                .region()
                .unwrap_or(crate::aws::FALLBACK_REGION)
                .to_string(),
        );
    }
    regions.sort();
    regions.dedup();
    Ok(SignedIn {
        session,
        loaded,
        identity,
        regions,
    })
}

/// Expired or unusable credentials: the hint is the exact command for this profile.
pub(crate) fn with_fix(mut e: CloudError, profile: &str) -> CloudError {
    if matches!(
        e.code,
        ErrorCode::Expired | ErrorCode::CredentialsUnavailable
    ) {
        e.hint = if profile == ENV_PROFILE {
            "Export fresh credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) and scan again.".to_string()
        } else if e.code == ErrorCode::Expired {
            format!(
                "Sign in again: `aws sso login --profile {}` (or refresh the profile's keys), then scan again.",
                crate::doctor::shell_word(profile)
            )
        } else {
            format!(
                "Check the profile with `orbis doctor` or `aws configure list --profile {}`.",
                crate::doctor::shell_word(profile)
            )
        };
    }
    e
}

/// Every page of one Describe call (the paginators stop on an empty next token), mapped.
macro_rules! every_page {
    ($call:expr, $config:expr, $map:expr) => {
        $call
            .max_results($config.1)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| sdk_error(&e, "EC2", $config.0))?
            .iter()
            .filter_map($map)
            .collect::<Vec<_>>()
    };
}

/// `launched` receives the ids of volumes launched with instances (not `aws_ebs_volume`s).
async fn list(
    client: &aws_sdk_ec2::Client,
    config: (&aws_config::SdkConfig, i32),
    kind: AwsType,
    place: &Place<'_>,
    launched: &mut Vec<String>,
) -> Result<Vec<LiveResource>, CloudError> {
    Ok(match kind {
        AwsType::Instances => {
            let reservations = client
                .describe_instances()
                .max_results(config.1)
                .into_paginator()
                .items()
                .send()
                .try_collect()
                .await
                .map_err(|e| sdk_error(&e, "EC2", config.0))?;
            let instances = || reservations.iter().flat_map(|r| r.instances());
            launched.extend(instances().flat_map(ec2::launched_volumes));
            instances()
                .filter_map(|i| ec2::instance(place, i))
                .collect()
        }
        AwsType::Vpcs => every_page!(client.describe_vpcs(), config, |v| ec2::vpc(place, v)),
        AwsType::Subnets => {
            every_page!(client.describe_subnets(), config, |s| ec2::subnet(place, s))
        }
        AwsType::SecurityGroups => every_page!(client.describe_security_groups(), config, |g| {
            ec2::security_group(place, g)
        }),
        AwsType::Volumes => {
            every_page!(client.describe_volumes(), config, |v| ec2::volume(place, v))
        }
        // Listed through S3 by the caller.
        AwsType::Buckets => Vec::new(),
    })
}
