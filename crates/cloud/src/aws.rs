//! AWS through the user's own configuration: an `AwsSession` per profile (aws-config with the
//! profile's credentials, region and endpoint), STS GetCallerIdentity, and the EC2 reads the
//! inventory builds on (DescribeRegions, DescribeInstances).
//!
//! Nothing here ever falls back to the instance metadata service: credentials come only from
//! the named profile (or from the environment variables for `ENV_PROFILE`) and the region from
//! the environment, the profile, else `us-east-1`. Endpoints follow `AWS_ENDPOINT_URL` and the
//! profile's `endpoint_url`, as in the AWS CLI (tests point them at a local moto server).

use crate::discover::aws::{AwsFiles, RawProfile};
use crate::error::{CloudError, ErrorCode};
use crate::Context;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

/// The pseudo-profile of credentials in `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
pub const ENV_PROFILE: &str = "(environment)";

/// Region used when neither the environment nor the profile names one.
pub const FALLBACK_REGION: &str = "us-east-1";

/// One profile's ready-to-use AWS configuration.
#[derive(Debug, Clone)]
pub struct AwsSession {
    profile: String,
    config: SdkConfig,
}

/// Who the credentials belong to (STS GetCallerIdentity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ec2Region {
    pub name: String,
    pub endpoint: Option<String>,
    pub opt_in_status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ec2Instance {
    pub id: String,
    /// The `Name` tag.
    pub name: Option<String>,
    pub instance_type: Option<String>,
    pub state: Option<String>,
    pub availability_zone: Option<String>,
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    pub image_id: Option<String>,
    pub vpc_id: Option<String>,
    pub subnet_id: Option<String>,
    pub launch_time: Option<String>,
    pub tags: BTreeMap<String, String>,
}

/// Credentials as loaded for a profile: never printed; only what may be shown.
#[derive(Debug, Clone)]
pub(crate) struct LoadedCredentials {
    pub credentials: Credentials,
    pub expires_at: Option<SystemTime>,
}

/// The HTTPS client of every AWS call: rustls with ring (plain http for loopback endpoints).
pub(crate) fn http_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

impl AwsSession {
    /// A session for a profile of the AWS config/credentials files, or `ENV_PROFILE`.
    /// Credentials are loaded lazily, on the first call.
    pub async fn for_profile(ctx: &Context, profile: &str) -> Result<Self, CloudError> {
        let files = AwsFiles::load(ctx);
        let (provider, region) = credentials_provider(ctx, &files, profile)?;
        let config = sdk_config(ctx, &files, profile, region, provider).await;
        Ok(Self {
            profile: profile.to_string(),
            config,
        })
    }

    pub fn profile(&self) -> &str {
        &self.profile
    }

    pub fn region(&self) -> Option<&str> {
        self.config.region().map(|r| r.as_ref())
    }

