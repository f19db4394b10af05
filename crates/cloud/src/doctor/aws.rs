//! AWS checks: per profile (and for credentials in environment variables), load the
//! credentials as the SDKs do and ask STS GetCallerIdentity who they belong to. An IAM
//! Identity Center (SSO) profile whose cached sign-in has expired and cannot be refreshed is
//! reported from the token cache (`~/.aws/sso/cache/*.json` `expiresAt`) without any call.

use super::{Check, Cloud, Pending, Status};
use crate::aws::{AwsSession, LoadedCredentials, ENV_PROFILE};
use crate::discover::{AwsProfile, AwsProfileKind, Discovery};
use crate::error::{CloudError, ErrorCode};
use crate::timefmt;
use crate::Context;
use serde::Deserialize;
use sha1::{Digest, Sha1};
use std::path::PathBuf;
use std::sync::Arc;
use time::OffsetDateTime;

pub(super) fn checks(ctx: &Context, d: &Arc<Discovery>) -> Vec<Pending> {
    let mut out = Vec::new();
    if d.aws.environment.is_some() {
        let ctx = ctx.clone();
        out.push(Pending::new(Cloud::Aws, Some(ENV_PROFILE), async move {
            check_environment(ctx).await
        }));
    }
    for p in &d.aws.profiles {
        let (ctx, d, name) = (ctx.clone(), d.clone(), p.name.clone());
        out.push(Pending::new(Cloud::Aws, Some(&p.name), async move {
            check_profile(ctx, d, name).await
        }));
    }
    if out.is_empty() {
        let mut check = Check::new(
            Cloud::Aws,
            None,
            Status::NotConfigured,
            "No AWS profile or credentials are configured.",
        )
        .fix("aws configure sso");
        if let Some(note) = d.aws.notes.first() {
            check.message = format!("{} ({note})", check.message);
        }
        out.push(Pending::ready(check));
    }
    out
}

/// Offline (no AWS call, no credential_process run): what the files, the SSO token cache and
/// the environment say about each profile. `ok` here means "configured and not known to be
/// expired"; only a live check (`doctor`) proves the credentials work.
pub(super) fn offline(ctx: &Context, d: &Discovery) -> Vec<Check> {
    let mut out = Vec::new();
    if let Some(env) = &d.aws.environment {
        let base =
            |status, message: String| Check::new(Cloud::Aws, Some(ENV_PROFILE), status, message);
        out.push(if env.has_secret_access_key {
            base(
                Status::Ok,
                format!(
                    "An access key ({}) is set in AWS_ACCESS_KEY_ID{}; it is used before any profile. Not checked with AWS.",
                    env.access_key_id,
                    if env.has_session_token { " with a session token" } else { "" }
                ),
            )
            .identity(format!("access key {}", env.access_key_id))
        } else {
            base(
                Status::Error,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.".into(),
            )
        });
    }
    for p in &d.aws.profiles {
        out.push(offline_profile(ctx, d, p));
    }
    if out.is_empty() {
        let mut check = Check::new(
            Cloud::Aws,
            None,
            Status::NotConfigured,
            "No AWS profile or credentials are configured.",
        )
        .fix("aws configure sso");
        if let Some(note) = d.aws.notes.first() {
            check.message = format!("{} ({note})", check.message);
        }
        out.push(check);
    }
    out
}

