//! Errors that reach a person: a stable code, a message in plain words and a hint with the
//! command that fixes it (Architecture Invariant), like `orbis_cloud::CloudError`. Messages
//! never carry a token, a key, a password or the output of an exec plugin's stdout.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// Stable error codes (`clusters.*`). Renaming one is a breaking change for the UI and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// No kubeconfig file exists where kubectl would look.
    NoKubeconfig,
    /// A kubeconfig file exists but cannot be read (permissions, not UTF-8/UTF-16).
    KubeconfigUnreadable,
    /// A kubeconfig file is not valid YAML or not a kubeconfig (wrong shape, wrong kind).
    KubeconfigInvalid,
    /// `current-context` names a context that no file defines.
    CurrentContextMissing,
    /// A context is defined twice; the first one is used, as kubectl does.
    DuplicateName,
    /// A context refers to a cluster or user that no file defines, or its cluster has no
    /// usable server URL.
    ContextIncomplete,
    /// The context asked for does not exist.
    ContextNotFound,
    /// Certificate, key or token data or files of a context cannot be loaded.
    CredentialsInvalid,
    /// The exec credential plugin (aws, gke-gcloud-auth-plugin, kubelogin…) is not installed.
    ExecPluginMissing,
    /// The exec credential plugin ran and failed (expired SSO session, not logged in…).
    ExecPluginFailed,
    /// A legacy auth-provider (gcp, azure) that kubectl removed.
    AuthProviderUnsupported,
    /// The API server refused the credentials (401).
    Unauthorized,
    /// The credentials are valid but RBAC forbids the request (403).
    Forbidden,
    /// The API server could not be reached, or the connection broke.
    Unreachable,
    /// The API server answered with an error not covered above, or an unreadable body.
    Api,
    /// A kubeconfig file could not be written (or backed up) when adding a context.
    KubeconfigWriteFailed,
    /// An action does not apply or would change nothing (scale to the current count…), or
    /// the cluster rejected its value (422).
    ActionInvalid,
    /// The object an action is about no longer exists (404).
    NotFound,
    /// The object changed between the preview and the action (409, or a changed preview),
    /// or an apply touches fields another field manager owns.
    Conflict,
    /// A YAML file to apply is not valid YAML or not Kubernetes objects, or the cluster
    /// refused an object as invalid (400/422).
    ManifestInvalid,
    /// A file to apply names a kind the cluster does not serve (discovery).
    UnknownKind,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NoKubeconfig => "clusters.no_kubeconfig",
            ErrorCode::KubeconfigUnreadable => "clusters.kubeconfig_unreadable",
            ErrorCode::KubeconfigInvalid => "clusters.kubeconfig_invalid",
            ErrorCode::CurrentContextMissing => "clusters.current_context_missing",
            ErrorCode::DuplicateName => "clusters.duplicate_name",
            ErrorCode::ContextIncomplete => "clusters.context_incomplete",
            ErrorCode::ContextNotFound => "clusters.context_not_found",
            ErrorCode::CredentialsInvalid => "clusters.credentials_invalid",
            ErrorCode::ExecPluginMissing => "clusters.exec_plugin_missing",
            ErrorCode::ExecPluginFailed => "clusters.exec_plugin_failed",
            ErrorCode::AuthProviderUnsupported => "clusters.auth_provider_unsupported",
            ErrorCode::Unauthorized => "clusters.unauthorized",
            ErrorCode::Forbidden => "clusters.forbidden",
            ErrorCode::Unreachable => "clusters.unreachable",
            ErrorCode::Api => "clusters.api",
            ErrorCode::KubeconfigWriteFailed => "clusters.kubeconfig_write_failed",
            ErrorCode::ActionInvalid => "clusters.action_invalid",
            ErrorCode::NotFound => "clusters.not_found",
            ErrorCode::Conflict => "clusters.conflict",
            ErrorCode::ManifestInvalid => "clusters.manifest_invalid",
            ErrorCode::UnknownKind => "clusters.unknown_kind",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The error value of every fallible operation of this crate, and each entry of the
/// `errors` list of `orbis clusters list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: String,
    /// The context it is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The kubeconfig file it is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
}

impl ClusterError {
    pub fn new(code: ErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
            context: None,
            file: None,
        }
    }

    pub fn in_context(mut self, context: &str) -> Self {
        self.context = Some(context.to_string());
        self
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClusterError {}

/// The commands that create a kubeconfig entry, for hints about missing or broken files.
pub(crate) const GET_CREDENTIALS: &str = "`aws eks update-kubeconfig --name CLUSTER`, `az aks get-credentials --resource-group GROUP --name CLUSTER` or `gcloud container clusters get-credentials CLUSTER`";
