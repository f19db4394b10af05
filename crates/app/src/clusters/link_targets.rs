//! Which live thing a Terraform resource stands for (issue 11, "Link IaC to live"): pure, over
//! the resource's values in the shape plans and states hold them (nested blocks as lists of
//! objects; the configuration's values evaluated by orbis-hcl have that shape too). A value
//! that is not known (computed at apply time, a variable without a value) is absent, and a
//! link that needs it says so instead of guessing.

use super::discover_dto::ManagedKubernetes;
use super::links_dto::LiveTarget;
use serde_json::Value;

/// What the resource's provider configuration adds (code only: plans and states do not keep
/// provider settings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderHints {
    /// `provider "kubernetes" { config_context = … }`.
    pub kube_context: Option<String>,
    /// `provider "helm" { kubernetes { config_context = … } }`.
    pub helm_context: Option<String>,
    /// `provider "aws" { region = … }`.
    pub aws_region: Option<String>,
    /// `provider "google" { project = …, region = … }`.
    pub google_project: Option<String>,
}

/// The types that link to a managed cluster.
pub fn is_cluster_type(t: &str) -> bool {
    matches!(
        t,
        "aws_eks_cluster" | "azurerm_kubernetes_cluster" | "google_container_cluster"
    )
}

/// A known, non-empty string at `key`.
fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A nested block's first object (`metadata { … }` is `metadata: [{…}]`), or the object itself.
fn block<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v.get(key)? {
        Value::Array(items) => items.first(),
        o @ Value::Object(_) => Some(o),
        _ => None,
    }
}

/// The Kubernetes kind a `kubernetes_*` resource type manages: `kubernetes_deployment_v1` →
/// Deployment, `kubernetes_config_map` → ConfigMap. `None` for types that are not one object.
fn kind_of(resource_type: &str) -> Option<String> {
    let base = resource_type.strip_prefix("kubernetes_")?;
    let base = base
        .strip_suffix("_v1")
        .or_else(|| base.strip_suffix("_v2"))
        .or_else(|| base.strip_suffix("_v2beta2"))
        .unwrap_or(base);
    let special = match base {
        "daemonset" | "daemon_set" => "DaemonSet",
        "default_service_account" => "ServiceAccount",
        "horizontal_pod_autoscaler" => "HorizontalPodAutoscaler",
        "api_service" => "APIService",
        "csi_driver" => "CSIDriver",
        // These change or describe objects without being one (or are a data-only helper).
        "manifest"
        | "labels"
        | "annotations"
        | "env"
        | "config_map_v1_data"
        | "node_taint"
        | "token_request"
        | "certificate_signing_request" => return None,
        _ => "",
    };
    if !special.is_empty() {
        return Some(special.to_string());
    }
    Some(
        base.split('_')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut c = p.chars();
                match c.next() {
                    Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect(),
    )
}

/// Kinds without a namespace (the provider sends no namespace for them).
fn cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Namespace"
            | "Node"
            | "PersistentVolume"
            | "StorageClass"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "PriorityClass"
            | "CustomResourceDefinition"
            | "MutatingWebhookConfiguration"
            | "ValidatingWebhookConfiguration"
            | "APIService"
            | "CSIDriver"
            | "RuntimeClass"
    )
}

fn kube_object(
    kind: String,
    api_version: Option<String>,
    meta: Option<&Value>,
    namespaced: Option<bool>,
    context: &Option<String>,
) -> Result<LiveTarget, String> {
    let name = meta
        .and_then(|m| text(m, "name"))
        .ok_or_else(|| format!("its {kind}'s metadata.name is not known before apply"))?;
    let namespaced = namespaced.unwrap_or(!cluster_scoped(&kind));
    // Absent or empty: the provider's `default`. Set but not known (a reference computed at
    // apply time): never guessed.
    if namespaced
        && meta
            .and_then(|m| m.get("namespace"))
            .is_some_and(Value::is_null)
    {
        return Err(format!(
            "its {kind}'s metadata.namespace is not known before apply"
        ));
    }
    let namespace = namespaced.then(|| {
        meta.and_then(|m| text(m, "namespace"))
            .unwrap_or_else(|| "default".into())
    });
    Ok(LiveTarget::KubeObject {
        kind,
        api_version,
        namespace,
        name,
        context: context.clone(),
    })
}

