//! Live AWS inventory: every resource of the supported types in the chosen regions (S3 buckets
//! and IAM account-wide), as
//! orbis-drift's inventory snapshot (what `orbis drift --live aws` and the app's drift view
//! compare with state).
//!
//! One STS call first (who, which account; expired or missing credentials stop the scan here
//! with the command that fixes them), then one task per (region, type) with bounded
//! concurrency, every page of each Describe call. A type that fails in a region — access
//! denied, throttled, a service error — is recorded in `scan_errors` and left out of
//! `scanned_types`, so none of its resources is ever reported missing or unmanaged; the rest
//! of the scan goes on.

pub mod azure;
mod ec2;
mod elbv2;
pub mod gcp;
mod iam;
mod lambda;
mod live;
mod rds;
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
    AwsType::DbInstances,
    AwsType::IamUsers,
    AwsType::IamRoles,
    AwsType::IamPolicies,
    AwsType::LoadBalancers,
    AwsType::TargetGroups,
    AwsType::Functions,
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
    /// RDS DescribeDBInstances.
    DbInstances,
    /// IAM (global): ListUsers, ListRoles, ListPolicies (customer-managed).
    IamUsers,
    IamRoles,
    IamPolicies,
    /// ELBv2 DescribeLoadBalancers, DescribeTargetGroups.
    LoadBalancers,
    TargetGroups,
    /// Lambda ListFunctions.
    Functions,
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
            AwsType::DbInstances => &["aws_db_instance"],
            AwsType::IamUsers => &["aws_iam_user"],
            AwsType::IamRoles => &["aws_iam_role"],
            AwsType::IamPolicies => &["aws_iam_policy"],
            AwsType::LoadBalancers => &["aws_lb"],
            AwsType::TargetGroups => &["aws_lb_target_group"],
            AwsType::Functions => &["aws_lambda_function"],
        }
    }

    /// Listed once for the account rather than once per region.
    pub fn global(self) -> bool {
        matches!(
            self,
            AwsType::Buckets | AwsType::IamUsers | AwsType::IamRoles | AwsType::IamPolicies
        )
    }

    /// The EC2 Describe calls (one shared EC2 client per region).
    fn ec2(self) -> bool {
        matches!(
            self,
            AwsType::Instances
                | AwsType::Vpcs
                | AwsType::Subnets
                | AwsType::SecurityGroups
                | AwsType::Volumes
        )
    }
}

