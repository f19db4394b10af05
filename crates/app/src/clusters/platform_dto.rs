//! What crosses to the UI for the platform views of one namespace (issue 11): quotas, limit
//! ranges, who can do what, network policies in words. `None` lists are "no access" (RBAC
//! forbids listing them). Compiles without the `clusters` feature, like `dto.rs`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuotaUsage {
    pub quota: String,
    pub resource: String,
    pub used: Option<String>,
    pub hard: String,
    pub percent: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LimitRangeRow {
    pub limit_range: String,
    pub applies_to: String,
    pub resource: String,
    pub min: Option<String>,
    pub max: Option<String>,
    pub default_limit: Option<String>,
    pub default_request: Option<String>,
}

/// One subject's row of the who-can-do-what matrix: the verbs per resource.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccessRow {
    pub subject: String,
    pub resources: Vec<AccessCell>,
    /// How it got them: "RoleBinding x → Role y", "ClusterRoleBinding …" (cluster-wide).
    pub via: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccessCell {
    pub resource: String,
    pub verbs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PolicyInWords {
    pub name: String,
    pub selects: String,
    /// `None`: the policy does not govern ingress; empty: nothing may connect in.
    pub ingress: Option<Vec<String>>,
    pub egress: Option<Vec<String>>,
    pub denies_all_ingress: bool,
    pub denies_all_egress: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClusterPlatform {
    pub namespace: String,
    pub quotas: Option<Vec<QuotaUsage>>,
    pub limits: Option<Vec<LimitRangeRow>>,
    pub access: Option<Vec<AccessRow>>,
    pub policies: Option<Vec<PolicyInWords>>,
}
