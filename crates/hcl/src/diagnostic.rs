//! Diagnostics: every problem found while parsing or evaluating carries a stable code, a
//! message and a span. Parsing and evaluation report instead of failing.

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Stable identifier, e.g. `HCL001`; see [`codes`].
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: Severity::Warning,
            message: message.into(),
            span,
        }
    }
}

/// The stable diagnostic codes of this crate.
pub mod codes {
    /// Syntax error reported by the grammar (ERROR node).
    pub const SYNTAX: &str = "HCL001";
    /// A token the grammar expected is missing (MISSING node).
    pub const MISSING: &str = "HCL002";
    /// The input was not valid UTF-8; it was decoded lossily.
    pub const INVALID_UTF8: &str = "HCL003";
    /// Parsing was stopped by its deadline; the model is partial or empty.
    pub const PARSE_TIMEOUT: &str = "HCL004";
    /// Nesting deeper than the converter's bound; the deeper part is replaced by an invalid node.
    pub const TOO_DEEP: &str = "HCL005";
    /// The input is larger than the parser accepts.
    pub const TOO_LARGE: &str = "HCL006";
    /// A file could not be read.
    pub const READ: &str = "HCL007";
    /// A JSON document (.tfvars.json) could not be decoded.
    pub const JSON: &str = "HCL008";
    /// A local module call could not be followed.
    pub const MODULE: &str = "HCL009";
    /// A YAML document could not be decoded.
    pub const YAML: &str = "HCL010";
}
