//! Errors that reach a person: a stable code, a message and a hint.
use thiserror::Error;

#[derive(Debug, Error)]
#[error("{message}")]
pub struct CostError {
    /// Stable code, e.g. `cost.io`, `cost.usage_file`, `cost.catalog`, `cost.import`.
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

impl CostError {
    pub fn new(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        CostError {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl From<rusqlite::Error> for CostError {
    fn from(e: rusqlite::Error) -> Self {
        CostError::new(
            "cost.catalog",
            format!("price catalog database error: {e}"),
            "check that the catalog file is an orbis price catalog (or re-import the price files)",
        )
    }
}
