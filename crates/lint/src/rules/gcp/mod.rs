//! Google Cloud rules.

mod bigquery_public;
mod bucket_cmek;
mod bucket_public_iam;
mod bucket_uniform_access;
mod bucket_versioning;
pub mod common_firewall;
mod default_service_account;
mod firewall_rdp_open;
mod firewall_ssh_open;
mod gke_legacy_abac;
mod gke_network_policy;
mod gke_private_nodes;
mod instance_public_ip;
mod kms_rotation;
mod project_basic_roles;
mod project_ssh_keys;
mod serial_port;
mod sql_backups;
mod sql_public_authorized_network;
mod sql_require_ssl;
mod subnet_flow_logs;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &bigquery_public::RULE,
        &bucket_cmek::RULE,
        &bucket_public_iam::RULE,
        &bucket_uniform_access::RULE,
        &bucket_versioning::RULE,
        &default_service_account::RULE,
        &firewall_rdp_open::RULE,
        &firewall_ssh_open::RULE,
        &gke_legacy_abac::RULE,
        &gke_network_policy::RULE,
        &gke_private_nodes::RULE,
        &instance_public_ip::RULE,
        &kms_rotation::RULE,
        &project_basic_roles::RULE,
        &project_ssh_keys::RULE,
        &serial_port::RULE,
        &sql_backups::RULE,
        &sql_public_authorized_network::RULE,
        &sql_require_ssl::RULE,
        &subnet_flow_logs::RULE,
    ]
}
