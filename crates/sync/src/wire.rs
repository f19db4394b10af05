//! The JSON of the team server's API that clients send and read. The server re-exports these
//! (its OpenAPI schemas derive from them with the `openapi` feature), so client and server
//! can never disagree on a field.

use serde::{Deserialize, Serialize};

/// The JSON body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable, dotted, machine-readable code (e.g. `auth.token_expired`).
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Run,
    Approval,
    Comment,
    /// A self-service request (written by `/v1/workspaces/{id}/requests`, never pushed):
    /// its feed entries carry the request's current state.
    Request,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Run => "run",
            RecordKind::Approval => "approval",
            RecordKind::Comment => "comment",
            RecordKind::Request => "request",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "run" => RecordKind::Run,
            "approval" => RecordKind::Approval,
            "comment" => RecordKind::Comment,
            "request" => RecordKind::Request,
            _ => return None,
        })
    }
}

// Workspace roles, ordered: each role can do what the ones below it can.
// viewer: read records; operator: push runs and comments; approver: approve plans;
// admin: manage members of the workspace. (A plain comment: the OpenAPI file carries no
// description for Role.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushItem {
    pub kind: RecordKind,
    /// Client-generated id (1–64 of `A-Za-z0-9-_.`), unique in the workspace: the
    /// idempotency key.
    pub id: String,
    /// A run, approval or comment body (see RunBody, ApprovalBody, CommentBody).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub body: serde_json::Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub items: Vec<PushItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
    Rejected,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResult {
    pub id: String,
    pub outcome: Outcome,
    /// For `rejected`: why, as a stable code and a message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<PushResult>,
}

/// A record as the server holds it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub id: String,
    pub kind: RecordKind,
    pub workspace_id: String,
    /// The user id that pushed it (set by the server, not the client).
    pub author_id: String,
    pub created_at: i64,
    pub updated_at: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub body: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// The feed position; pass the last one seen as `after` to continue.
    pub seq: i64,
    pub record: RecordView,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangesPage {
    pub changes: Vec<Change>,
    /// The cursor to pass as `after` next time.
    pub cursor: i64,
    /// More changes are waiting after `cursor`.
    pub more: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub org: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// The bearer token. Shown once; the server keeps only a hash.
    pub token: String,
    pub token_id: String,
    /// Unix milliseconds.
    pub expires_at: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub user_id: String,
    pub username: String,
    pub org_id: String,
    pub org_admin: bool,
    pub token_kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkspaceView {
    pub id: String,
    pub team_id: String,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub metadata: serde_json::Value,
    /// Incremented by every metadata change; pass it back to `PATCH` (compare-and-set).
    pub version: i64,
    /// The caller's effective role.
    pub role: Role,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkspaceList {
    pub workspaces: Vec<WorkspaceView>,
}

/// One entry of the organization's audit log as `GET /v1/audit` pages it (org admins only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// Unix milliseconds.
    pub at: i64,
    pub actor: String,
    /// The acting account's username (an account of the organization).
    #[serde(default)]
    pub actor_name: Option<String>,
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditEntries {
    pub entries: Vec<AuditEntry>,
    pub cursor: i64,
}
