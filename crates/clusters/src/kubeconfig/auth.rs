//! How a kubeconfig user authenticates, in a word the UI and scripts can show, and the fix
//! commands for the exec credential plugins of the three clouds. Only the kind of credential
//! is read here: never a token, key or password value.

use crate::error::{ClusterError, ErrorCode};
use kube::config::{AuthInfo, ExecConfig};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AuthKind {
    /// An exec credential plugin: `program` is the command's file name (`aws`,
    /// `gke-gcloud-auth-plugin`, `kubelogin`…); arguments and env are not kept.
    Exec {
        program: String,
    },
    /// A legacy auth-provider (`oidc`, `gcp`, `azure`).
    AuthProvider {
        name: String,
    },
    Token,
    TokenFile,
    ClientCertificate,
    Basic,
    /// The context names a user that no kubeconfig file defines.
    MissingUser,
    /// No credentials (anonymous, or a server that authenticates by other means).
    None,
}

impl AuthKind {
    pub fn of(user: &AuthInfo) -> Self {
        if let Some(exec) = &user.exec {
            return AuthKind::Exec {
                program: exec_program(exec),
            };
        }
        if let Some(provider) = &user.auth_provider {
            return AuthKind::AuthProvider {
                name: provider.name.clone(),
            };
        }
        if user.token.is_some() {
            AuthKind::Token
        } else if user.token_file.is_some() {
            AuthKind::TokenFile
        } else if user.client_certificate.is_some() || user.client_certificate_data.is_some() {
            AuthKind::ClientCertificate
        } else if user.username.is_some() || user.password.is_some() {
            AuthKind::Basic
        } else {
            AuthKind::None
        }
    }

    /// `exec:aws`, `auth-provider:oidc`, `token`, `token-file`, `client-certificate`,
    /// `basic`, `missing-user`, `none`: the `auth` of `orbis clusters list`.
    pub fn label(&self) -> String {
        match self {
            AuthKind::Exec { program } => format!("exec:{program}"),
            AuthKind::AuthProvider { name } => format!("auth-provider:{name}"),
            AuthKind::Token => "token".into(),
            AuthKind::TokenFile => "token-file".into(),
            AuthKind::ClientCertificate => "client-certificate".into(),
            AuthKind::Basic => "basic".into(),
            AuthKind::MissingUser => "missing-user".into(),
            AuthKind::None => "none".into(),
        }
    }
}

/// The file name of the plugin's command (`/usr/local/bin/aws` → `aws`).
pub(crate) fn exec_program(exec: &ExecConfig) -> String {
    let command = exec.command.as_deref().unwrap_or("");
    Path::new(command)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| command.to_string())
}

/// The value after `--flag` or in `--flag=value` among the plugin's arguments.
fn arg_value(exec: &ExecConfig, flag: &str) -> Option<String> {
    let args = exec.args.as_deref().unwrap_or(&[]);
    let prefixed = format!("{flag}=");
    args.iter().enumerate().find_map(|(i, a)| {
        if a == flag {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(&prefixed).map(str::to_string)
        }
    })
}

fn env_value(exec: &ExecConfig, name: &str) -> Option<String> {
    exec.env.as_ref()?.iter().find_map(|pair| {
        (pair.get("name").map(String::as_str) == Some(name))
            .then(|| pair.get("value").cloned())
            .flatten()
    })
}

/// The AWS profile `aws eks get-token` runs with: `--profile`, else `AWS_PROFILE` in the
/// plugin's env.
fn aws_profile(exec: &ExecConfig) -> Option<String> {
    arg_value(exec, "--profile").or_else(|| env_value(exec, "AWS_PROFILE"))
}

/// How to install a plugin that is not on PATH.
pub(crate) fn install_hint(exec: &ExecConfig) -> String {
    let from_file = exec
        .install_hint
        .as_deref()
        .map(|h| format!(" The kubeconfig says: {}", h.trim()))
        .unwrap_or_default();
    let how = match exec_program(exec).as_str() {
        "aws" => "Install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), then `aws sso login` or `aws configure`.".to_string(),
        "gke-gcloud-auth-plugin" => "Run `gcloud components install gke-gcloud-auth-plugin` (or install the google-cloud-cli-gke-gcloud-auth-plugin package).".to_string(),
        "kubelogin" => "Run `az aks install-cli` (installs kubectl and kubelogin), then `az login`.".to_string(),
        "gcloud" => "Install the Google Cloud CLI, then `gcloud auth login`.".to_string(),
        "az" => "Install the Azure CLI, then `az login`.".to_string(),
        other => format!("Install `{other}` or put it on PATH (the same PATH kubectl sees)."),
    };
    format!("{how}{from_file}")
}

/// What to run when the plugin ran and failed: mostly an expired or missing sign-in.
fn login_hint(exec: &ExecConfig) -> String {
    match exec_program(exec).as_str() {
        "aws" => match aws_profile(exec) {
            Some(p) => format!("Sign in again: `aws sso login --profile {p}` (or check the profile with `aws sts get-caller-identity --profile {p}`)."),
            None => "Sign in again: `aws sso login` (or check your credentials with `aws sts get-caller-identity`).".to_string(),
        },
        "gke-gcloud-auth-plugin" | "gcloud" => {
            "Sign in again: `gcloud auth login` (and `gcloud config set project PROJECT`).".to_string()
        }
        "kubelogin" => match arg_value(exec, "--login").or_else(|| arg_value(exec, "-l")).as_deref() {
            Some("azurecli") | None => "Sign in again: `az login`, then `kubelogin remove-tokens` if an old token is cached.".to_string(),
            Some("devicecode") | Some("interactive") => "Run `kubelogin remove-tokens`, then retry to get a new device-code sign-in.".to_string(),
            Some(mode) => format!("Check the credentials of kubelogin's `{mode}` login mode (environment variables or workload identity), or run `kubelogin remove-tokens`."),
        },
        other => format!("Run `{other}` yourself with the context's arguments to see why it fails."),
    }
}

/// A failed exec plugin as a clear error. `detail` is the exit status or the start error;
/// `stderr` (only when the plugin was not interactive) is cut to its last line.
pub(crate) fn exec_failure(
    exec: &ExecConfig,
    not_found: bool,
    detail: &str,
    stderr: Option<&str>,
) -> ClusterError {
    let program = exec_program(exec);
    let shown = match exec.command.as_deref() {
        Some(c) if program == "aws" => format!("{c} {}", first_args(exec)),
        Some(c) => c.to_string(),
        None => String::new(),
    };
    if not_found {
        return ClusterError::new(
            ErrorCode::ExecPluginMissing,
            format!(
                "The exec credential plugin `{}` is not installed (not found on PATH).",
                shown.trim()
            ),
            install_hint(exec),
        );
    }
    let tail = stderr
        .and_then(|s| s.lines().rev().find(|l| !l.trim().is_empty()))
        .map(|l| format!(": {}", super::first_line(l.trim())))
        .unwrap_or_default();
    ClusterError::new(
        ErrorCode::ExecPluginFailed,
        format!(
            "The exec credential plugin `{}` failed ({detail}){tail}.",
            shown.trim()
        ),
        login_hint(exec),
    )
}

/// `eks get-token` of `aws eks get-token --cluster-name X`: the words before the first flag,
/// so the message says which command ran without echoing every argument.
fn first_args(exec: &ExecConfig) -> String {
    exec.args
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}
