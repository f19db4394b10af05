//! Resource-type knowledge across aws, azurerm and google: which types hold data (their
//! loss is not undoable), which grant access, which are network filters.

/// Types whose destroy loses data or identity that cannot be recreated as it was:
/// databases, buckets, volumes, file systems, keys, DNS zones, queues/streams, secrets.
const STATEFUL_EXACT: &[&str] = &[
    // aws
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_rds_global_cluster",
    "aws_dynamodb_table",
    "aws_dynamodb_global_table",
    "aws_s3_bucket",
    "aws_ebs_volume",
    "aws_ebs_snapshot",
    "aws_efs_file_system",
    "aws_kms_key",
    "aws_route53_zone",
    "aws_elasticache_cluster",
    "aws_elasticache_replication_group",
    "aws_redshift_cluster",
    "aws_docdb_cluster",
    "aws_neptune_cluster",
    "aws_elasticsearch_domain",
    "aws_opensearch_domain",
    "aws_kinesis_stream",
    "aws_secretsmanager_secret",
    "aws_backup_vault",
    "aws_ecr_repository",
    "aws_glacier_vault",
    "aws_memorydb_cluster",
    "aws_timestreamwrite_database",
    "aws_qldb_ledger",
    "aws_msk_cluster",
    "aws_sqs_queue",
    "aws_cognito_user_pool",
    "aws_acmpca_certificate_authority",
    // azurerm
    "azurerm_storage_account",
    "azurerm_storage_container",
    "azurerm_storage_share",
    "azurerm_mssql_server",
    "azurerm_mssql_database",
    "azurerm_sql_server",
    "azurerm_sql_database",
    "azurerm_postgresql_server",
    "azurerm_postgresql_database",
    "azurerm_postgresql_flexible_server",
    "azurerm_mysql_server",
    "azurerm_mysql_database",
    "azurerm_mysql_flexible_server",
    "azurerm_mariadb_server",
    "azurerm_cosmosdb_account",
    "azurerm_managed_disk",
    "azurerm_key_vault",
    "azurerm_key_vault_key",
    "azurerm_key_vault_secret",
    "azurerm_dns_zone",
    "azurerm_private_dns_zone",
    "azurerm_redis_cache",
    "azurerm_netapp_volume",
    "azurerm_data_lake_store",
    "azurerm_recovery_services_vault",
    "azurerm_container_registry",
    // google
    "google_sql_database_instance",
    "google_sql_database",
    "google_storage_bucket",
    "google_compute_disk",
    "google_compute_region_disk",
    "google_filestore_instance",
    "google_kms_crypto_key",
    "google_kms_key_ring",
    "google_dns_managed_zone",
    "google_bigquery_dataset",
    "google_bigquery_table",
    "google_spanner_instance",
    "google_spanner_database",
    "google_bigtable_instance",
    "google_bigtable_table",
    "google_redis_instance",
    "google_firestore_database",
    "google_alloydb_cluster",
    "google_secret_manager_secret",
    "google_artifact_registry_repository",
];

/// Families named by prefix (every member holds data).
const STATEFUL_PREFIX: &[&str] = &[
    "aws_fsx_",
    "aws_docdb_",
    "aws_neptune_",
    "azurerm_cosmosdb_",
    "google_bigtable_",
];

pub fn is_stateful(resource_type: &str) -> bool {
    STATEFUL_EXACT.contains(&resource_type)
        || STATEFUL_PREFIX.iter().any(|p| resource_type.starts_with(p))
}

/// Identity and access: IAM roles/policies/bindings, role assignments, resource policies.
pub fn is_iam(resource_type: &str) -> bool {
    let t = resource_type;
    t.starts_with("aws_iam_")
        || (t.starts_with("aws_") && t.ends_with("_policy"))
        || t.starts_with("azurerm_role_")
        || t.starts_with("azuread_")
        || t == "azurerm_key_vault_access_policy"
        || (t.starts_with("google_") && (t.contains("_iam_") || t.ends_with("_iam")))
        || t == "google_service_account_key"
        || t.starts_with("google_project_iam")
}

/// Security groups, rules, firewalls, NSGs: where "open to the internet" is decided.
pub fn is_network_filter(resource_type: &str) -> bool {
    let t = resource_type;
    t.starts_with("aws_security_group")
        || t.starts_with("aws_vpc_security_group_")
        || t == "aws_network_acl"
        || t == "aws_network_acl_rule"
        || t.starts_with("azurerm_network_security_")
        || t.starts_with("azurerm_firewall")
        || t.ends_with("_firewall_rule")
        || t == "google_compute_firewall"
        || t == "google_compute_firewall_policy_rule"
}

/// Types with a public-exposure switch worth reading in full.
pub fn may_expose_publicly(resource_type: &str) -> bool {
    is_stateful(resource_type)
        || resource_type.contains("public_access")
        || resource_type.contains("bucket_acl")
        || resource_type == "aws_instance"
        || resource_type == "aws_launch_template"
        || resource_type.starts_with("azurerm_")
        || resource_type.starts_with("google_storage_")
}
