//! The `cloud` feature's side of the Credentials view: `orbis-cloud`'s offline report and
//! doctor turned into DTOs, and its keychain store scoped to a workspace.

use super::dto::*;
use super::{lock, Credentials};
use crate::error::{AppError, ErrorCode};
use orbis_cloud::aws::ENV_PROFILE;
use orbis_cloud::secrets::expose_for_child;
use orbis_cloud::{Check, Cloud, CloudError, Context, DoctorOptions, SecretStore, Status};
use secrecy::SecretString;
use std::path::Path;
use std::time::Duration;

/// Bound of a live check (STS through SSO / assume-role / credential_process included).
const LIVE_TIMEOUT: Duration = Duration::from_secs(20);

fn context_of(c: &Credentials) -> Context {
    match &*c.context.read().unwrap_or_else(|p| p.into_inner()) {
        Some((home, env)) => Context::new(home.clone(), env.clone()),
        None => Context::from_process(),
    }
}

fn cloud_of(c: Cloud) -> CredentialCloud {
    match c {
        Cloud::Aws => CredentialCloud::Aws,
        Cloud::Azure => CredentialCloud::Azure,
        Cloud::Gcp => CredentialCloud::Gcp,
        Cloud::Kubernetes => CredentialCloud::Kubernetes,
    }
}

fn status_of(s: Status) -> CredentialStatus {
    match s {
        Status::Ok => CredentialStatus::Ok,
        Status::NotConfigured => CredentialStatus::Missing,
        Status::Expired => CredentialStatus::Expired,
        Status::Denied => CredentialStatus::Denied,
        Status::Error => CredentialStatus::Error,
    }
}

fn entry(check: Check, active: Option<&str>) -> CredentialEntry {
    let is_aws = check.cloud == Cloud::Aws;
    CredentialEntry {
        cloud: cloud_of(check.cloud),
        // Nothing to ask a cloud about a context without credentials; AWS needs the profile's
        // name. Kubernetes contexts are checked offline only (a cluster call is the Clusters
        // view's job).
        can_check_live: check.status != Status::NotConfigured
            && match check.cloud {
                Cloud::Aws => check.profile.is_some(),
                Cloud::Azure | Cloud::Gcp => true,
                Cloud::Kubernetes => false,
            },
        active: is_aws && check.profile.is_some() && check.profile.as_deref() == active,
        context: check.profile,
        status: status_of(check.status),
        identity: check.identity,
        expires_at: check.expires_at,
        message: check.message,
        fix: check.fix,
        verified: false,
        checked_at: None,
    }
}

/// The AWS context terraform's AWS provider uses by default: credentials in the environment
/// first, else `AWS_PROFILE` (or `AWS_DEFAULT_PROFILE`), else `default` — when configured.
fn active_aws(ctx: &Context) -> (Option<String>, Option<String>) {
    let d = orbis_cloud::discover::aws::discover(ctx);
    if d.environment.is_some() {
        return (Some(ENV_PROFILE.to_string()), None);
    }
    let selected = d.selected_profile;
    if d.profiles.iter().any(|p| p.name == selected) {
        (Some(selected), None)
    } else if ctx.var("AWS_PROFILE").is_some() || ctx.var("AWS_DEFAULT_PROFILE").is_some() {
        // A profile named in the environment that the files do not have: runs would fail.
        (Some(selected.clone()), Some(selected))
    } else {
        (None, None)
    }
}

pub(super) fn report(c: &Credentials) -> CredentialReport {
    let ctx = context_of(c);
    let (active, unknown) = active_aws(&ctx);
    let offline = orbis_cloud::offline_report(&ctx);
    let mut entries: Vec<CredentialEntry> = offline
        .checks
        .into_iter()
        .map(|check| entry(check, active.as_deref()))
        .collect();
    if let Some(name) = unknown {
        let quoted = shell_word(&name);
        entries.insert(
            0,
            CredentialEntry {
                cloud: CredentialCloud::Aws,
                context: Some(name.clone()),
                status: CredentialStatus::Missing,
                identity: None,
                expires_at: None,
                message: format!(
                    "AWS_PROFILE names the profile \"{name}\", which is not in the AWS config or credentials file: runs using AWS will fail."
                ),
                fix: Some(format!("aws configure --profile {quoted}")),
                verified: false,
                checked_at: None,
                can_check_live: false,
                active: true,
            },
        );
    }
    // Live verdicts still apply while the files say what they said when it was made.
    let mut live = lock(&c.live);
    live.retain(|key, (offline_status, _)| {
        entries
            .iter()
            .any(|e| (e.cloud, e.context.clone()) == *key && e.status == *offline_status)
    });
    for e in &mut entries {
        if let Some((_, verdict)) = live.get(&(e.cloud, e.context.clone())) {
            let active = e.active;
            *e = verdict.clone();
            e.active = active;
        }
    }
    CredentialReport {
        entries,
        active_aws: active,
    }
}

