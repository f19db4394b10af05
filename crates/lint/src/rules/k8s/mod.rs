//! Kubernetes (manifests and kubernetes_* resources) rules.

pub mod common;
mod cpu_limits;
mod docker_socket;
mod host_ipc;
mod host_network;
mod host_path_volume;
mod host_pid;
mod image_tag_latest;
mod memory_limits;
mod privilege_escalation;
mod privileged_container;
mod readonly_root_fs;
mod run_as_root;
mod sys_admin_capability;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &cpu_limits::RULE,
        &docker_socket::RULE,
        &host_ipc::RULE,
        &host_network::RULE,
        &host_path_volume::RULE,
        &host_pid::RULE,
        &image_tag_latest::RULE,
        &memory_limits::RULE,
        &privilege_escalation::RULE,
        &privileged_container::RULE,
        &readonly_root_fs::RULE,
        &run_as_root::RULE,
        &sys_admin_capability::RULE,
    ]
}
