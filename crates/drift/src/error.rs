//! Errors that reach a person: stable code, message, hint.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftError {
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

impl DriftError {
    pub fn new(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        DriftError {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for DriftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

impl std::error::Error for DriftError {}

impl From<orbis_state::StateError> for DriftError {
    fn from(e: orbis_state::StateError) -> Self {
        DriftError {
            code: e.code,
            message: e.message,
            hint: e.hint.to_string(),
        }
    }
}