/// The live target of a resource with these values; `None` when the type has no live link,
/// `Some(Err(why))` when it has one but the values that name it are not known.
pub fn target_of(
    resource_type: &str,
    values: &Value,
    hints: &ProviderHints,
) -> Option<Result<LiveTarget, String>> {
    let name =
        || text(values, "name").ok_or_else(|| "its name is not known before apply".to_string());
    let result = match resource_type {
        "aws_eks_cluster" => name().map(|name| {
            let arn = text(values, "arn");
            // The ARN says the region for sure; else the resource's or the provider's.
            let region = arn
                .as_deref()
                .and_then(|a| a.split(':').nth(3))
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .or_else(|| text(values, "region"))
                .or_else(|| hints.aws_region.clone());
            LiveTarget::ManagedCluster {
                cloud: ManagedKubernetes::Eks,
                name,
                region,
                arn,
                endpoints: text(values, "endpoint").into_iter().collect(),
                resource_group: None,
                subscription: None,
                project: None,
                location: None,
            }
        }),
        "azurerm_kubernetes_cluster" => name().map(|name| {
            let subscription = text(values, "id").and_then(|id| {
                let mut parts = id.split('/').filter(|p| !p.is_empty());
                (parts.next()?.eq_ignore_ascii_case("subscriptions"))
                    .then(|| parts.next().map(str::to_string))
                    .flatten()
            });
            LiveTarget::ManagedCluster {
                cloud: ManagedKubernetes::Aks,
                name,
                region: None,
                arn: None,
                endpoints: ["fqdn", "private_fqdn"]
                    .iter()
                    .filter_map(|k| text(values, k))
                    .collect(),
                resource_group: text(values, "resource_group_name"),
                subscription,
                project: None,
                location: text(values, "location"),
            }
        }),
        "google_container_cluster" => name().map(|name| LiveTarget::ManagedCluster {
            cloud: ManagedKubernetes::Gke,
            name,
            region: None,
            arn: None,
            endpoints: text(values, "endpoint").into_iter().collect(),
            resource_group: None,
            subscription: None,
            project: text(values, "project").or_else(|| hints.google_project.clone()),
            // `region`/`zone` are the provider's older spellings of `location`.
            location: text(values, "location")
                .or_else(|| text(values, "region"))
                .or_else(|| text(values, "zone")),
        }),
        "helm_release" => name().map(|name| LiveTarget::HelmRelease {
            name,
            namespace: text(values, "namespace").unwrap_or_else(|| "default".into()),
            context: hints.helm_context.clone(),
        }),
        "kubernetes_manifest" => {
            let Some(manifest) = values.get("manifest").filter(|m| m.is_object()) else {
                return Some(Err("its manifest is not known before apply".into()));
            };
            let Some(kind) = text(manifest, "kind") else {
                return Some(Err("its manifest has no known kind".into()));
            };
            kube_object(
                kind,
                text(manifest, "apiVersion"),
                manifest.get("metadata"),
                None,
                &hints.kube_context,
            )
        }
        // These name the object they change.
        "kubernetes_labels" | "kubernetes_annotations" | "kubernetes_env" => {
            let kind = text(values, "kind")?;
            kube_object(
                kind,
                text(values, "api_version"),
                block(values, "metadata"),
                None,
                &hints.kube_context,
            )
        }
        "kubernetes_config_map_v1_data" => kube_object(
            "ConfigMap".into(),
            Some("v1".into()),
            block(values, "metadata"),
            Some(true),
            &hints.kube_context,
        ),
        "kubernetes_node_taint" => kube_object(
            "Node".into(),
            Some("v1".into()),
            block(values, "metadata"),
            Some(false),
            &hints.kube_context,
        ),
        t => {
            let kind = kind_of(t)?;
            kube_object(
                kind,
                None,
                block(values, "metadata"),
                None,
                &hints.kube_context,
            )
        }
    };
    Some(result)
}

/// How a link reads: "Deployment shop/web", "EKS cluster prod-eks", "Helm release ingress/nginx".
pub fn label(target: &LiveTarget) -> String {
    match target {
        LiveTarget::ManagedCluster { cloud, name, .. } => {
            let c = match cloud {
                ManagedKubernetes::Eks => "EKS",
                ManagedKubernetes::Aks => "AKS",
                ManagedKubernetes::Gke => "GKE",
            };
            format!("{c} cluster {name}")
        }
        LiveTarget::KubeObject {
            kind,
            namespace,
            name,
            ..
        } => match namespace {
            Some(ns) => format!("{kind} {ns}/{name}"),
            None => format!("{kind} {name}"),
        },
        LiveTarget::HelmRelease {
            name, namespace, ..
        } => format!("Helm release {namespace}/{name}"),
    }
}