/// The attributes the live scan returns for a Terraform type (so the only ones drift
/// compares), tags included where the listing carries them. Tests check every scanned
/// resource against it and project the corpus' recorded cloud fixtures through it.
pub fn compared_attributes(terraform_type: &str) -> &'static [&'static str] {
    match terraform_type {
        "aws_instance" => &[
            "ami",
            "instance_type",
            "subnet_id",
            "availability_zone",
            "private_ip",
            "vpc_security_group_ids",
            "monitoring",
            "instance_state",
            "tags",
        ],
        "aws_vpc" | "aws_default_vpc" => &["cidr_block", "instance_tenancy", "tags"],
        "aws_subnet" | "aws_default_subnet" => &[
            "vpc_id",
            "cidr_block",
            "availability_zone",
            "map_public_ip_on_launch",
            "tags",
        ],
        "aws_security_group" | "aws_default_security_group" => {
            &["name", "description", "vpc_id", "ingress", "egress", "tags"]
        }
        "aws_ebs_volume" => &[
            "availability_zone",
            "size",
            "type",
            "encrypted",
            "snapshot_id",
            "tags",
        ],
        "aws_s3_bucket" => &["bucket", "arn", "region", "tags"],
        "aws_db_instance" => &[
            "identifier",
            "arn",
            "resource_id",
            "engine",
            "engine_version_actual",
            "instance_class",
            "allocated_storage",
            "storage_type",
            "storage_encrypted",
            "multi_az",
            "publicly_accessible",
            "port",
            "username",
            "db_subnet_group_name",
            "availability_zone",
            "backup_retention_period",
            "deletion_protection",
            "vpc_security_group_ids",
            "tags",
        ],
        "aws_iam_user" => &["name", "arn", "path", "unique_id"],
        "aws_iam_role" => &[
            "name",
            "arn",
            "path",
            "unique_id",
            "description",
            "max_session_duration",
        ],
        "aws_iam_policy" => &["name", "arn", "path", "policy_id"],
        "aws_lb" => &[
            "name",
            "arn",
            "dns_name",
            "zone_id",
            "internal",
            "load_balancer_type",
            "vpc_id",
            "ip_address_type",
            "subnets",
            "security_groups",
            "tags",
        ],
        "aws_lb_target_group" => &[
            "name",
            "arn",
            "port",
            "protocol",
            "vpc_id",
            "target_type",
            "tags",
        ],
        "aws_lambda_function" => &[
            "function_name",
            "arn",
            "runtime",
            "handler",
            "role",
            "memory_size",
            "timeout",
            "description",
            "package_type",
            "architectures",
        ],
        _ => &[],
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
    /// Items per page (EC2 accepts 5–1000; other services clamp it to their own limits).
    pub page_size: i32,
    /// The calls to make; empty = every one of `AWS_TYPES`.
    pub types: Vec<AwsType>,
}

impl AwsScanOptions {
    pub fn new(profile: impl Into<String>) -> Self {
        Self {
            profile: profile.into(),
            regions: Vec::new(),
            concurrency: 8,
            page_size: 1000,
            types: Vec::new(),
        }
    }

    fn types(&self) -> Vec<AwsType> {
        if self.types.is_empty() {
            AWS_TYPES.to_vec()
        } else {
            AWS_TYPES
                .iter()
                .copied()
                .filter(|t| self.types.contains(t))
                .collect()
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
    let types = options.types();
    let jobs: Vec<(String, AwsType)> = regions
        .iter()
        .enumerate()
        .flat_map(|(n, r)| {
            types
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
                let scope = live::Scope {
                    config,
                    credentials,
                    region: &region,
                    account: &account,
                    page_size,
                    concurrency,
                };
                let mut launched = Vec::new();
                let r = if kind.ec2() {
                    let place = Place {
                        region: &region,
                        account: &account,
                    };
                    list(&client, (config, page_size), kind, &place, &mut launched).await
                } else {
                    other_service(kind, &scope).await
                };
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
    Ok(assemble(
        format!(
            "aws:{}:{} ({})",
            options.profile,
            identity.account,
            regions.join(",")
        ),
        types
            .iter()
            .flat_map(|t| t.terraform_types())
            .map(|t| t.to_string())
            .collect(),
        resources,
        scan_errors,
    ))
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
        // Listed by `other_service`.
        _ => Vec::new(),
    })
}

/// The services beyond EC2, one SDK crate each.
async fn other_service(
    kind: AwsType,
    scope: &live::Scope<'_>,
) -> Result<Vec<LiveResource>, CloudError> {
    match kind {
        AwsType::Buckets => {
            s3::buckets(
                scope.config,
                scope.credentials.clone(),
                scope.account,
                scope.concurrency,
            )
            .await
        }
        AwsType::DbInstances => rds::db_instances(scope).await,
        AwsType::IamUsers => iam::users(scope).await,
        AwsType::IamRoles => iam::roles(scope).await,
        AwsType::IamPolicies => iam::policies(scope).await,
        AwsType::LoadBalancers => elbv2::load_balancers(scope).await,
        AwsType::TargetGroups => elbv2::target_groups(scope).await,
        AwsType::Functions => lambda::functions(scope).await,
        _ => Ok(Vec::new()),
    }
}

/// A scan's snapshot: sorted, stamped, and `scanned_types` without the types that failed in
/// some scope (so none of them is reported missing or unmanaged).
pub(crate) fn assemble(
    source: String,
    types: Vec<String>,
    mut resources: Vec<LiveResource>,
    mut scan_errors: Vec<ScanError>,
) -> Inventory {
    scan_errors.sort_by(|a, b| (&a.resource_type, &a.region).cmp(&(&b.resource_type, &b.region)));
    resources.sort_by(|a, b| {
        (&a.resource_type, &a.region, &a.id).cmp(&(&b.resource_type, &b.region, &b.id))
    });
    let failed: std::collections::BTreeSet<&str> = scan_errors
        .iter()
        .map(|e| e.resource_type.as_str())
        .collect();
    let scanned_types = types
        .into_iter()
        .filter(|t| !failed.contains(t.as_str()))
        .collect();
    Inventory {
        inventory_version: orbis_drift::inventory::INVENTORY_VERSION,
        source: Some(source),
        generated_at: Some(crate::timefmt::rfc3339(time::OffsetDateTime::now_utc())),
        scanned_types,
        resources,
        scan_errors,
    }
}
