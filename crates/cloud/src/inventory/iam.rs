//! IAM users, roles and customer-managed policies → `aws_iam_user` (id = user name),
//! `aws_iam_role` (id = role name) and `aws_iam_policy` (id = ARN), as the provider names
//! them. IAM is global: listed once per scan, whatever regions are scanned, and the resources
//! carry no region.
//!
//! Left out on purpose: AWS-managed policies (ListPolicies `Scope=Local` only — nobody's
//! Terraform creates them) and service-linked roles (path `/aws-service-role/`, created by AWS
//! services; Terraform has `aws_iam_service_linked_role` for those). Tags are not in the List
//! answers (one ListUserTags call per user would be needed), so they are not compared; nor
//! are policy documents (the provider keeps them as the configuration's JSON text, which
//! differs in layout from IAM's URL-encoded copy).

use super::live::{resource, Scope};
use crate::aws::sdk_error;
use crate::error::CloudError;
use aws_sdk_iam::types::PolicyScopeType;
use orbis_drift::LiveResource;
use serde_json::json;
use std::collections::BTreeMap;

fn client(scope: &Scope<'_>) -> aws_sdk_iam::Client {
    let conf = aws_sdk_iam::config::Builder::from(scope.config)
        .region(scope.region())
        .credentials_provider(scope.credentials.clone())
        .build();
    aws_sdk_iam::Client::from_conf(conf)
}

/// IAM pages hold at most 1000 items.
fn page(scope: &Scope<'_>) -> i32 {
    scope.page_size.clamp(1, 1000)
}

pub(super) async fn users(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let found = client(scope)
        .list_users()
        .max_items(page(scope))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "IAM", scope.config))?;
    Ok(found
        .iter()
        .map(|u| {
            resource(
                "aws_iam_user",
                u.user_name(),
                None,
                scope.account,
                json!({
                    "name": u.user_name(),
                    "arn": u.arn(),
                    "path": u.path(),
                    "unique_id": u.user_id(),
                }),
                BTreeMap::new(),
            )
        })
        .collect())
}

pub(super) async fn roles(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let found = client(scope)
        .list_roles()
        .max_items(page(scope))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "IAM", scope.config))?;
    Ok(found
        .iter()
        .filter(|r| !r.path().starts_with("/aws-service-role/"))
        .map(|r| {
            resource(
                "aws_iam_role",
                r.role_name(),
                None,
                scope.account,
                json!({
                    "name": r.role_name(),
                    "arn": r.arn(),
                    "path": r.path(),
                    "unique_id": r.role_id(),
                    "description": r.description(),
                    "max_session_duration": r.max_session_duration(),
                }),
                BTreeMap::new(),
            )
        })
        .collect())
}

pub(super) async fn policies(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let found = client(scope)
        .list_policies()
        .scope(PolicyScopeType::Local)
        .max_items(page(scope))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "IAM", scope.config))?;
    Ok(found
        .iter()
        .filter_map(|p| {
            let arn = p.arn()?;
            Some(resource(
                "aws_iam_policy",
                arn,
                None,
                scope.account,
                json!({
                    "name": p.policy_name(),
                    "arn": arn,
                    "path": p.path(),
                    "policy_id": p.policy_id(),
                }),
                BTreeMap::new(),
            ))
        })
        .collect())
}
