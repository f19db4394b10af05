//! Lambda functions (ListFunctions, every page) → `aws_lambda_function`, id = the function
//! name. Only configuration the listing returns is compared; not `source_code_hash` (newer
//! providers keep there whatever the configuration set, not the code's SHA-256) and not tags
//! (one ListTags call per function).

use super::live::{resource, Scope};
use crate::aws::sdk_error;
use crate::error::CloudError;
use aws_sdk_lambda::types::FunctionConfiguration;
use orbis_drift::LiveResource;
use serde_json::json;
use std::collections::BTreeMap;

pub(super) async fn functions(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let conf = aws_sdk_lambda::config::Builder::from(scope.config)
        .region(scope.region())
        .credentials_provider(scope.credentials.clone())
        .build();
    let client = aws_sdk_lambda::Client::from_conf(conf);
    let found = client
        .list_functions()
        // ListFunctions returns at most 50 per page.
        .max_items(scope.page_size.clamp(1, 50))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "Lambda", scope.config))?;
    Ok(found.iter().filter_map(|f| function(scope, f)).collect())
}

fn function(scope: &Scope<'_>, f: &FunctionConfiguration) -> Option<LiveResource> {
    let name = f.function_name()?;
    let architectures: Vec<&str> = f.architectures().iter().map(|a| a.as_str()).collect();
    Some(resource(
        "aws_lambda_function",
        name,
        Some(scope.region),
        scope.account,
        json!({
            "function_name": name,
            "arn": f.function_arn(),
            "runtime": f.runtime().map(|r| r.as_str()),
            "handler": f.handler(),
            "role": f.role(),
            "memory_size": f.memory_size(),
            "timeout": f.timeout(),
            "description": f.description(),
            "package_type": f.package_type().map(|p| p.as_str()),
            "architectures": (!architectures.is_empty()).then_some(architectures),
        }),
        BTreeMap::new(),
    ))
}