fn offline_profile(ctx: &Context, d: &Discovery, p: &AwsProfile) -> Check {
    let name = p.name.as_str();
    let base = |status, message: String| Check::new(Cloud::Aws, Some(name), status, message);
    let configure = format!("aws configure --profile {}", shell_word(name));
    let root = root_profile(d, p);
    let via = if root.name == p.name {
        String::new()
    } else {
        format!(" (profile \"{}\", the source of this role)", root.name)
    };
    // Who the credentials would be, as far as the files say.
    let identity = match p.kind {
        AwsProfileKind::Sso => match (&p.sso_role_name, &p.sso_account_id) {
            (Some(role), Some(account)) => Some(format!("role {role} in account {account}")),
            (None, Some(account)) => Some(format!("account {account}")),
            _ => None,
        },
        AwsProfileKind::AssumeRole | AwsProfileKind::WebIdentity => p.role_arn.clone(),
        AwsProfileKind::StaticKeys => p.access_key_id.as_ref().map(|k| format!("access key {k}")),
        _ => None,
    };
    let with_identity = |mut c: Check| {
        c.identity = identity.clone();
        c
    };
    if p.kind == AwsProfileKind::NoCredentials {
        return base(
            Status::NotConfigured,
            "This profile has settings (region, output…) but no credentials of its own.".into(),
        )
        .fix(configure);
    }
    let mut expires = None;
    match root.kind {
        AwsProfileKind::Sso => {
            let login = sso_login_fix(root);
            match sso_state(ctx, root) {
                SsoState::NotSignedIn => {
                    return with_identity(base(
                        Status::Expired,
                        format!(
                        "Not signed in to IAM Identity Center{via}: no cached sign-in was found."
                    ),
                    ))
                    .fix(login)
                }
                SsoState::Unreadable(why) => {
                    return with_identity(base(
                        Status::Expired,
                        format!(
                            "The cached IAM Identity Center sign-in{via} cannot be used ({why})."
                        ),
                    ))
                    .fix(login)
                }
                SsoState::Token {
                    expires_at,
                    refreshable,
                } => {
                    if expires_at <= timefmt::now() && !refreshable {
                        return with_identity(base(
                            Status::Expired,
                            format!(
                                "The IAM Identity Center sign-in{via} expired at {}.",
                                timefmt::rfc3339(expires_at)
                            ),
                        ))
                        .expires(Some(expires_at))
                        .fix(login);
                    }
                    expires = Some(expires_at);
                }
            }
        }
        AwsProfileKind::NoCredentials => {
            return with_identity(base(
                Status::NotConfigured,
                format!("The source profile{via} has no credentials."),
            ))
            .fix(format!(
                "aws configure --profile {}",
                shell_word(&root.name)
            ))
        }
        AwsProfileKind::StaticKeys if !root.has_secret_access_key => {
            return with_identity(base(
                Status::Error,
                format!("The access key{via} has no aws_secret_access_key."),
            ))
            .fix(format!(
                "aws configure --profile {}",
                shell_word(&root.name)
            ))
        }
        AwsProfileKind::WebIdentity => {
            let file = root.web_identity_token_file.as_deref().unwrap_or("");
            let path = crate::context::expand_tilde(file, ctx.home());
            if !path.is_file() {
                return with_identity(base(
                    Status::Error,
                    format!("The web identity token file {file}{via} does not exist."),
                ));
            }
        }
        _ => {}
    }
    let mut message = describe_offline(p);
    if expires.is_some_and(|t| t <= timefmt::now()) {
        message.push_str(
            " The cached sign-in has expired but can be refreshed without signing in again.",
        );
    }
    message.push_str(" Not checked with AWS.");
    with_identity(base(Status::Ok, message)).expires(expires)
}

fn describe_offline(p: &AwsProfile) -> String {
    match p.kind {
        AwsProfileKind::StaticKeys => format!(
            "An access key ({}) is configured{}.",
            p.access_key_id.as_deref().unwrap_or("…"),
            if p.has_session_token { " with a session token" } else { "" }
        ),
        AwsProfileKind::Sso => "Signed in with IAM Identity Center.".to_string(),
        AwsProfileKind::AssumeRole => format!(
            "Assumes role {}{}.",
            p.role_arn.as_deref().unwrap_or("?"),
            p.source_profile
                .as_deref()
                .map(|s| format!(" with the credentials of profile \"{s}\""))
                .unwrap_or_default()
        ),
        AwsProfileKind::WebIdentity => format!(
            "Assumes role {} with a web identity token.",
            p.role_arn.as_deref().unwrap_or("?")
        ),
        AwsProfileKind::CredentialProcess => format!(
            "Credentials come from the credential_process program {} (it runs only for a live check or a run).",
            p.credential_process.as_deref().unwrap_or("?")
        ),
        AwsProfileKind::NoCredentials => String::new(),
    }
}

async fn check_environment(ctx: Context) -> Check {
    let base = |status, message: String| Check::new(Cloud::Aws, Some(ENV_PROFILE), status, message);
    let session = match AwsSession::for_profile(&ctx, ENV_PROFILE).await {
        Ok(s) => s,
        Err(e) => return base(status_of(&e), with_hint(&e)),
    };
    let loaded = match session.load_credentials().await {
        Ok(c) => c,
        Err(e) => return base(status_of(&e), with_hint(&e)),
    };
    match identity_with(&session, &loaded).await {
        Ok((identity, _)) => base(
            Status::Ok,
            format!(
                "The access key in AWS_ACCESS_KEY_ID ({}) works.",
                crate::discover::mask_key_id(ctx.var("AWS_ACCESS_KEY_ID").unwrap_or(""))
            ),
        )
        .identity(identity)
        .expires(loaded.expires_at.map(timefmt::from_system)),
        Err(e) => base(
            status_of(&e),
            format!(
                "{} Update or unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.",
                e.message
            ),
        ),
    }
}

