//! The JSON of what an organization's administrators publish to every member (issue 13):
//! monthly cost budgets (an organization-wide default and per-workspace ones) and policy
//! packs (named sets of Rego policies, versioned by the server on each publish). Desktops
//! pull the set in force for their workspace (`GET /v1/workspaces/{id}/governance`) and keep
//! it, so Plan Review applies it offline too.

use serde::{Deserialize, Serialize};

/// The budget scope that applies to every workspace without a budget of its own.
pub const DEFAULT_BUDGET_SCOPE: &str = "default";

/// A budget as an administrator publishes it (`PUT /v1/budgets/{scope}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishBudget {
    /// The most a plan may add to the workspace's monthly cost (its cost delta), in US
    /// dollars (what the bundled price catalog prices in).
    pub monthly_limit: f64,
    /// A plan whose delta reaches this percentage of the limit gets a warning (1–100).
    #[serde(default = "default_warn_percent")]
    pub warn_percent: u8,
}

fn default_warn_percent() -> u8 {
    80
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetView {
    /// `default` (the organization's) or a workspace id.
    pub scope: String,
    /// The workspace's name when the scope is one.
    #[serde(default)]
    pub workspace_name: Option<String>,
    pub monthly_limit: f64,
    pub warn_percent: u8,
    /// Always `USD`.
    pub currency: String,
    pub published_by: String,
    pub published_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetList {
    pub budgets: Vec<BudgetView>,
}

/// One Rego policy of a pack (conftest conventions: `deny`/`warn` rules over the plan).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackPolicy {
    /// Shown in findings: `<pack>@<version>/<name>`.
    pub name: String,
    /// The Rego source (v1, or v0 as older conftest policies).
    pub source: String,
}

/// `POST /v1/policy-packs`: a new version of the pack `name` (the first one creates it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishPolicyPack {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub policies: Vec<PackPolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyPackView {
    pub name: String,
    /// 1 for the first publish, then one more each time the content changes.
    pub version: i64,
    pub description: String,
    pub policies: Vec<PackPolicy>,
    /// sha256 of the pack's content (name, description, policies).
    pub sha256: String,
    pub published_by: String,
    pub published_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyPackList {
    pub packs: Vec<PolicyPackView>,
}

/// What is in force for one workspace: its budget (its own, else the organization's
/// default) and the organization's current policy packs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Governance {
    pub workspace_id: String,
    /// Changes whenever any of it changes (also sent as the `ETag`).
    pub revision: String,
    #[serde(default)]
    pub budget: Option<BudgetView>,
    pub policy_packs: Vec<PolicyPackView>,
}

impl crate::SyncClient {
    /// Publishes (or replaces) the budget of `scope` (`default` or a workspace id).
    pub async fn publish_budget(
        &self,
        scope: &str,
        budget: &PublishBudget,
    ) -> Result<BudgetView, crate::ClientError> {
        let url = format!("{}/v1/budgets/{scope}", self.base);
        self.send(self.http.put(url).json(budget)).await
    }

    pub async fn budgets(&self) -> Result<Vec<BudgetView>, crate::ClientError> {
        let list: BudgetList = self
            .send(self.http.get(format!("{}/v1/budgets", self.base)))
            .await?;
        Ok(list.budgets)
    }

    pub async fn publish_policy_pack(
        &self,
        pack: &PublishPolicyPack,
    ) -> Result<PolicyPackView, crate::ClientError> {
        let url = format!("{}/v1/policy-packs", self.base);
        self.send(self.http.post(url).json(pack)).await
    }

    pub async fn policy_packs(&self) -> Result<Vec<PolicyPackView>, crate::ClientError> {
        let list: PolicyPackList = self
            .send(self.http.get(format!("{}/v1/policy-packs", self.base)))
            .await?;
        Ok(list.packs)
    }

    /// What is in force for the workspace; `Ok(None)` when it is still `known_revision`
    /// (the server answers 304 without a body).
    pub async fn governance(
        &self,
        workspace_id: &str,
        known_revision: Option<&str>,
    ) -> Result<Option<Governance>, crate::ClientError> {
        let url = format!("{}/v1/workspaces/{workspace_id}/governance", self.base);
        let mut request = self.http.get(url);
        if let Some(rev) = known_revision {
            request = request.header("If-None-Match", format!("\"{rev}\""));
        }
        match self.send(request).await {
            Ok(g) => Ok(Some(g)),
            Err(crate::ClientError::Api { status: 304, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
