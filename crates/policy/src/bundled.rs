//! The bundled policy pack, compiled into the binary.

use crate::Policy;

/// `(name, source)` of every bundled policy.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "no_public_buckets",
        include_str!("../policies/no_public_buckets.rego"),
    ),
    (
        "required_tags",
        include_str!("../policies/required_tags.rego"),
    ),
    (
        "max_instance_size",
        include_str!("../policies/max_instance_size.rego"),
    ),
    (
        "allowed_regions",
        include_str!("../policies/allowed_regions.rego"),
    ),
    (
        "no_open_admin_ports",
        include_str!("../policies/no_open_admin_ports.rego"),
    ),
];

pub fn bundled() -> Vec<Policy> {
    BUNDLED
        .iter()
        .map(|(name, source)| Policy {
            name: (*name).to_owned(),
            source: (*source).to_owned(),
            origin: "bundled".to_owned(),
        })
        .collect()
}
