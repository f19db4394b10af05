//! AWS: profiles of the config file (`$AWS_CONFIG_FILE`, else `~/.aws/config`) and the shared
//! credentials file (`$AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), SSO sessions,
//! and credentials in environment variables. Secret keys and session tokens are never kept:
//! only whether they are present.

use super::{mask_key_id, read_config};
use crate::ini::{self, Section};
use crate::Context;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct AwsDiscovery {
    /// The config file's path (whether or not it exists).
    pub config_file: Option<PathBuf>,
    pub credentials_file: Option<PathBuf>,
    /// Profiles of both files, merged by name, in order of first appearance.
    pub profiles: Vec<AwsProfile>,
    pub sso_sessions: Vec<SsoSession>,
    /// Credentials in `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (used before any profile).
    pub environment: Option<AwsEnvCredentials>,
    /// The profile the AWS CLI would use: `$AWS_PROFILE`, else `default`.
    pub selected_profile: String,
    /// Files that exist but could not be read, in plain words.
    pub notes: Vec<String>,
}

/// How a profile gets its credentials, in the AWS SDKs' order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwsProfileKind {
    /// `role_arn` + `web_identity_token_file`.
    WebIdentity,
    /// `role_arn` with `source_profile` or `credential_source`.
    AssumeRole,
    /// IAM Identity Center: `sso_session` or the legacy `sso_start_url`.
    Sso,
    /// `credential_process`.
    CredentialProcess,
    /// `aws_access_key_id` + `aws_secret_access_key`.
    StaticKeys,
    /// Settings only (region, output…): no credentials of its own.
    NoCredentials,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwsProfile {
    pub name: String,
    pub kind: AwsProfileKind,
    pub region: Option<String>,
    /// Masked, e.g. `AKIA…WXYZ`.
    pub access_key_id: Option<String>,
    pub has_secret_access_key: bool,
    pub has_session_token: bool,
    pub sso_session: Option<String>,
    pub sso_start_url: Option<String>,
    pub sso_region: Option<String>,
    pub sso_account_id: Option<String>,
    pub sso_role_name: Option<String>,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub credential_source: Option<String>,
    /// The program of `credential_process` (its arguments are not shown: they may hold secrets).
    pub credential_process: Option<String>,
    pub web_identity_token_file: Option<String>,
    pub endpoint_url: Option<String>,
    pub in_config_file: bool,
    pub in_credentials_file: bool,
    /// This is the profile the AWS CLI uses without `--profile`.
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SsoSession {
    pub name: String,
    pub start_url: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwsEnvCredentials {
    /// Masked.
    pub access_key_id: String,
    pub has_secret_access_key: bool,
    pub has_session_token: bool,
}

/// The merged raw settings of one profile (config file first, credentials file on top).
#[derive(Debug, Clone, Default)]
pub(crate) struct RawProfile {
    pub settings: BTreeMap<String, String>,
    pub in_config: bool,
    pub in_credentials: bool,
}

/// Settings whose values are secrets: only their presence is kept.
const SECRET_KEYS: [&str; 3] = [
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
];

impl RawProfile {
    fn absorb(&mut self, section: &Section) {
        for (k, v) in &section.entries {
            let k = k.to_ascii_lowercase();
            let v = if SECRET_KEYS.contains(&k.as_str()) && !v.is_empty() {
                "(set)".to_string()
            } else {
                v.clone()
            };
            self.settings.insert(k, v);
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// Both files parsed; what discovery and the doctor share.
#[derive(Debug, Clone, Default)]
pub(crate) struct AwsFiles {
    pub config_path: Option<PathBuf>,
    pub credentials_path: Option<PathBuf>,
    /// In order of first appearance.
    pub profiles: Vec<(String, RawProfile)>,
    pub sso_sessions: BTreeMap<String, Section>,
    pub notes: Vec<String>,
}

impl AwsFiles {
    pub fn load(ctx: &Context) -> Self {
        let mut files = AwsFiles {
            config_path: ctx.path_or_home("AWS_CONFIG_FILE", ".aws/config"),
            credentials_path: ctx.path_or_home("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"),
            ..Default::default()
        };
        let mut read = |path: &Option<PathBuf>| match path.as_deref().map(read_config) {
            Some(Ok(text)) => text,
            Some(Err(note)) => {
                files.notes.push(note);
                None
            }
            None => None,
        };
        let config_text = read(&files.config_path.clone());
        let credentials_text = read(&files.credentials_path.clone());
        if let Some(text) = &config_text {
            for section in ini::parse(text) {
                let name = section.name.trim();
                if let Some(session) = name.strip_prefix("sso-session ") {
                    files
                        .sso_sessions
                        .insert(session.trim().to_string(), section.clone());
                    continue;
                }
                // In the config file a profile is `[default]` or `[profile NAME]`; other
                // sections (`[services x]`, `[NAME]` without the prefix) are not profiles.
                let profile = if name == "default" {
                    "default"
                } else if let Some(p) = name.strip_prefix("profile ") {
                    p.trim()
                } else {
                    continue;
                };
                let raw = files.entry(profile);
                raw.in_config = true;
                raw.absorb(&section);
            }
        }
        if let Some(text) = &credentials_text {
            for section in ini::parse(text) {
                let raw = files.entry(section.name.trim());
                raw.in_credentials = true;
                raw.absorb(&section);
            }
        }
        files.profiles.retain(|(name, _)| !name.is_empty());
        files
    }

    fn entry(&mut self, name: &str) -> &mut RawProfile {
        let i = match self.profiles.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.profiles
                    .push((name.to_string(), RawProfile::default()));
                self.profiles.len() - 1
            }
        };
        &mut self.profiles[i].1
    }

    pub fn profile(&self, name: &str) -> Option<&RawProfile> {
        self.profiles
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
    }
}

pub(crate) fn kind_of(p: &RawProfile) -> AwsProfileKind {
    let has = |k: &str| p.get(k).is_some_and(|v| !v.trim().is_empty());
    if has("role_arn") && has("web_identity_token_file") {
        AwsProfileKind::WebIdentity
    } else if has("role_arn") && (has("source_profile") || has("credential_source")) {
        AwsProfileKind::AssumeRole
    } else if has("sso_session") || has("sso_start_url") {
        AwsProfileKind::Sso
    } else if has("credential_process") {
        AwsProfileKind::CredentialProcess
    } else if has("aws_access_key_id") {
        AwsProfileKind::StaticKeys
    } else {
        AwsProfileKind::NoCredentials
    }
}

pub fn discover(ctx: &Context) -> AwsDiscovery {
    let files = AwsFiles::load(ctx);
    let selected = ctx
        .var("AWS_PROFILE")
        .or_else(|| ctx.var("AWS_DEFAULT_PROFILE"))
        .unwrap_or("default")
        .to_string();
    let opt = |p: &RawProfile, k: &str| p.get(k).map(str::to_string);
    let profiles = files
        .profiles
        .iter()
        .map(|(name, p)| {
            let sso_session = opt(p, "sso_session");
            let session = sso_session
                .as_deref()
                .and_then(|s| files.sso_sessions.get(s));
            AwsProfile {
                name: name.clone(),
                kind: kind_of(p),
                region: opt(p, "region"),
                access_key_id: p.get("aws_access_key_id").map(mask_key_id),
                has_secret_access_key: p.get("aws_secret_access_key").is_some(),
                has_session_token: p.get("aws_session_token").is_some(),
                sso_start_url: opt(p, "sso_start_url")
                    .or_else(|| session.and_then(|s| s.get("sso_start_url").map(str::to_string))),
                sso_region: opt(p, "sso_region")
                    .or_else(|| session.and_then(|s| s.get("sso_region").map(str::to_string))),
                sso_session,
                sso_account_id: opt(p, "sso_account_id"),
                sso_role_name: opt(p, "sso_role_name"),
                role_arn: opt(p, "role_arn"),
                source_profile: opt(p, "source_profile"),
                credential_source: opt(p, "credential_source"),
                credential_process: p
                    .get("credential_process")
                    .map(|c| program_of(c).to_string()),
                web_identity_token_file: opt(p, "web_identity_token_file"),
                endpoint_url: opt(p, "endpoint_url"),
                in_config_file: p.in_config,
                in_credentials_file: p.in_credentials,
                selected: *name == selected,
            }
        })
        .collect();
    let sso_sessions = files
        .sso_sessions
        .iter()
        .map(|(name, s)| SsoSession {
            name: name.clone(),
            start_url: s.get("sso_start_url").map(str::to_string),
            region: s.get("sso_region").map(str::to_string),
        })
        .collect();
    let environment = ctx.var("AWS_ACCESS_KEY_ID").map(|id| AwsEnvCredentials {
        access_key_id: mask_key_id(id),
        has_secret_access_key: ctx.var("AWS_SECRET_ACCESS_KEY").is_some(),
        has_session_token: ctx.var("AWS_SESSION_TOKEN").is_some(),
    });
    AwsDiscovery {
        config_file: files.config_path.clone(),
        credentials_file: files.credentials_path.clone(),
        profiles,
        sso_sessions,
        environment,
        selected_profile: selected,
        notes: files.notes.clone(),
    }
}

/// The program of a command line (first word, quotes removed).
pub(crate) fn program_of(command: &str) -> &str {
    let c = command.trim();
    if let Some(rest) = c.strip_prefix('"') {
        return rest.split('"').next().unwrap_or(rest);
    }
    c.split_whitespace().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_of_a_command_line() {
        assert_eq!(
            program_of("/usr/bin/aws-vault export --json x"),
            "/usr/bin/aws-vault"
        );
        assert_eq!(program_of("\"/opt/my tool/get\" --a"), "/opt/my tool/get");
        assert_eq!(program_of("  "), "");
    }
}
