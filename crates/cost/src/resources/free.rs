//! Types that cost nothing by themselves (networking glue, IAM, configuration objects).
//! Their cost, if any, shows on the resources they configure.

const FREE_PREFIXES: &[&str] = &[
    // AWS
    "aws_iam_",
    "aws_security_group",
    // The per-rule security group resources of provider v5+ (as free as inline rules).
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_s3_account_public_access_block",
    "aws_config_configuration_recorder_status",
    // Attaching a web ACL costs nothing; the ACL itself is billed (no model yet: unsupported).
    "aws_wafv2_web_acl_association",
    "aws_vpc_dhcp_options",
    "aws_vpc_peering_connection",
    "aws_subnet",
    "aws_route_table",
    "aws_internet_gateway",
    "aws_egress_only_internet_gateway",
    "aws_network_acl",
    "aws_default_",
    "aws_launch_template",
    "aws_launch_configuration",
    "aws_key_pair",
    "aws_s3_bucket_",
    "aws_lb_listener",
    "aws_lb_target_group",
    "aws_alb_listener",
    "aws_alb_target_group",
    "aws_autoscaling_policy",
    "aws_db_subnet_group",
    "aws_db_parameter_group",
    "aws_db_option_group",
    "aws_rds_cluster_parameter_group",
    "aws_elasticache_subnet_group",
    "aws_elasticache_parameter_group",
    "aws_cloudwatch_log_stream",
    "aws_cloudwatch_event_rule",
    "aws_cloudwatch_event_target",
    "aws_lambda_permission",
    "aws_lambda_alias",
    "aws_lambda_event_source_mapping",
    "aws_sns_topic_policy",
    "aws_sqs_queue_policy",
    "aws_kms_alias",
    "aws_ecs_cluster",
    "aws_ecs_task_definition",
    "aws_eks_addon",
    "aws_placement_group",
    "aws_eip_association",
    "aws_volume_attachment",
    "aws_nat_gateway_association",
    "aws_main_route_table_association",
    "aws_api_gateway_resource",
    "aws_api_gateway_method",
    "aws_api_gateway_integration",
    "aws_api_gateway_deployment",
    "aws_ssm_document",
    "aws_acm_certificate_validation",
    "aws_ecr_lifecycle_policy",
    "aws_ecr_repository_policy",
    "aws_route53_zone_association",
    "aws_flow_log",
    "aws_dynamodb_table_item",
    "aws_efs_mount_target",
    "aws_efs_access_point",
    "aws_ebs_encryption_by_default",
    "aws_organizations_",
    "aws_service_discovery_",
    // Azure
    "azurerm_resource_group",
    "azurerm_virtual_network",
    "azurerm_subnet",
    "azurerm_network_security_",
    "azurerm_network_interface",
    "azurerm_role_",
    "azurerm_user_assigned_identity",
    "azurerm_route_table",
    "azurerm_route",
    "azurerm_lb_backend_address_pool",
    "azurerm_lb_probe",
    "azurerm_lb_nat_rule",
    "azurerm_nat_gateway_public_ip",
    "azurerm_subnet_",
    "azurerm_storage_container",
    "azurerm_key_vault_access_policy",
    "azurerm_mssql_server",
    "azurerm_sql_server",
    "azurerm_mssql_firewall_rule",
    "azurerm_app_service_virtual_network",
    "azurerm_private_dns_zone_virtual_network_link",
    "azurerm_management_lock",
    "azurerm_monitor_diagnostic_categories",
    "azurerm_virtual_machine_extension",
    "azurerm_mysql_database",
    "azurerm_postgresql_database",
    "azurerm_postgresql_firewall_rule",
    "azurerm_client_config",
    // Google
    "google_project",
    "google_compute_network",
    "google_compute_subnetwork",
    "google_compute_firewall",
    "google_compute_route",
    "google_compute_router",
    "google_service_account",
    "google_project_iam_",
    "google_storage_bucket_iam_",
    "google_storage_bucket_object",
    "google_compute_instance_template",
    "google_compute_health_check",
    "google_compute_backend_service",
    "google_compute_url_map",
    "google_sql_database",
    "google_sql_user",
    "google_kms_key_ring",
    "google_pubsub_topic_iam_",
    "google_compute_target_pool",
    "google_compute_global_network_endpoint",
];

/// Exact types, where a prefix would catch priced types too.
const FREE_TYPES: &[&str] = &[
    "google_compute_target_http_proxy",
    "google_compute_project_metadata",
    "aws_vpc",
    "aws_route",
    "aws_vpc_endpoint_route_table_association",
    "azurerm_key_vault",
];

/// Types a free prefix would catch but that are billed (by usage): never call them free.
const NOT_FREE: &[&str] = &[
    "aws_s3_bucket_analytics_configuration",
    "aws_s3_bucket_inventory",
    "aws_s3_bucket_intelligent_tiering_configuration",
];

pub fn is_free(resource_type: &str) -> bool {
    if crate::resources::model_for(resource_type).is_some() || NOT_FREE.contains(&resource_type) {
        return false;
    }
    FREE_TYPES.contains(&resource_type)
        || FREE_PREFIXES.iter().any(|p| resource_type.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::is_free;

    #[test]
    fn glue_is_free_but_billed_lookalikes_are_not() {
        assert!(
            is_free("aws_vpc")
                && is_free("aws_subnet")
                && is_free("aws_iam_role")
                && is_free("azurerm_resource_group")
        );
        assert!(!is_free("aws_vpc_endpoint"), "priced by its model");
        assert!(
            is_free("aws_vpc_security_group_ingress_rule")
                && is_free("aws_wafv2_web_acl_association")
        );
        assert!(!is_free("aws_wafv2_web_acl"), "billed per ACL and rule");
        assert!(!is_free("aws_vpc_ipam"), "IPAM is billed");
        assert!(
            !is_free("aws_route53_traffic_policy"),
            "Route 53 types are not routes"
        );
        assert!(
            !is_free("aws_s3_bucket_inventory"),
            "billed per object listed"
        );
        assert!(
            !is_free("azurerm_key_vault_key"),
            "keys are billed per operation"
        );
    }
}
