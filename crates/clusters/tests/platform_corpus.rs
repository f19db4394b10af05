//! The platform views' engines on the corpus's real objects (k9s's render fixtures: a Role,
//! RoleBinding, ClusterRole, ClusterRoleBinding and NetworkPolicy) and its every-field
//! round-trip fixtures (ResourceQuota, LimitRange, the RBAC kinds with aggregation). Where a
//! state the corpus lacks is needed (a realistic quota, a default-deny policy, an aggregated
//! role with matching labels) the test builds it and says so.

use k8s_openapi::api::core::v1::{LimitRange, ResourceQuota};
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use orbis_clusters::platform::{network, quota, rbac};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::path::PathBuf;

fn corpus() -> PathBuf {
    std::env::var_os("ORBIS_K8S_CORPUS")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s")
        })
}

fn load<T: DeserializeOwned>(rel: &str) -> T {
    let path = corpus().join("objects").join(rel);
    serde_json::from_slice(
        &std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

#[test]
fn who_can_do_what_from_k9s_rbac_objects() {
    let role: Role = load("k9s/render/ro.json");
    let rb: RoleBinding = load("k9s/render/rb.json");
    let cr: ClusterRole = load("k9s/render/cr.json");
    let crb: ClusterRoleBinding = load("k9s/render/crb.json");
    let grants = rbac::grants("default", &[role], &[cr], &[rb], &[crb]);
    let sa: Vec<(&str, Vec<&str>, &str)> = grants
        .iter()
        .filter(|g| g.subject == "ServiceAccount default/fernand")
        .map(|g| {
            (
                g.resource.as_str(),
                g.verbs.iter().map(String::as_str).collect(),
                g.via.as_str(),
            )
        })
        .collect();
    assert_eq!(
        sa,
        vec![
            (
                "namespaces",
                vec!["get", "list", "deletecollection", "patch", "watch"],
                "RoleBinding blee → Role blee"
            ),
            (
                "pods",
                vec!["get", "list", "deletecollection", "patch", "watch"],
                "RoleBinding blee → Role blee"
            ),
        ]
    );
    let user: Vec<&rbac::Grant> = grants
        .iter()
        .filter(|g| g.subject == "User fernand")
        .collect();
    assert!(user
        .iter()
        .all(|g| g.cluster_wide && g.via == "ClusterRoleBinding blee → ClusterRole blee"));
    assert_eq!(
        user.iter().map(|g| g.resource.as_str()).collect::<Vec<_>>(),
        vec![
            "configmaps",
            "namespaces",
            "nodes",
            "nodes.metrics.k8s.io",
            "pods"
        ]
    );
    let ns = user.iter().find(|g| g.resource == "namespaces").unwrap();
    assert_eq!(ns.resource_names, vec!["kube-system"]);

    let m = rbac::matrix(&grants);
    assert_eq!(
        m["User fernand"]["pods"].iter().collect::<Vec<_>>(),
        vec!["delete", "get", "list", "watch"]
    );
    assert_eq!(m.len(), 2);
    // Another namespace: only the cluster-wide grants.
    let other = rbac::grants(
        "kube-system",
        &[load("k9s/render/ro.json")],
        &[load("k9s/render/cr.json")],
        &[load("k9s/render/rb.json")],
        &[load("k9s/render/crb.json")],
    );
    assert!(other.iter().all(|g| g.cluster_wide));
}

#[test]
fn a_role_binding_to_an_aggregated_cluster_role_gets_the_aggregated_rules() {
    // The round-trip ClusterRole has an aggregationRule selecting matchLabelsKey=matchLabelsValue;
    // k9s's ClusterRole relabelled (constructed) to match it.
    let aggregated: ClusterRole =
        load("kubernetes-api-roundtrip/rbac.authorization.k8s.io.v1.ClusterRole.json");
    let name = aggregated.metadata.name.clone().unwrap();
    let mut part: ClusterRole = load("k9s/render/cr.json");
    part.metadata.labels =
        Some([("matchLabelsKey".to_string(), "matchLabelsValue".to_string())].into());
    let rb: RoleBinding = serde_json::from_value(json!({
        "metadata": {"name": "devs-view", "namespace": "shop"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
        "subjects": [{"kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"}],
    }))
    .unwrap();
    let grants = rbac::grants("shop", &[], &[aggregated, part], &[rb], &[]);
    let resources: Vec<&str> = grants.iter().map(|g| g.resource.as_str()).collect();
    assert!(
        resources.contains(&"resourcesValue.apiGroupsValue"),
        "{resources:?}"
    );
    assert!(
        resources.contains(&"pods"),
        "the aggregated rules are included: {resources:?}"
    );
    assert!(grants
        .iter()
        .all(|g| g.subject == "Group devs" && !g.cluster_wide));
    // The round-trip RoleBinding (every field filler) binds in its own namespace only.
    let filler: RoleBinding =
        load("kubernetes-api-roundtrip/rbac.authorization.k8s.io.v1.RoleBinding.json");
    assert!(rbac::grants("shop", &[], &[], std::slice::from_ref(&filler), &[]).is_empty());
    let g = rbac::grants("namespaceValue", &[], &[], &[filler], &[]);
    assert!(
        g.is_empty(),
        "a binding to a role that does not exist grants nothing: {g:?}"
    );
}

#[test]
fn network_policy_in_plain_words() {
    let np: NetworkPolicy = load("k9s/render/np.json");
    let w = &network::describe(&[np])[0];
    assert_eq!(w.selects, "pods with app=nginx in default");
    assert_eq!(
        w.ingress.as_deref().unwrap(),
        ["from addresses in 172.17.0.0/16 except 172.17.1.0/24, 172.17.3.0/24, 172.17.4.0/24; or every pod in namespaces with app=blee; or pods with app=fred in default on TCP 6379"]
    );
    assert_eq!(
        w.egress.as_deref().unwrap(),
        ["to addresses in 10.0.0.0/24 on TCP 5978"]
    );
    assert!(!w.denies_all_ingress && !w.denies_all_egress);

    // Constructed: the usual default deny of a namespace's ingress.
    let deny: NetworkPolicy = serde_json::from_value(json!({
        "metadata": {"name": "default-deny-ingress", "namespace": "shop"},
        "spec": {"podSelector": {}, "policyTypes": ["Ingress"]},
    }))
    .unwrap();
    let w = &network::describe(&[deny])[0];
    assert_eq!(w.selects, "every pod in shop");
    assert!(w.denies_all_ingress);
    assert_eq!(w.egress, None, "egress is not governed by it");
    assert!(!w.denies_all_egress);

    let filler: NetworkPolicy =
        load("kubernetes-api-roundtrip/networking.k8s.io.v1.NetworkPolicy.json");
    let w = network::describe(&[filler]);
    assert_eq!(w.len(), 1);
}

#[test]
fn quotas_used_over_hard_and_limit_ranges() {
    let filler: ResourceQuota = load("kubernetes-api-roundtrip/core.v1.ResourceQuota.json");
    let rows = quota::quota_rows(&[filler]);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].resource.as_str(),
            rows[0].hard.as_str(),
            rows[0].used.as_deref()
        ),
        ("hardKey", "0", None)
    );
    assert_eq!(rows[0].percent, None, "a hard limit of 0 has no share");
    // Constructed: a namespace's compute quota half used.
    let q: ResourceQuota = serde_json::from_value(json!({
        "metadata": {"name": "compute", "namespace": "shop"},
        "spec": {"hard": {"requests.cpu": "2", "requests.memory": "4Gi", "pods": "10"}},
        "status": {"hard": {"requests.cpu": "2", "requests.memory": "4Gi", "pods": "10"},
                   "used": {"requests.cpu": "500m", "requests.memory": "3Gi", "pods": "9"}},
    }))
    .unwrap();
    let rows = quota::quota_rows(&[q]);
    let share: Vec<(&str, Option<u32>)> = rows
        .iter()
        .map(|r| (r.resource.as_str(), r.percent))
        .collect();
    assert_eq!(
        share,
        vec![
            ("pods", Some(90)),
            ("requests.cpu", Some(25)),
            ("requests.memory", Some(75))
        ]
    );

    let lr: LimitRange = load("kubernetes-api-roundtrip/core.v1.LimitRange.json");
    let rows = quota::limit_rows(&[lr]);
    let res: Vec<&str> = rows.iter().map(|r| r.resource.as_str()).collect();
    assert_eq!(
        res,
        vec!["defaultKey", "defaultRequestKey", "maxKey", "minKey"]
    );
    assert!(rows.iter().all(|r| r.applies_to == "typeValue"));
    assert_eq!(rows[2].max.as_deref(), Some("0"));
}

