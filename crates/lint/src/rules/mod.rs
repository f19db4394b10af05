//! The rule registry. One rule per file under a folder per provider; each folder's `mod.rs`
//! lists its rules.

pub mod aws;
pub mod azure;
pub mod gcp;
pub mod governance;
pub mod iam;
pub mod k8s;
pub mod net;
pub mod secrets;
pub mod util;

use crate::rule::Rule;

/// Every rule, sorted by id.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut v: Vec<&'static dyn Rule> = Vec::new();
    v.extend(aws::rules());
    v.extend(azure::rules());
    v.extend(gcp::rules());
    v.extend(k8s::rules());
    v.extend(governance::rules());
    v.sort_by_key(|r| r.meta().id);
    v
}