    /// The aws-config `SdkConfig`, for building other service clients.
    pub fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }

    /// Loads the credentials now (SSO, assume-role, credential_process… run here).
    pub(crate) async fn load_credentials(&self) -> Result<LoadedCredentials, CloudError> {
        let Some(provider) = self.config.credentials_provider() else {
            return Err(CloudError::new(
                ErrorCode::CredentialsUnavailable,
                "No credentials are configured for this profile.",
                "Add credentials with `aws configure` or `aws configure sso`.",
            ));
        };
        match provider.provide_credentials().await {
            Ok(credentials) => Ok(LoadedCredentials {
                expires_at: credentials.expiry(),
                credentials,
            }),
            Err(e) => Err(credentials_error(&e)),
        }
    }

    /// STS GetCallerIdentity: the account and ARN the credentials belong to.
    pub async fn caller_identity(&self) -> Result<CallerIdentity, CloudError> {
        self.identity_of(aws_sdk_sts::Client::new(&self.config))
            .await
    }

    /// GetCallerIdentity with credentials loaded beforehand (no second load).
    pub(crate) async fn caller_identity_with(
        &self,
        loaded: &LoadedCredentials,
    ) -> Result<CallerIdentity, CloudError> {
        let conf = aws_sdk_sts::config::Builder::from(&self.config)
            .credentials_provider(loaded.credentials.clone())
            .build();
        self.identity_of(aws_sdk_sts::Client::from_conf(conf)).await
    }

    async fn identity_of(&self, client: aws_sdk_sts::Client) -> Result<CallerIdentity, CloudError> {
        let out = client
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| sdk_error(&e, "STS", &self.config))?;
        Ok(CallerIdentity {
            account: out.account().unwrap_or_default().to_string(),
            arn: out.arn().unwrap_or_default().to_string(),
            user_id: out.user_id().unwrap_or_default().to_string(),
        })
    }

    /// DescribeRegions: the regions enabled for the account.
    pub async fn ec2_regions(&self) -> Result<Vec<Ec2Region>, CloudError> {
        let client = aws_sdk_ec2::Client::new(&self.config);
        let out = client
            .describe_regions()
            .send()
            .await
            .map_err(|e| sdk_error(&e, "EC2", &self.config))?;
        let mut regions: Vec<Ec2Region> = out
            .regions()
            .iter()
            .filter_map(|r| {
                Some(Ec2Region {
                    name: r.region_name()?.to_string(),
                    endpoint: r.endpoint().map(str::to_string),
                    opt_in_status: r.opt_in_status().map(str::to_string),
                })
            })
            .collect();
        regions.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(regions)
    }

    /// DescribeInstances in one region, every page.
    pub async fn ec2_instances(&self, region: &str) -> Result<Vec<Ec2Instance>, CloudError> {
        let conf = aws_sdk_ec2::config::Builder::from(&self.config)
            .region(Region::new(region.to_string()))
            .build();
        let client = aws_sdk_ec2::Client::from_conf(conf);
        let mut instances = Vec::new();
        let mut next: Option<String> = None;
        // Bounded: a misbehaving endpoint that always returns a token cannot loop forever.
        for _ in 0..10_000 {
            let out = client
                .describe_instances()
                .set_next_token(next.take())
                .max_results(1000)
                .send()
                .await
                .map_err(|e| sdk_error(&e, "EC2", &self.config))?;
            for reservation in out.reservations() {
                for i in reservation.instances() {
                    instances.push(instance_of(i));
                }
            }
            match out.next_token() {
                Some(t) if !t.is_empty() => next = Some(t.to_string()),
                _ => break,
            }
        }
        Ok(instances)
    }
}

/// DescribeRegions for a profile (see `AwsSession::ec2_regions`).
pub async fn ec2_regions(ctx: &Context, profile: &str) -> Result<Vec<Ec2Region>, CloudError> {
    AwsSession::for_profile(ctx, profile)
        .await?
        .ec2_regions()
        .await
}

/// DescribeInstances for a profile in one region (see `AwsSession::ec2_instances`).
pub async fn ec2_instances(
    ctx: &Context,
    profile: &str,
    region: &str,
) -> Result<Vec<Ec2Instance>, CloudError> {
    AwsSession::for_profile(ctx, profile)
        .await?
        .ec2_instances(region)
        .await
}

fn instance_of(i: &aws_sdk_ec2::types::Instance) -> Ec2Instance {
    let tags: BTreeMap<String, String> = i
        .tags()
        .iter()
        .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
        .collect();
    Ec2Instance {
        id: i.instance_id().unwrap_or_default().to_string(),
        name: tags.get("Name").cloned(),
        instance_type: i.instance_type().map(|t| t.as_str().to_string()),
        state: i
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string()),
        availability_zone: i
            .placement()
            .and_then(|p| p.availability_zone())
            .map(str::to_string),
        private_ip: i.private_ip_address().map(str::to_string),
        public_ip: i.public_ip_address().map(str::to_string),
        image_id: i.image_id().map(str::to_string),
        vpc_id: i.vpc_id().map(str::to_string),
        subnet_id: i.subnet_id().map(str::to_string),
        launch_time: i.launch_time().and_then(|t| {
            time::OffsetDateTime::from_unix_timestamp(t.secs())
                .ok()
                .map(crate::timefmt::rfc3339)
        }),
        tags,
    }
}

/// The region the AWS CLI would use for this profile.
pub(crate) fn region_for(ctx: &Context, raw: Option<&RawProfile>) -> String {
    ctx.var("AWS_REGION")
        .or_else(|| ctx.var("AWS_DEFAULT_REGION"))
        .or_else(|| raw.and_then(|p| p.get("region")))
        .unwrap_or(FALLBACK_REGION)
        .to_string()
}

