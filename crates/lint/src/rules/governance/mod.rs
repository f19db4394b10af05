//! Governance: tags, regions, version pinning, secrets, suppressions rules.


use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
    ]
}
