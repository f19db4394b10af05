//! Workspace roles, ordered: each role can do what the ones below it can.
//! viewer: read records; operator: push runs and comments; approver: approve plans;
//! admin: manage members of the workspace.

pub use orbis_sync::Role;