fn profile_files(files: &AwsFiles) -> ProfileFiles {
    let mut builder = ProfileFiles::builder();
    let mut any = false;
    for (path, kind) in [
        (&files.config_path, ProfileFileKind::Config),
        (&files.credentials_path, ProfileFileKind::Credentials),
    ] {
        if let Some(p) = path.as_ref().filter(|p| p.is_file()) {
            builder = builder.with_file(kind, p);
            any = true;
        }
    }
    if !any {
        builder = builder.with_contents(ProfileFileKind::Config, "");
    }
    builder.build()
}

fn credentials_provider(
    ctx: &Context,
    files: &AwsFiles,
    profile: &str,
) -> Result<(SharedCredentialsProvider, String), CloudError> {
    if profile == ENV_PROFILE {
        let (Some(id), Some(secret)) = (
            ctx.var("AWS_ACCESS_KEY_ID"),
            ctx.var("AWS_SECRET_ACCESS_KEY"),
        ) else {
            return Err(CloudError::new(
                ErrorCode::CredentialsUnavailable,
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.",
                "Set both variables, or use a profile (`aws configure`).",
            ));
        };
        let credentials = Credentials::new(
            id,
            secret,
            ctx.var("AWS_SESSION_TOKEN").map(str::to_string),
            None,
            "environment",
        );
        let selected = ctx.var("AWS_PROFILE").unwrap_or("default");
        return Ok((
            SharedCredentialsProvider::new(credentials),
            region_for(ctx, files.profile(selected)),
        ));
    }
    let Some(raw) = files.profile(profile) else {
        return Err(CloudError::new(
            ErrorCode::ProfileNotFound,
            format!("There is no AWS profile named \"{profile}\"."),
            "List the profiles with `aws configure list-profiles`, or create it with `aws configure --profile NAME`.",
        ));
    };
    let region = region_for(ctx, Some(raw));
    let provider_config = ProviderConfig::without_region()
        .with_http_client(http_client())
        .with_region(Some(Region::new(region.clone())))
        .with_behavior_version(Some(BehaviorVersion::latest()));
    let provider = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config)
        .profile_files(profile_files(files))
        .profile_name(profile)
        .build();
    Ok((SharedCredentialsProvider::new(provider), region))
}

