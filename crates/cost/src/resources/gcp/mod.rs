//! Google Cloud cost models, one file per resource type.

mod compute_address;
mod compute_disk;
mod compute_forwarding_rule;
mod compute_instance;
mod compute_router_nat;
mod compute_vpn_tunnel;
mod container_cluster;
mod container_node_pool;
mod dns_managed_zone;
mod dns_record_set;
mod pubsub_topic;
mod redis_instance;
mod secret_manager_secret;
mod sql_database_instance;
mod storage_bucket;
pub(crate) mod sustained_use;

use super::Registration;

/// Resource type, its cost model, and its service for chargeback grouping.
pub const MODELS: &[Registration] = &[
    (
        "google_compute_address",
        compute_address::cost,
        "compute_engine",
    ),
    (
        "google_compute_global_address",
        compute_address::cost,
        "compute_engine",
    ),
    ("google_compute_disk", compute_disk::cost, "compute_engine"),
    (
        "google_compute_forwarding_rule",
        compute_forwarding_rule::cost,
        "load_balancing",
    ),
    (
        "google_compute_global_forwarding_rule",
        compute_forwarding_rule::cost,
        "load_balancing",
    ),
    (
        "google_compute_instance",
        compute_instance::cost,
        "compute_engine",
    ),
    (
        "google_compute_router_nat",
        compute_router_nat::cost,
        "cloud_nat",
    ),
    (
        "google_compute_vpn_tunnel",
        compute_vpn_tunnel::cost,
        "cloud_vpn",
    ),
    ("google_container_cluster", container_cluster::cost, "gke"),
    (
        "google_container_node_pool",
        container_node_pool::cost,
        "gke",
    ),
    (
        "google_dns_managed_zone",
        dns_managed_zone::cost,
        "cloud_dns",
    ),
    ("google_dns_record_set", dns_record_set::cost, "cloud_dns"),
    ("google_pubsub_topic", pubsub_topic::cost, "pubsub"),
    ("google_redis_instance", redis_instance::cost, "memorystore"),
    (
        "google_secret_manager_secret",
        secret_manager_secret::cost,
        "secret_manager",
    ),
    (
        "google_sql_database_instance",
        sql_database_instance::cost,
        "cloud_sql",
    ),
    (
        "google_storage_bucket",
        storage_bucket::cost,
        "cloud_storage",
    ),
];
