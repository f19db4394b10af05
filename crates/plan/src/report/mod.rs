//! Renderings of a review. All of them read the redacted model only.

pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

/// Output formats of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Sarif,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            "sarif" => Format::Sarif,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

/// Renders a review in the given format.
pub fn render(review: &crate::Review, format: Format) -> String {
    match format {
        Format::Text => text::render(review),
        Format::Json => json::render(review),
        Format::Markdown => markdown::render(review),
        Format::Sarif => sarif::render(review),
        Format::Html => html::render(review),
    }
}

/// Display names for changes of a multi-plan review: `plan-label: address` when there is
/// more than one plan, the bare address otherwise.
pub(crate) fn display_address(review: &crate::Review, plan: &crate::Plan, address: &str) -> String {
    if review.plans.len() > 1 {
        format!("{}: {address}", plan.source)
    } else {
        address.to_owned()
    }
}
