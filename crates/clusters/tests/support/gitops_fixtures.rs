//! Argo CD and Flux objects and the discovery documents an API server serves for their CRDs,
//! CONSTRUCTED from the public CRD field shapes (the corpus has none): Argo CD `Application`
//! argoproj.io/v1alpha1; Flux `Kustomization` kustomize.toolkit.fluxcd.io/v1 (v1beta2 served
//! too), `HelmRelease` helm.toolkit.fluxcd.io/v2, `GitRepository` source.toolkit.fluxcd.io/v1,
//! `OCIRepository` only at source.toolkit.fluxcd.io/v1beta2 (as in Flux 2.3). Plain data, so
//! this crate's tests, the app's and the CLI's (which include it by path) and the replay
//! program can all serve them.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::Path;

fn resource(name: &str, kind: &str) -> Value {
    json!({"name": name, "singularName": kind.to_lowercase(), "namespaced": true, "kind": kind,
        "verbs": ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"]})
}

fn resource_list(group_version: &str, resources: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"kind": "APIResourceList", "apiVersion": "v1",
        "groupVersion": group_version, "resources": resources}))
    .unwrap()
}

fn list(kind: &str, api_version: &str, items: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"kind": format!("{kind}List"), "apiVersion": api_version,
        "metadata": {"resourceVersion": "900"}, "items": items}),
    )
    .unwrap()
}

pub fn applications() -> Vec<Value> {
    vec![
        json!({
            "metadata": {"name": "guestbook", "namespace": "argocd", "uid": "a1", "resourceVersion": "11"},
            "spec": {"project": "default",
                "source": {"repoURL": "https://github.com/argoproj/argocd-example-apps.git", "path": "guestbook", "targetRevision": "HEAD"},
                "destination": {"server": "https://kubernetes.default.svc", "namespace": "guestbook"},
                "syncPolicy": {"automated": {"prune": true, "selfHeal": true}}},
            "status": {"sync": {"status": "Synced", "revision": "53e28ff20cc530b9ada2173fbbd64d48338583ba"},
                "health": {"status": "Healthy"},
                "operationState": {"phase": "Succeeded", "message": "successfully synced (all tasks run)",
                    "startedAt": "2026-11-27T10:00:00Z", "finishedAt": "2026-11-27T10:00:07Z"}},
        }),
        json!({
            "metadata": {"name": "payments", "namespace": "argocd", "uid": "a2", "resourceVersion": "12"},
            "spec": {"project": "default",
                "source": {"repoURL": "https://charts.example.com", "chart": "payments", "targetRevision": "1.4.2"},
                "destination": {"name": "prod-eu", "namespace": "payments"}},
            "status": {"sync": {"status": "OutOfSync", "revision": "1.4.2"},
                "health": {"status": "Degraded", "message": "Deployment \"payments\" exceeded its progress deadline"},
                "operationState": {"phase": "Failed",
                    "message": "one or more objects failed to apply, reason: Deployment.apps \"payments\" is invalid"}},
        }),
        json!({
            "metadata": {"name": "platform", "namespace": "argocd", "uid": "a3", "resourceVersion": "13"},
            "spec": {"project": "infra",
                "sources": [
                    {"repoURL": "https://github.com/example/platform.git", "path": "base", "targetRevision": "main"},
                    {"repoURL": "https://prometheus-community.github.io/helm-charts", "chart": "kube-prometheus-stack", "targetRevision": "61.3.0"}],
                "destination": {"server": "https://kubernetes.default.svc", "namespace": "monitoring"}},
            "status": {"sync": {"status": "Synced", "revisions": ["9f2c1e7", "61.3.0"]},
                "health": {"status": "Progressing"}},
        }),
    ]
}

pub fn kustomizations() -> Vec<Value> {
    vec![
        json!({
            "metadata": {"name": "infra", "namespace": "flux-system", "uid": "k1", "resourceVersion": "21"},
            "spec": {"interval": "10m", "path": "./infrastructure", "prune": true,
                "sourceRef": {"kind": "GitRepository", "name": "flux-system"}},
            "status": {"lastAppliedRevision": "main@sha1:4b1a6c0e1d0f", "lastAttemptedRevision": "main@sha1:4b1a6c0e1d0f",
                "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                    "message": "Applied revision: main@sha1:4b1a6c0e1d0f", "lastTransitionTime": "2026-11-27T10:00:00Z"}]},
        }),
        json!({
            "metadata": {"name": "apps", "namespace": "flux-system", "uid": "k2", "resourceVersion": "22"},
            "spec": {"interval": "5m", "path": "./apps/production", "targetNamespace": "shop",
                "sourceRef": {"kind": "GitRepository", "name": "apps", "namespace": "teams"}},
            "status": {"lastAttemptedRevision": "main@sha1:77aa0c3",
                "conditions": [{"type": "Reconciling", "status": "False", "reason": "BuildFailed", "message": "-"},
                    {"type": "Ready", "status": "False", "reason": "BuildFailed",
                    "message": "kustomize build failed: accumulating resources: 'apps/production/missing.yaml' not found"}]},
        }),
    ]
}

pub fn helm_releases() -> Vec<Value> {
    vec![json!({
        "metadata": {"name": "podinfo", "namespace": "shop", "uid": "h1", "resourceVersion": "31"},
        "spec": {"interval": "10m", "suspend": true,
            "chart": {"spec": {"chart": "podinfo", "version": "6.x",
                "sourceRef": {"kind": "HelmRepository", "name": "podinfo", "namespace": "flux-system"}}}},
        "status": {"history": [{"chartName": "podinfo", "chartVersion": "6.7.1", "version": 3, "status": "deployed"}],
            "conditions": [{"type": "Ready", "status": "True", "reason": "UpgradeSucceeded",
                "message": "Helm upgrade succeeded for release shop/podinfo.v3 with chart podinfo@6.7.1"}]},
    })]
}

pub fn git_repositories() -> Vec<Value> {
    vec![json!({
        "metadata": {"name": "flux-system", "namespace": "flux-system", "uid": "g1", "resourceVersion": "41"},
        "spec": {"interval": "1m", "url": "ssh://git@github.com/example/fleet", "ref": {"branch": "main"}},
        "status": {"artifact": {"revision": "main@sha1:4b1a6c0e1d0f", "path": "gitrepository/flux-system/flux-system/4b1a6c0e.tar.gz"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded",
                "message": "stored artifact for revision 'main@sha1:4b1a6c0e1d0f'"}]},
    })]
}

