//! Azure cost models, one file per resource type.

mod bastion_host;
mod dns_record;
mod dns_zone;
mod kubernetes_cluster;
mod kubernetes_cluster_node_pool;
mod lb;
mod lb_rule;
mod log_analytics_workspace;
mod managed_disk;
mod nat_gateway;
mod private_endpoint;
mod public_ip;
mod public_ip_prefix;
mod redis_cache;
mod service_plan;
pub(crate) mod shared;
mod virtual_machine;

use super::Registration;

/// Resource type, its cost model, and its service for chargeback grouping.
pub const MODELS: &[Registration] = &[
    ("azurerm_bastion_host", bastion_host::cost, "bastion"),
    ("azurerm_dns_a_record", dns_record::cost, "dns"),
    ("azurerm_dns_cname_record", dns_record::cost, "dns"),
    ("azurerm_dns_zone", dns_zone::cost, "dns"),
    ("azurerm_private_dns_zone", dns_zone::cost, "dns"),
    (
        "azurerm_kubernetes_cluster",
        kubernetes_cluster::cost,
        "aks",
    ),
    (
        "azurerm_kubernetes_cluster_node_pool",
        kubernetes_cluster_node_pool::cost,
        "aks",
    ),
    (
        "azurerm_log_analytics_workspace",
        log_analytics_workspace::cost,
        "log_analytics",
    ),
    ("azurerm_lb", lb::cost, "load_balancer"),
    ("azurerm_lb_rule", lb_rule::cost, "load_balancer"),
    ("azurerm_lb_outbound_rule", lb_rule::cost, "load_balancer"),
    ("azurerm_managed_disk", managed_disk::cost, "managed_disks"),
    ("azurerm_nat_gateway", nat_gateway::cost, "nat_gateway"),
    (
        "azurerm_private_endpoint",
        private_endpoint::cost,
        "private_link",
    ),
    ("azurerm_public_ip", public_ip::cost, "ip_addresses"),
    (
        "azurerm_public_ip_prefix",
        public_ip_prefix::cost,
        "ip_addresses",
    ),
    ("azurerm_redis_cache", redis_cache::cost, "redis"),
    ("azurerm_service_plan", service_plan::cost, "app_service"),
    (
        "azurerm_app_service_plan",
        service_plan::cost,
        "app_service",
    ),
    (
        "azurerm_linux_virtual_machine",
        virtual_machine::cost,
        "virtual_machines",
    ),
    (
        "azurerm_windows_virtual_machine",
        virtual_machine::cost,
        "virtual_machines",
    ),
];
