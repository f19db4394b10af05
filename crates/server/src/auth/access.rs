//! Tenancy and role checks, in one place. A workspace of another organization, or one outside
//! an API token's scope, is "not found" (404) — never a 403 that would confirm it exists.
//! Inside the caller's organization, too small a role is a 403 naming the role needed.
//! Effective role = min(account's role on the workspace, token's maximum role); an org admin
//! is admin on every workspace of the organization.

use super::{Caller, Role};
use crate::db::{Tx, Value};
use crate::error::ApiError;

/// A workspace the caller may act on, and with which role.
#[derive(Debug, Clone)]
pub struct Access {
    pub workspace_id: String,
    pub org_id: String,
    pub role: Role,
}

impl Caller {
    /// The caller's effective role on `workspace_id`, or 404 when it is not theirs to see.
    pub async fn access(&self, tx: &mut Tx, workspace_id: &str) -> Result<Access, ApiError> {
        if let Some(scope) = &self.scope {
            if !scope.iter().any(|w| w == workspace_id) {
                return Err(ApiError::not_found("workspace"));
            }
        }
        let row = tx
            .query_opt(
                "SELECT w.org_id, g.role FROM workspaces w
                 LEFT JOIN grants g ON g.workspace_id = w.id AND g.user_id = $2
                 WHERE w.id = $1 AND w.org_id = $3",
                &[
                    Value::from(workspace_id),
                    Value::from(&self.user_id),
                    Value::from(&self.org_id),
                ],
            )
            .await?
            .ok_or_else(|| ApiError::not_found("workspace"))?;
        let granted = if self.org_admin {
            Some(Role::Admin)
        } else {
            row.opt_text(1)?.as_deref().and_then(Role::parse)
        };
        // A member of the organization without a grant on this workspace sees nothing of it.
        let granted = granted.ok_or_else(|| ApiError::not_found("workspace"))?;
        Ok(Access {
            workspace_id: workspace_id.to_string(),
            org_id: row.text(0)?,
            role: granted.min(self.max_role),
        })
    }

    /// `access` plus a minimum role.
    pub async fn require(
        &self,
        tx: &mut Tx,
        workspace_id: &str,
        needed: Role,
    ) -> Result<Access, ApiError> {
        let access = self.access(tx, workspace_id).await?;
        if access.role < needed {
            return Err(ApiError::forbidden(
                "role.insufficient",
                format!(
                    "this needs the {} role on the workspace; you have {}",
                    needed.as_str(),
                    access.role.as_str()
                ),
                "ask a workspace admin for the role, or use a token with a larger scope",
            ));
        }
        Ok(access)
    }
}
