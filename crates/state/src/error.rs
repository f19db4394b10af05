//! Errors that reach a person: a stable code, a message and a hint of what to do
//! (Architecture Invariant). Messages never contain attribute values: a state holds secrets.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    /// Stable machine-readable code, e.g. `state.truncated`.
    pub code: &'static str,
    pub message: String,
    pub hint: &'static str,
}

impl StateError {
    pub fn new(code: &'static str, message: impl Into<String>, hint: &'static str) -> Self {
        StateError {
            code,
            message: message.into(),
            hint,
        }
    }

    /// A serde_json failure, classified so the hint says what probably happened.
    pub(crate) fn from_json(err: &serde_json::Error, what: &str) -> Self {
        use serde_json::error::Category;
        let at = format!("line {} column {}", err.line(), err.column());
        match err.classify() {
            Category::Eof => StateError::new(
                "state.truncated",
                format!("{what} ends in the middle of the JSON document ({at})"),
                "the file was cut short (interrupted write, full disk or partial download); \
                 use the `.backup` file next to it or `terraform state pull > state.json`",
            ),
            Category::Syntax => StateError::new(
                "state.invalid_json",
                // serde_json's syntax messages name the token class, never the value.
                format!("{what} is not valid JSON at {at}: {}", short(err)),
                "this is not a Terraform state: pass a terraform.tfstate, the output of \
                 `terraform state pull` or of `terraform show -json`",
            ),
            Category::Data => StateError::new(
                "state.unexpected_shape",
                format!("{what} is JSON but not a state of a known shape ({at})"),
                "pass a terraform.tfstate (version 3 or 4), `terraform state pull` output or \
                 `terraform show -json` output",
            ),
            Category::Io => StateError::new("state.io", format!("{what}: {err}"), "check the file"),
        }
    }
}

/// serde_json's message without its trailing position (printed separately).
fn short(err: &serde_json::Error) -> String {
    let s = err.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

impl std::error::Error for StateError {}