async fn sdk_config(
    ctx: &Context,
    files: &AwsFiles,
    profile: &str,
    region: String,
    provider: SharedCredentialsProvider,
) -> SdkConfig {
    let settings_profile = if profile == ENV_PROFILE {
        ctx.var("AWS_PROFILE").unwrap_or("default")
    } else {
        profile
    };
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client())
        .profile_files(profile_files(files))
        .profile_name(settings_profile)
        .region(Region::new(region))
        .credentials_provider(provider)
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(Duration::from_secs(15))
                .build(),
        );
    if let Some(url) = ctx.var("AWS_ENDPOINT_URL") {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// Where calls go, for messages: the configured endpoint or the service's public one.
fn endpoint_of(config: &SdkConfig, service: &str) -> String {
    match config.endpoint_url() {
        Some(url) => url.to_string(),
        None => format!(
            "{}.{}.amazonaws.com",
            service.to_ascii_lowercase(),
            config
                .region()
                .map(|r| r.as_ref())
                .unwrap_or(FALLBACK_REGION)
        ),
    }
}

/// The error chain in plain words: each level's message once, no debug dumps.
pub(crate) fn plain_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        let text = text.trim();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(text)) {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    let mut out = parts.join(": ");
    if out.len() > 400 {
        let mut cut = 400;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// The text of the first `<name>…</name>` in an XML error body.
fn xml_element(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{name}>"))? + start;
    let text = body[start..end].trim();
    (!text.is_empty() && text.len() < 1000).then(|| text.to_string())
}

pub(crate) const DENIED_CODES: [&str; 10] = [
    "HTTP403",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "InvalidAccessKeyId",
    "AuthFailure",
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
];

pub(crate) const EXPIRED_CODES: [&str; 4] = [
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "TokenRefreshRequired",
];

/// A service call's failure as a `CloudError` (denied / expired / unreachable / service).
pub(crate) fn sdk_error<E>(
    err: &SdkError<E, HttpResponse>,
    service: &str,
    config: &SdkConfig,
) -> CloudError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match err {
        SdkError::ServiceError(ctx) => {
            let e = ctx.err();
            let raw = ctx.raw();
            // Some endpoints (proxies, emulators) wrap errors in another XML layout than the
            // service's protocol; then the code is read from the body itself.
            let body = raw
                .body()
                .bytes()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let fallback_code = xml_element(&body, "Code");
            let status = raw.status().as_u16();
            let code = e
                .code()
                .or(fallback_code.as_deref())
                .unwrap_or(if status == 403 { "HTTP403" } else { "Unknown" })
                .to_string();
            let code = code.as_str();
            let text = e
                .message()
                .map(str::to_string)
                .or_else(|| xml_element(&body, "Message"))
                .unwrap_or_default()
                .trim()
                .to_string();
            if DENIED_CODES.contains(&code) {
                let unknown_key = DENIED_CODES[1..7].contains(&code);
                let code = if code == "HTTP403" { "HTTP 403" } else { code };
                CloudError::new(
                    ErrorCode::Denied,
                    if unknown_key {
                        format!("AWS did not accept these credentials ({code}): the access key is unknown, deleted, or its secret does not match.")
                    } else {
                        format!("AWS denied the request ({code}): {text}")
                    },
                    if unknown_key {
                        "Create a new access key (or sign in again) and update the profile with `aws configure`."
                    } else {
                        "Ask for the missing permission, or use a profile whose role has it."
                    },
                )
            } else if EXPIRED_CODES.contains(&code) {
                CloudError::new(
                    ErrorCode::Expired,
                    format!("The credentials have expired ({code})."),
                    "Sign in again (`aws sso login`), or refresh the session token.",
                )
            } else {
                CloudError::new(
                    ErrorCode::Service,
                    format!("{service} answered with an error ({code}): {text}"),
                    "Check the profile's region and endpoint, then try again.",
                )
            }
        }
        SdkError::TimeoutError(_) => CloudError::new(
            ErrorCode::Timeout,
            format!(
                "{service} at {} did not answer in time.",
                endpoint_of(config, service)
            ),
            "Check the network connection (VPN, proxy) and try again.",
        ),
        SdkError::DispatchFailure(d) => {
            let why = d
                .as_connector_error()
                .map(|c| plain_chain(c))
                .unwrap_or_else(|| "connection failed".to_string());
            CloudError::new(
                ErrorCode::Unreachable,
                format!(
                    "Could not reach {service} at {}: {why}",
                    endpoint_of(config, service)
                ),
                "Check the network connection (VPN, proxy) and the profile's endpoint_url.",
            )
        }
        other => CloudError::new(
            ErrorCode::Service,
            format!("The {service} request failed: {}", plain_chain(other)),
            "Check the profile's region and endpoint, then try again.",
        ),
    }
}

/// A credentials provider's failure as a `CloudError`, classified by what it says.
pub(crate) fn credentials_error(err: &CredentialsError) -> CloudError {
    let text = plain_chain(err);
    let lower = text.to_ascii_lowercase();
    let (code, hint) = if lower.contains("sso token")
        || lower.contains("sso session")
        || lower.contains("unauthorizedexception")
        || lower.contains("token has expired")
        || lower.contains("expiredtoken")
        || lower.contains("expired")
    {
        (
            ErrorCode::Expired,
            "Sign in again (`aws sso login --profile NAME`) or refresh the credentials.",
        )
    } else if DENIED_CODES
        .iter()
        .any(|c| lower.contains(&c.to_ascii_lowercase()))
        || lower.contains("not authorized")
        || lower.contains("access denied")
    {
        (
            ErrorCode::Denied,
            "Check that the role exists and that its trust policy lets the source identity assume it.",
        )
    } else if matches!(err, CredentialsError::ProviderTimedOut(_)) {
        (
            ErrorCode::Timeout,
            "Check the network connection (VPN, proxy) and try again.",
        )
    } else if matches!(err, CredentialsError::CredentialsNotLoaded(_)) {
        (
            ErrorCode::CredentialsUnavailable,
            "Add credentials to the profile with `aws configure` or `aws configure sso`.",
        )
    } else if lower.contains("dispatch failure")
        || lower.contains("connection refused")
        || lower.contains("dns error")
        || lower.contains("io error")
    {
        (
            ErrorCode::Unreachable,
            "Check the network connection (VPN, proxy) and the profile's endpoint_url.",
        )
    } else {
        (
            ErrorCode::CredentialsUnavailable,
            "Check the profile in the AWS config file (`aws configure list --profile NAME`).",
        )
    };
    CloudError::new(
        code,
        format!("Could not load the credentials: {text}"),
        hint,
    )
}