async fn check_profile(ctx: Context, d: Arc<Discovery>, name: String) -> Check {
    let Some(p) = d.aws.profiles.iter().find(|p| p.name == name) else {
        return Check::new(
            Cloud::Aws,
            Some(&name),
            Status::NotConfigured,
            "The profile disappeared.",
        );
    };
    let base = |status, message: String| Check::new(Cloud::Aws, Some(&name), status, message);
    if p.kind == AwsProfileKind::NoCredentials {
        return base(
            Status::NotConfigured,
            "This profile has settings (region, output…) but no credentials of its own.".into(),
        )
        .fix(format!("aws configure --profile {}", shell_word(&name)));
    }
    let root = root_profile(&d, p);
    let mut sso_expiry = None;
    if root.kind == AwsProfileKind::Sso {
        let login = sso_login_fix(root);
        let via = if root.name == p.name {
            String::new()
        } else {
            format!(" (profile \"{}\", the source of this role)", root.name)
        };
        match sso_state(&ctx, root) {
            SsoState::NotSignedIn => {
                return base(
                    Status::Expired,
                    format!(
                        "Not signed in to IAM Identity Center{via}: no cached sign-in was found."
                    ),
                )
                .fix(login)
            }
            SsoState::Unreadable(why) => {
                return base(
                    Status::Expired,
                    format!("The cached IAM Identity Center sign-in{via} cannot be used ({why})."),
                )
                .fix(login)
            }
            SsoState::Token {
                expires_at,
                refreshable,
            } => {
                if expires_at <= timefmt::now() && !refreshable {
                    return base(
                        Status::Expired,
                        format!(
                            "The IAM Identity Center sign-in{via} expired at {}.",
                            timefmt::rfc3339(expires_at)
                        ),
                    )
                    .expires(Some(expires_at))
                    .fix(login);
                }
                sso_expiry = Some(expires_at);
            }
        }
    }
    let session = match AwsSession::for_profile(&ctx, &name).await {
        Ok(s) => s,
        Err(e) => return failure(&name, root, &e),
    };
    let loaded = match session.load_credentials().await {
        Ok(c) => c,
        Err(e) => return failure(&name, root, &e),
    };
    match identity_with(&session, &loaded).await {
        Ok((identity, _)) => base(Status::Ok, describe(p))
            .identity(identity)
            .expires(sso_expiry.or(loaded.expires_at.map(timefmt::from_system))),
        Err(e) => failure(&name, root, &e),
    }
}

/// STS GetCallerIdentity with credentials already loaded (so SSO, assume-role and
/// credential_process run once per check).
async fn identity_with(
    session: &AwsSession,
    loaded: &LoadedCredentials,
) -> Result<(String, crate::aws::CallerIdentity), CloudError> {
    let identity = session.caller_identity_with(loaded).await?;
    let label = format!("{} (account {})", identity.arn, identity.account);
    Ok((label, identity))
}

fn describe(p: &AwsProfile) -> String {
    match p.kind {
        AwsProfileKind::StaticKeys => format!(
            "The access key {} works.",
            p.access_key_id.as_deref().unwrap_or("…")
        ),
        AwsProfileKind::Sso => match (&p.sso_role_name, &p.sso_account_id) {
            (Some(role), Some(account)) => {
                format!("Signed in with IAM Identity Center: role {role} in account {account}.")
            }
            _ => "Signed in with IAM Identity Center.".to_string(),
        },
        AwsProfileKind::AssumeRole => format!(
            "Role {} assumed{}.",
            p.role_arn.as_deref().unwrap_or("?"),
            p.source_profile
                .as_deref()
                .map(|s| format!(" with the credentials of profile \"{s}\""))
                .unwrap_or_default()
        ),
        AwsProfileKind::WebIdentity => format!(
            "Role {} assumed with a web identity token.",
            p.role_arn.as_deref().unwrap_or("?")
        ),
        AwsProfileKind::CredentialProcess => format!(
            "Credentials from the credential_process program {}.",
            p.credential_process.as_deref().unwrap_or("?")
        ),
        AwsProfileKind::NoCredentials => String::new(),
    }
}

