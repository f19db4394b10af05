//! Errors that reach a person: a stable code, a message in plain words and a hint of what to
//! do next (Architecture Invariant), like `orbis_app::AppError`. Messages never carry a secret
//! value, a token or a stack trace.

use serde::Serialize;
use std::fmt;

/// Stable error codes (`cloud.*`). Renaming one is a breaking change for the UI and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// No OS keychain: no Secret Service on the session bus (Linux), or the platform store
    /// could not be opened. Secrets are then refused, never written in plain text.
    NoKeychain,
    /// The keychain is there but locked, or it refused access (a prompt was dismissed).
    KeychainLocked,
    /// The keychain answered with an error or did not answer in time.
    KeychainFailed,
    /// A secret name is not a valid environment variable name.
    SecretNameInvalid,
    /// A secret asked for by name is not in the keychain.
    SecretNotFound,
    /// A configuration file (AWS config, azureProfile.json, gcloud, kubeconfig) is unreadable.
    ConfigUnreadable,
    /// The named AWS profile is not in the AWS config or credentials file.
    ProfileNotFound,
    /// Credentials could not be loaded (expired SSO session, failing credential_process…).
    CredentialsUnavailable,
    /// The cloud refused the request (unknown key, access denied).
    Denied,
    /// The credentials have expired.
    Expired,
    /// The cloud endpoint could not be reached.
    Unreachable,
    /// The call did not finish in time.
    Timeout,
    /// A remote state (object, bucket or HTTP resource) does not exist.
    StateNotFound,
    /// The cloud answered with an error not covered above.
    Service,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NoKeychain => "cloud.no_keychain",
            ErrorCode::KeychainLocked => "cloud.keychain_locked",
            ErrorCode::KeychainFailed => "cloud.keychain_failed",
            ErrorCode::SecretNameInvalid => "cloud.secret_name_invalid",
            ErrorCode::SecretNotFound => "cloud.secret_not_found",
            ErrorCode::ConfigUnreadable => "cloud.config_unreadable",
            ErrorCode::ProfileNotFound => "cloud.profile_not_found",
            ErrorCode::CredentialsUnavailable => "cloud.credentials_unavailable",
            ErrorCode::Denied => "cloud.denied",
            ErrorCode::Expired => "cloud.expired",
            ErrorCode::Unreachable => "cloud.unreachable",
            ErrorCode::Timeout => "cloud.timeout",
            ErrorCode::StateNotFound => "cloud.state_not_found",
            ErrorCode::Service => "cloud.service",
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

/// The error value of every fallible operation of this crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloudError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: String,
    /// What the underlying library said (e.g. a D-Bus error), for the log only: the message
    /// and hint stay in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl CloudError {
    pub fn new(code: ErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl fmt::Display for CloudError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CloudError {}