mod support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_reads_a_namespace_through_kube_rs_and_forbidden_kinds_are_no_access() {
    use support::replay::{ReplayServer, Script};
    let forbidden = corpus().join("objects/constructed/status/status-403-forbidden.json");
    let server = ReplayServer::start(Script::corpus().with_platform().status(
        "/apis/networking.k8s.io/v1/networkpolicies",
        403,
        forbidden,
    ));
    let dir = tempfile::tempdir().unwrap();
    let kcs = orbis_clusters::Kubeconfigs::load(&[server.kubeconfig(dir.path(), "t")], true);
    let conn = orbis_clusters::connect(&kcs, None).await.unwrap();
    let p = orbis_clusters::platform::fetch(&conn, "default")
        .await
        .unwrap();
    let quotas = p.quotas.unwrap();
    assert_eq!(
        quotas
            .iter()
            .find(|q| q.resource == "requests.cpu")
            .unwrap()
            .percent,
        Some(25)
    );
    assert_eq!(p.limits.unwrap()[0].default_limit.as_deref(), Some("500m"));
    let grants = p.grants.unwrap();
    assert!(grants
        .iter()
        .any(|g| g.subject == "ServiceAccount default/fernand"));
    assert!(grants
        .iter()
        .any(|g| g.subject == "User fernand" && g.cluster_wide));
    assert_eq!(
        p.policies, None,
        "RBAC forbids network policies: no access, not an error"
    );
    // Another namespace holds none of the namespaced objects.
    let p = orbis_clusters::platform::fetch(&conn, "kube-system")
        .await
        .unwrap();
    assert_eq!(p.quotas, Some(vec![]));
    assert!(p.grants.unwrap().iter().all(|g| g.cluster_wide));
}
