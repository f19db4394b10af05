//! Workspace roles, ordered: each role can do what the ones below it can.
//! viewer: read records; operator: push runs and comments; approver: approve plans;
//! admin: manage members of the workspace.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Operator,
    Approver,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "viewer" => Role::Viewer,
            "operator" => Role::Operator,
            "approver" => Role::Approver,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
}
