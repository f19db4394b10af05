//! Who is calling and what they may do. `Caller` (an axum extractor) turns a bearer token into
//! an account; `access.rs` is the one place that decides whether that account may act on a
//! workspace — every workspace-scoped handler goes through it.

pub mod access;
pub mod caller;
pub mod password;
pub mod roles;
pub mod token;

pub use access::Access;
pub use caller::Caller;
pub use roles::Role;