/// What to serve, as (path, body): discovery documents (the corpus's recorded `/apis` with the
/// Argo CD and Flux groups added, and their resource lists) and list bodies.
pub struct Routes {
    pub documents: Vec<(String, Vec<u8>)>,
    pub lists: Vec<(String, Vec<u8>)>,
}

pub fn routes(corpus: &Path) -> Routes {
    let recorded = std::fs::read_dir(corpus.join("objects/recorded/v1-36"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("APIGroupList.json"))
        .unwrap();
    let mut apis: Value = serde_json::from_slice(&std::fs::read(recorded).unwrap()).unwrap();
    let group = |name: &str, versions: &[&str]| {
        let vs: Vec<Value> = versions
            .iter()
            .map(|v| json!({"groupVersion": format!("{name}/{v}"), "version": v}))
            .collect();
        json!({"name": name, "versions": vs, "preferredVersion": vs[0].clone()})
    };
    let groups = apis["groups"].as_array_mut().unwrap();
    assert!(
        groups
            .iter()
            .all(|g| !g["name"].as_str().unwrap().contains("fluxcd") && g["name"] != "argoproj.io"),
        "the recorded group list has no GitOps group"
    );
    groups.push(group("argoproj.io", &["v1alpha1"]));
    groups.push(group("kustomize.toolkit.fluxcd.io", &["v1", "v1beta2"]));
    groups.push(group("helm.toolkit.fluxcd.io", &["v2"]));
    groups.push(group("source.toolkit.fluxcd.io", &["v1", "v1beta2"]));
    let doc =
        |gv: &str, resources: Vec<Value>| (format!("/apis/{gv}"), resource_list(gv, resources));
    let documents = vec![
        ("/apis".to_string(), serde_json::to_vec(&apis).unwrap()),
        doc(
            "argoproj.io/v1alpha1",
            vec![
                resource("applications", "Application"),
                resource("applicationsets", "ApplicationSet"),
                resource("appprojects", "AppProject"),
            ],
        ),
        doc(
            "kustomize.toolkit.fluxcd.io/v1",
            vec![resource("kustomizations", "Kustomization")],
        ),
        doc(
            "kustomize.toolkit.fluxcd.io/v1beta2",
            vec![resource("kustomizations", "Kustomization")],
        ),
        doc(
            "helm.toolkit.fluxcd.io/v2",
            vec![resource("helmreleases", "HelmRelease")],
        ),
        doc(
            "source.toolkit.fluxcd.io/v1",
            vec![
                resource("gitrepositories", "GitRepository"),
                resource("helmrepositories", "HelmRepository"),
            ],
        ),
        doc(
            "source.toolkit.fluxcd.io/v1beta2",
            vec![
                resource("gitrepositories", "GitRepository"),
                resource("ocirepositories", "OCIRepository"),
            ],
        ),
    ];
    let at = |gv: &str, plural: &str, kind: &str, items: Vec<Value>| {
        (format!("/apis/{gv}/{plural}"), list(kind, gv, items))
    };
    let lists = vec![
        at(
            "argoproj.io/v1alpha1",
            "applications",
            "Application",
            applications(),
        ),
        at(
            "kustomize.toolkit.fluxcd.io/v1",
            "kustomizations",
            "Kustomization",
            kustomizations(),
        ),
        at(
            "helm.toolkit.fluxcd.io/v2",
            "helmreleases",
            "HelmRelease",
            helm_releases(),
        ),
        at(
            "source.toolkit.fluxcd.io/v1",
            "gitrepositories",
            "GitRepository",
            git_repositories(),
        ),
        at(
            "source.toolkit.fluxcd.io/v1",
            "helmrepositories",
            "HelmRepository",
            vec![],
        ),
        at(
            "source.toolkit.fluxcd.io/v1beta2",
            "ocirepositories",
            "OCIRepository",
            vec![],
        ),
    ];
    Routes { documents, lists }
}
