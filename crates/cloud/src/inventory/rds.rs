//! RDS DB instances (DescribeDBInstances, every page) → `aws_db_instance`, id = the DB
//! instance identifier (what `terraform import` takes and what states of the AWS provider
//! before 5.0 hold as `id`). Tags come with the answer (`TagList`).
//!
//! `engine_version_actual` rather than `engine_version`: the provider keeps the version the
//! configuration asked for (`8.0`) in `engine_version` and the running one in
//! `engine_version_actual`, so only the latter can be compared with what RDS answers.

use super::live::{resource, sorted, Scope};
use crate::aws::sdk_error;
use crate::error::CloudError;
use aws_sdk_rds::types::DbInstance;
use orbis_drift::LiveResource;
use serde_json::json;

pub(super) async fn db_instances(scope: &Scope<'_>) -> Result<Vec<LiveResource>, CloudError> {
    let conf = aws_sdk_rds::config::Builder::from(scope.config)
        .region(scope.region())
        .credentials_provider(scope.credentials.clone())
        .build();
    let client = aws_sdk_rds::Client::from_conf(conf);
    let found = client
        .describe_db_instances()
        // RDS accepts 20–100 records per page.
        .max_records(scope.page_size.clamp(20, 100))
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| sdk_error(&e, "RDS", scope.config))?;
    Ok(found.iter().filter_map(|d| db_instance(scope, d)).collect())
}

fn db_instance(scope: &Scope<'_>, d: &DbInstance) -> Option<LiveResource> {
    let id = d.db_instance_identifier()?;
    let tags = d
        .tag_list()
        .iter()
        .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
        .collect();
    Some(resource(
        "aws_db_instance",
        id,
        Some(scope.region),
        scope.account,
        json!({
            "identifier": id,
            "arn": d.db_instance_arn(),
            "resource_id": d.dbi_resource_id(),
            "engine": d.engine(),
            "engine_version_actual": d.engine_version(),
            "instance_class": d.db_instance_class(),
            "allocated_storage": d.allocated_storage(),
            "storage_type": d.storage_type(),
            "storage_encrypted": d.storage_encrypted(),
            "multi_az": d.multi_az(),
            "publicly_accessible": d.publicly_accessible(),
            "port": d.endpoint().and_then(|e| e.port()).or(d.db_instance_port().filter(|p| *p > 0)),
            "username": d.master_username(),
            "db_subnet_group_name": d.db_subnet_group().and_then(|g| g.db_subnet_group_name()),
            "availability_zone": d.availability_zone(),
            "backup_retention_period": d.backup_retention_period(),
            "deletion_protection": d.deletion_protection(),
            "vpc_security_group_ids": sorted(
                d.vpc_security_groups().iter().filter_map(|g| g.vpc_security_group_id())
            ),
        }),
        tags,
    ))
}
