//! Governance: tags, regions, version pinning, secrets, suppressions rules.

mod allowed_regions;
mod hardcoded_secret;
mod module_version_pinning;
mod provider_version_pinning;
mod required_tags;
mod suppression_without_reason;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &allowed_regions::RULE,
        &hardcoded_secret::RULE,
        &module_version_pinning::RULE,
        &provider_version_pinning::RULE,
        &required_tags::RULE,
        &suppression_without_reason::RULE,
    ]
}
