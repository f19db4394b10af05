//! Link IaC to live, the part that needs no cluster (issue 11): which live object or cluster
//! each Terraform resource of real modules (../shared/corpora/realworld) and of a real plan
//! (../shared/corpora/plans) stands for — read from the code (values evaluated by orbis-hcl,
//! references to other resources followed) or the plan's values.

use orbis_app::clusters::discover_dto::ManagedKubernetes;
use orbis_app::clusters::links_dto::{LiveLink, LiveTarget};
use orbis_app::Session;
use orbis_store::Store;
use std::path::PathBuf;

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora")
        .join(rel)
}

fn session_on(rel: &str) -> Session {
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    s.open_workspace(&corpus(rel)).unwrap();
    s
}

fn labels(links: &[LiveLink]) -> Vec<(String, String)> {
    links
        .iter()
        .map(|l| (l.address.clone(), l.label.clone()))
        .collect()
}

#[test]
fn kubernetes_resources_of_the_aks_example_link_to_their_objects() {
    let s =
        session_on("realworld/Azure__terraform-azurerm-aks/examples/application_gateway_ingress");
    let file = s.live_links_in_file("k8s_workload.tf").unwrap();
    let got = labels(&file.links);
    // The namespace is `kubernetes_namespace_v1.example.metadata[0].name`: followed to "example".
    assert_eq!(
        got,
        vec![
            (
                "kubernetes_namespace_v1.example".to_string(),
                "Namespace example".to_string()
            ),
            (
                "kubernetes_pod.aspnet_app".into(),
                "Pod example/aspnetapp".into()
            ),
            (
                "kubernetes_service.svc".into(),
                "Service example/aspnetapp".into()
            ),
            (
                "kubernetes_ingress_v1.ing".into(),
                "Ingress example/aspnetapp".into()
            ),
        ],
        "{file:#?}"
    );
    assert!(file.links.windows(2).all(|w| w[0].line < w[1].line));
    assert_eq!(file.links[0].line, Some(1));
}

#[test]
fn gke_example_pod_and_service_go_to_the_default_namespace() {
    let s = session_on("realworld/terraform-google-modules__terraform-google-kubernetes-engine/examples/deploy_service");
    let file = s.live_links_in_file("main.tf").unwrap();
    let got = labels(&file.links);
    assert!(
        got.contains(&(
            "kubernetes_pod.nginx-example".into(),
            "Pod default/nginx-example".into()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "kubernetes_service.nginx-example".into(),
            "Service default/terraform-example".into()
        )),
        "{got:?}"
    );
    // `module.gke` is a module call, not a resource: no link for it here.
    assert!(
        got.iter().all(|(a, _)| a.starts_with("kubernetes_")),
        "{got:?}"
    );
}

#[test]
fn a_cluster_named_by_a_variable_without_value_says_why_it_has_no_target() {
    let s = session_on("realworld/terraform-google-modules__terraform-google-kubernetes-engine");
    let file = s.live_links_in_file("cluster.tf").unwrap();
    let cluster = file
        .links
        .iter()
        .find(|l| l.resource_type == "google_container_cluster")
        .expect("the module's cluster");
    assert_eq!(cluster.label, "GKE cluster");
    assert_eq!(cluster.target, None);
    assert!(
        cluster.why.as_deref().unwrap_or("").contains("name"),
        "{cluster:?}"
    );
}

#[test]
fn the_eks_cluster_of_a_real_plan_links_by_name() {
    let s = session_on("plans/json/checkov");
    let view = s.open_plan("terraform__runner__tfplan2.json").unwrap();
    let index = view
        .changes
        .iter()
        .find(|c| c.address == "aws_eks_cluster.eks_cluster")
        .expect("the plan creates an EKS cluster")
        .index;
    let link = s.live_link_for_plan_change(index).unwrap().expect("a link");
    assert_eq!(link.label, "EKS cluster 123456789123-acme-corp-eks");
    match link.target {
        Some(LiveTarget::ManagedCluster {
            cloud, name, arn, ..
        }) => {
            assert_eq!(cloud, ManagedKubernetes::Eks);
            assert_eq!(name, "123456789123-acme-corp-eks");
            // Known only after apply.
            assert_eq!(arn, None);
        }
        other => panic!("{other:?}"),
    }
    // Other resources of the plan have no live link.
    let other = view
        .changes
        .iter()
        .find(|c| !c.address.starts_with("aws_eks_cluster"))
        .unwrap()
        .index;
    assert_eq!(s.live_link_for_plan_change(other).unwrap(), None);
}
