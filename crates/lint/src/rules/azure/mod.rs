//! Azure rules.

mod acr_admin_user;
mod aks_api_authorized_ranges;
mod app_service_https_only;
mod app_service_min_tls;
pub mod common_app;
pub mod common_nsg;
mod key_vault_purge_protection;
mod linux_vm_password_auth;
mod managed_disk_encryption;
mod mssql_public_network;
mod mysql_ssl;
mod nsg_rdp_open;
mod nsg_ssh_open;
mod sql_firewall_any;
mod storage_default_deny;
mod storage_https_only;
mod storage_min_tls;
mod storage_public_blobs;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &acr_admin_user::RULE,
        &aks_api_authorized_ranges::RULE,
        &app_service_https_only::RULE,
        &app_service_min_tls::RULE,
        &key_vault_purge_protection::RULE,
        &linux_vm_password_auth::RULE,
        &managed_disk_encryption::RULE,
        &mssql_public_network::RULE,
        &mysql_ssl::RULE,
        &nsg_rdp_open::RULE,
        &nsg_ssh_open::RULE,
        &sql_firewall_any::RULE,
        &storage_default_deny::RULE,
        &storage_https_only::RULE,
        &storage_min_tls::RULE,
        &storage_public_blobs::RULE,
    ]
}