fn doctor_cloud(c: CredentialCloud) -> Cloud {
    match c {
        CredentialCloud::Aws => Cloud::Aws,
        CredentialCloud::Azure => Cloud::Azure,
        CredentialCloud::Gcp => Cloud::Gcp,
        CredentialCloud::Kubernetes => Cloud::Kubernetes,
    }
}

fn cloud_name(c: CredentialCloud) -> &'static str {
    match c {
        CredentialCloud::Aws => "AWS",
        CredentialCloud::Azure => "Azure",
        CredentialCloud::Gcp => "Google Cloud",
        CredentialCloud::Kubernetes => "Kubernetes",
    }
}

/// The doctor's live check of one context: STS GetCallerIdentity for an AWS profile, a token
/// for the management scope through the Azure CLI, a Google token (+ project) from the
/// application-default credentials. `context` is the report's (None: the cloud's only one).
pub(super) fn check_live(
    c: &Credentials,
    cloud: CredentialCloud,
    context: Option<&str>,
) -> Result<CredentialEntry, AppError> {
    let ctx = context_of(c);
    let name = cloud_name(cloud);
    let what = match context {
        Some(p) => format!("{name} context \"{p}\""),
        None => format!("the {name} sign-in"),
    };
    let key = (cloud, context.map(str::to_string));
    let offline = report(c)
        .entries
        .into_iter()
        .find(|e| e.cloud == key.0 && e.context == key.1)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("There is no {what} to check"),
                "Re-check the list: the cloud configuration files may have changed.",
            )
        })?;
    if !offline.can_check_live {
        return Err(AppError::new(
            ErrorCode::CredentialCheckFailed,
            format!("{what} has nothing to check live ({})", offline.message),
            offline
                .fix
                .map(|f| format!("Run `{f}`, then Re-check."))
                .unwrap_or_else(|| "Configure it first, then Re-check.".to_string()),
        ));
    }
    let options = DoctorOptions {
        clouds: vec![doctor_cloud(cloud)],
        profiles: context.map(|p| vec![p.to_string()]).unwrap_or_default(),
        timeout: LIVE_TIMEOUT,
        ..Default::default()
    };
    let rt =
        c.rt.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("orbis-credentials")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("Live checks are unavailable: {e}"),
                "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
            )
        })?;
    let (tx, rx) = std::sync::mpsc::channel();
    rt.spawn(async move {
        let _ = tx.send(orbis_cloud::doctor(&ctx, &options).await);
    });
    // The doctor bounds the check itself; this bounds the wait for it too.
    let report = rx
        .recv_timeout(LIVE_TIMEOUT + Duration::from_secs(5))
        .map_err(|_| {
            AppError::new(
                ErrorCode::CredentialCheckFailed,
                format!(
                    "The live check of {what} did not finish within {} s",
                    LIVE_TIMEOUT.as_secs()
                ),
                "Check the network connection (or a sign-in prompt waiting), then check again.",
            )
        })?;
    let check = report
        .checks
        .into_iter()
        .find(|ch| context.is_none() || ch.profile.as_deref() == context)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("{what} disappeared before it was checked"),
                "Re-check the list.",
            )
        })?;
    let mut verdict = entry(check, None);
    // The report's key, even where the live check names the context (e.g. the Azure
    // subscription), so the verdict replaces the right row.
    verdict.context = key.1.clone();
    verdict.verified = true;
    verdict.checked_at = Some(now());
    log::info!("live credential check of {what}: {:?}", verdict.status);
    lock(&c.live).insert(key, (offline.status, verdict.clone()));
    // `active` is the report's to say.
    verdict.active = cloud == CredentialCloud::Aws && context.is_some_and(|p| report_active(c, p));
    Ok(verdict)
}