fn failure(name: &str, root: &AwsProfile, e: &CloudError) -> Check {
    let status = status_of(e);
    let fix = match (status, root.kind) {
        (Status::Expired, AwsProfileKind::Sso) => Some(sso_login_fix(root)),
        (Status::Denied | Status::Expired, AwsProfileKind::StaticKeys)
            if e.message.contains("did not accept these credentials")
                || status == Status::Expired =>
        {
            Some(format!(
                "aws configure --profile {}",
                shell_word(&root.name)
            ))
        }
        _ => None,
    };
    let message = if fix.is_some() {
        e.message.clone()
    } else {
        with_hint(e)
    };
    Check::new(Cloud::Aws, Some(name), status, message).maybe_fix(fix)
}

fn with_hint(e: &CloudError) -> String {
    format!("{} {}", e.message, e.hint)
}

pub(super) fn status_of(e: &CloudError) -> Status {
    match e.code {
        ErrorCode::Expired => Status::Expired,
        ErrorCode::Denied => Status::Denied,
        ErrorCode::ProfileNotFound => Status::NotConfigured,
        _ => Status::Error,
    }
}

/// The profile whose credentials a role chain starts from (`source_profile` links).
fn root_profile<'a>(d: &'a Discovery, p: &'a AwsProfile) -> &'a AwsProfile {
    let mut current = p;
    for _ in 0..16 {
        if current.kind != AwsProfileKind::AssumeRole {
            return current;
        }
        let Some(next) = current
            .source_profile
            .as_deref()
            .filter(|s| *s != current.name)
            .and_then(|s| d.aws.profiles.iter().find(|q| q.name == s))
        else {
            return current;
        };
        // A source profile that is itself a role with its own static keys ends the chain.
        current = next;
    }
    current
}

fn sso_login_fix(p: &AwsProfile) -> String {
    format!("aws sso login --profile {}", shell_word(&p.name))
}

/// A profile name as one shell word (quoted when it needs to be).
pub(crate) fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@+=:/,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

enum SsoState {
    NotSignedIn,
    Unreadable(String),
    Token {
        expires_at: OffsetDateTime,
        refreshable: bool,
    },
}

/// Only the fields that say whether the cached sign-in is usable; the tokens themselves are
/// skipped by the parser, never kept.
#[derive(Deserialize)]
struct CachedToken {
    #[serde(rename = "expiresAt")]
    expires_at: Option<String>,
    #[serde(rename = "refreshToken")]
    refresh_token: Option<serde::de::IgnoredAny>,
    #[serde(rename = "clientId")]
    client_id: Option<serde::de::IgnoredAny>,
    #[serde(rename = "clientSecret")]
    client_secret: Option<serde::de::IgnoredAny>,
    #[serde(rename = "registrationExpiresAt")]
    registration_expires_at: Option<String>,
}

/// The token cache file of an SSO profile: `~/.aws/sso/cache/<sha1 of the sso_session name,
/// or of the legacy sso_start_url>.json`, as the AWS CLI v2 writes it.
pub(crate) fn sso_cache_file(ctx: &Context, p: &AwsProfile) -> Option<PathBuf> {
    let key = p.sso_session.as_deref().or(p.sso_start_url.as_deref())?;
    let digest = Sha1::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(
        ctx.home()?
            .join(".aws/sso/cache")
            .join(format!("{hex}.json")),
    )
}

fn sso_state(ctx: &Context, p: &AwsProfile) -> SsoState {
    let Some(path) = sso_cache_file(ctx, p) else {
        return SsoState::NotSignedIn;
    };
    let text = match crate::discover::read_config(&path) {
        Ok(Some(t)) => t,
        Ok(None) => return SsoState::NotSignedIn,
        Err(note) => return SsoState::Unreadable(note),
    };
    let Ok(token) = serde_json::from_str::<CachedToken>(&text) else {
        return SsoState::Unreadable(format!("{} is not valid JSON", path.display()));
    };
    let Some(expires_at) = token.expires_at.as_deref().and_then(timefmt::parse) else {
        return SsoState::Unreadable(format!("{} has no valid expiresAt", path.display()));
    };
    // Only sso-session profiles refresh (the legacy sso_start_url form cannot), and only while
    // the client registration is valid.
    let registration_valid = token
        .registration_expires_at
        .as_deref()
        .and_then(timefmt::parse)
        .is_some_and(|t| t > timefmt::now());
    let refreshable = p.sso_session.is_some()
        && token.refresh_token.is_some()
        && token.client_id.is_some()
        && token.client_secret.is_some()
        && registration_valid;
    SsoState::Token {
        expires_at,
        refreshable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("dev-admin"), "dev-admin");
        assert_eq!(shell_word("my profile"), "'my profile'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