/// A label for a resource whose target is not known: the type's cloud or kind.
pub fn pending_label(resource_type: &str) -> String {
    match resource_type {
        "aws_eks_cluster" => "EKS cluster".into(),
        "azurerm_kubernetes_cluster" => "AKS cluster".into(),
        "google_container_cluster" => "GKE cluster".into(),
        "helm_release" => "Helm release".into(),
        t => kind_of(t).unwrap_or_else(|| "Kubernetes object".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kube(t: &str, v: Value) -> LiveTarget {
        target_of(t, &v, &ProviderHints::default())
            .unwrap()
            .unwrap()
    }

    #[test]
    fn kinds_from_resource_types() {
        assert_eq!(
            kind_of("kubernetes_deployment_v1").as_deref(),
            Some("Deployment")
        );
        assert_eq!(
            kind_of("kubernetes_config_map").as_deref(),
            Some("ConfigMap")
        );
        assert_eq!(
            kind_of("kubernetes_daemonset").as_deref(),
            Some("DaemonSet")
        );
        assert_eq!(
            kind_of("kubernetes_horizontal_pod_autoscaler_v2").as_deref(),
            Some("HorizontalPodAutoscaler")
        );
        assert_eq!(
            kind_of("kubernetes_cluster_role_binding_v1").as_deref(),
            Some("ClusterRoleBinding")
        );
        assert_eq!(kind_of("kubernetes_manifest"), None);
        assert_eq!(kind_of("aws_s3_bucket"), None);
    }

    #[test]
    fn objects_from_metadata_with_default_namespace() {
        let t = kube(
            "kubernetes_service",
            json!({"metadata": [{"name": "web", "namespace": "shop"}]}),
        );
        assert_eq!(label(&t), "Service shop/web");
        let t = kube(
            "kubernetes_deployment_v1",
            json!({"metadata": [{"name": "web"}]}),
        );
        assert_eq!(label(&t), "Deployment default/web");
        let t = kube(
            "kubernetes_namespace_v1",
            json!({"metadata": [{"name": "shop"}]}),
        );
        assert_eq!(label(&t), "Namespace shop");
        let why = target_of(
            "kubernetes_service",
            &json!({"metadata": [{"name": null}]}),
            &ProviderHints::default(),
        );
        assert!(matches!(why, Some(Err(w)) if w.contains("metadata.name")));
        assert_eq!(
            target_of(
                "aws_s3_bucket",
                &json!({"bucket": "b"}),
                &ProviderHints::default()
            ),
            None
        );
        let why = target_of(
            "kubernetes_service",
            &json!({"metadata": [{"name": "a", "namespace": null}]}),
            &ProviderHints::default(),
        );
        assert!(matches!(why, Some(Err(w)) if w.contains("namespace")));
    }

    #[test]
    fn manifests_name_their_object() {
        let t = kube(
            "kubernetes_manifest",
            json!({"manifest": {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "site", "namespace": "web"}}}),
        );
        assert_eq!(
            t,
            LiveTarget::KubeObject {
                kind: "Certificate".into(),
                api_version: Some("cert-manager.io/v1".into()),
                namespace: Some("web".into()),
                name: "site".into(),
                context: None
            }
        );
        let t = kube(
            "kubernetes_manifest",
            json!({"manifest": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "reader"}}}),
        );
        assert_eq!(label(&t), "ClusterRole reader");
    }

    #[test]
    fn helm_and_context_from_the_provider() {
        let hints = ProviderHints {
            kube_context: Some("prod".into()),
            helm_context: Some("helm-ctx".into()),
            ..Default::default()
        };
        let t = target_of(
            "helm_release",
            &json!({"name": "nginx", "namespace": "ingress"}),
            &hints,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            t,
            LiveTarget::HelmRelease {
                name: "nginx".into(),
                namespace: "ingress".into(),
                context: Some("helm-ctx".into())
            }
        );
        let t = target_of(
            "kubernetes_secret",
            &json!({"metadata": [{"name": "s"}]}),
            &hints,
        )
        .unwrap()
        .unwrap();
        assert!(matches!(t, LiveTarget::KubeObject { context: Some(c), .. } if c == "prod"));
    }

    #[test]
    fn clusters_from_state_values() {
        let v = json!({
            "name": "prod-eks",
            "arn": "arn:aws:eks:eu-west-1:000000000000:cluster/prod-eks",
            "endpoint": "https://ABC.gr7.eu-west-1.eks.amazonaws.com"
        });
        let t = kube("aws_eks_cluster", v);
        assert!(
            matches!(&t, LiveTarget::ManagedCluster { region: Some(r), endpoints, .. } if r == "eu-west-1" && endpoints.len() == 1)
        );
        let v = json!({
            "name": "prod-aks",
            "id": "/subscriptions/00000000-1111/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/prod-aks",
            "resource_group_name": "rg-prod",
            "fqdn": "prod-aks-dns.hcp.westeurope.azmk8s.io",
            "private_fqdn": null
        });
        let t = kube("azurerm_kubernetes_cluster", v);
        assert!(
            matches!(&t, LiveTarget::ManagedCluster { subscription: Some(s), endpoints, .. } if s == "00000000-1111" && endpoints.len() == 1)
        );
        let t = kube(
            "google_container_cluster",
            json!({"name": "g", "location": "europe-west1", "project": "p"}),
        );
        assert_eq!(label(&t), "GKE cluster g");
    }
}