fn report_active(c: &Credentials, profile: &str) -> bool {
    active_aws(&context_of(c)).0.as_deref() == Some(profile)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A profile name as one shell word.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@+=:/,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

// ---- Run secrets ----

fn keychain_error(e: CloudError) -> AppError {
    use orbis_cloud::ErrorCode as C;
    // The library's own words (a D-Bus error) go to the log only; the person reads plain words.
    if let Some(detail) = &e.detail {
        log::warn!("keychain: {}: {detail}", e.code);
    }
    let code = match e.code {
        C::NoKeychain | C::KeychainLocked | C::KeychainFailed => ErrorCode::KeychainUnavailable,
        C::SecretNameInvalid => ErrorCode::SecretInvalid,
        C::SecretNotFound => ErrorCode::NotFound,
        _ => ErrorCode::Internal,
    };
    AppError::new(code, e.message, e.hint)
}

/// One keychain service per workspace: its secrets are its own.
fn store(prefix: &str, root: &Path) -> Result<SecretStore, CloudError> {
    SecretStore::open_service(&format!("{prefix}:{}", root.display()))
}

fn listing(store: &SecretStore) -> Result<RunSecrets, AppError> {
    Ok(RunSecrets {
        available: true,
        problem: None,
        names: store.list().map_err(keychain_error)?,
    })
}

pub(super) fn list_secrets(prefix: &str, root: &Path) -> Result<RunSecrets, AppError> {
    match store(prefix, root) {
        Ok(s) => match listing(&s) {
            Ok(l) => Ok(l),
            Err(e) if e.code == ErrorCode::KeychainUnavailable => Ok(refused(e)),
            Err(e) => Err(e),
        },
        Err(e) => Ok(refused(keychain_error(e))),
    }
}

fn refused(problem: AppError) -> RunSecrets {
    RunSecrets {
        available: false,
        problem: Some(problem),
        names: Vec::new(),
    }
}

pub(super) fn set_secret(
    prefix: &str,
    root: &Path,
    name: &str,
    value: String,
) -> Result<RunSecrets, AppError> {
    // Owned by the SecretString from here on: zeroized when dropped.
    let value = SecretString::from(value);
    orbis_cloud::secrets::check_name(name).map_err(keychain_error)?;
    if secrecy::ExposeSecret::expose_secret(&value).is_empty() {
        return Err(AppError::new(
            ErrorCode::SecretInvalid,
            format!("The value of {name} is empty"),
            "Type the value to keep in the keychain (or remove the secret).",
        ));
    }
    let s = store(prefix, root).map_err(keychain_error)?;
    s.set(name, &value).map_err(keychain_error)?;
    log::info!("run secret {name} stored in the OS keychain");
    listing(&s)
}

pub(super) fn delete_secret(prefix: &str, root: &Path, name: &str) -> Result<RunSecrets, AppError> {
    orbis_cloud::secrets::check_name(name).map_err(keychain_error)?;
    let s = store(prefix, root).map_err(keychain_error)?;
    s.delete(name).map_err(keychain_error)?;
    log::info!("run secret {name} removed from the OS keychain");
    listing(&s)
}

pub(super) fn secret_env(prefix: &str, root: &Path) -> Result<Vec<(String, String)>, AppError> {
    let s = match store(prefix, root) {
        Ok(s) => s,
        // No keychain: nothing can have been stored.
        Err(e) if e.code == orbis_cloud::ErrorCode::NoKeychain => return Ok(Vec::new()),
        Err(e) => return Err(run_secrets_error(e)),
    };
    let names = s.list().map_err(run_secrets_error)?;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let env = s.env_for_run(&names).map_err(run_secrets_error)?;
    log::info!(
        "run gets {} secret(s) from the keychain: {}",
        env.len(),
        names.join(", ")
    );
    Ok(expose_for_child(&env))
}

fn run_secrets_error(e: CloudError) -> AppError {
    let e = keychain_error(e);
    AppError::new(
        e.code,
        format!("The run's secrets could not be read: {}", e.message),
        e.hint,
    )
}
