//! Reads what the platform views need for one namespace through kube-rs: quotas, limit
//! ranges, RBAC (the namespace's Roles and RoleBindings, every ClusterRole and
//! ClusterRoleBinding) and network policies. A kind RBAC forbids to list is `None` ("no
//! access"), not an error; a kind the cluster does not serve is empty.

use super::{network, quota, rbac};
use crate::connect::Connection;
use crate::error::ClusterError;
use kube::api::ListParams;
use kube::Api;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Platform {
    pub namespace: String,
    pub quotas: Option<Vec<quota::QuotaRow>>,
    pub limits: Option<Vec<quota::LimitRow>>,
    pub grants: Option<Vec<rbac::Grant>>,
    pub policies: Option<Vec<network::PolicyWords>>,
}

/// `Ok(None)`: forbidden (403); a kind not served (404) lists as empty.
async fn list<K>(api: Api<K>) -> Result<Option<Vec<K>>, kube::Error>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    match api.list(&ListParams::default()).await {
        Ok(l) => Ok(Some(l.items)),
        Err(kube::Error::Api(s)) if s.code == 403 => Ok(None),
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(Some(Vec::new())),
        Err(e) => Err(e),
    }
}

pub async fn fetch(conn: &Connection, namespace: &str) -> Result<Platform, ClusterError> {
    use k8s_openapi::api::core::v1::{LimitRange, ResourceQuota};
    use k8s_openapi::api::networking::v1::NetworkPolicy;
    use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
    let c = || conn.client.clone();
    let work = async {
        let quotas = list(Api::<ResourceQuota>::namespaced(c(), namespace)).await?;
        let limits = list(Api::<LimitRange>::namespaced(c(), namespace)).await?;
        let roles = list(Api::<Role>::namespaced(c(), namespace)).await?;
        let bindings = list(Api::<RoleBinding>::namespaced(c(), namespace)).await?;
        let cluster_roles = list(Api::<ClusterRole>::all(c())).await?;
        let cluster_bindings = list(Api::<ClusterRoleBinding>::all(c())).await?;
        let policies = list(Api::<NetworkPolicy>::namespaced(c(), namespace)).await?;
        // Grants need the bindings and the roles they point at; without the ClusterRoles,
        // bindings to them would look like they grant nothing, so that is "no access" too.
        let grants = match (roles, bindings, cluster_roles, cluster_bindings) {
            (Some(r), Some(b), Some(cr), Some(crb)) => {
                Some(rbac::grants(namespace, &r, &cr, &b, &crb))
            }
            _ => None,
        };
        Ok::<_, kube::Error>(Platform {
            namespace: namespace.to_string(),
            quotas: quotas.map(|q| quota::quota_rows(&q)),
            limits: limits.map(|l| quota::limit_rows(&l)),
            grants,
            policies: policies.map(|p| network::describe(&p)),
        })
    };
    match tokio::time::timeout(Duration::from_secs(30), work).await {
        Ok(Ok(p)) => Ok(p),
        Ok(Err(e)) => Err(conn.error(&e)),
        Err(_) => Err(ClusterError::new(
            crate::error::ErrorCode::Unreachable,
            "The cluster did not answer within 30 s.",
            "Try again; the Clusters view shows whether the connection still works.",
        )
        .in_context(&conn.context)),
    }
}
