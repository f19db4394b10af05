//! Argo CD and Flux status through API discovery and the dynamic API. The corpus has no Argo
//! CD or Flux objects, so this test CONSTRUCTS them from the public CRD field shapes (Argo CD
//! `Application` argoproj.io/v1alpha1; Flux `Kustomization` kustomize.toolkit.fluxcd.io/v1,
//! `HelmRelease` helm.toolkit.fluxcd.io/v2, `GitRepository` source.toolkit.fluxcd.io/v1,
//! `OCIRepository` source.toolkit.fluxcd.io/v1beta2) with the discovery documents an API
//! server serves for those CRDs; the loopback replay server serves them beside the corpus's
//! real recorded `/apis` group list, which has none of these groups.

mod support;

use orbis_clusters::gitops::{self, Presence, Severity};
use support::gitops_fixtures::*;
use support::replay::{corpus, ReplayServer, Script};

fn script_with_gitops() -> Script {
    let routes = routes(&corpus());
    let mut script = Script::corpus();
    for (path, body) in routes.documents {
        script = script.document(&path, body);
    }
    for (path, body) in routes.lists {
        script = script.list_body(&path, body);
    }
    script
}

#[test]
fn argo_applications_in_words() {
    let apps = applications();
    let ok = gitops::argo_app(&apps[0]);
    assert_eq!(
        (ok.sync.as_deref(), ok.health.as_deref(), ok.severity),
        (Some("Synced"), Some("Healthy"), Severity::Ok)
    );
    assert_eq!(
        ok.source.as_deref(),
        Some("https://github.com/argoproj/argocd-example-apps.git guestbook @ HEAD")
    );
    assert_eq!(
        ok.destination.as_deref(),
        Some("https://kubernetes.default.svc · guestbook")
    );
    assert_eq!(
        ok.revision.as_deref(),
        Some("53e28ff20cc530b9ada2173fbbd64d48338583ba")
    );
    assert_eq!(
        ok.message.as_deref(),
        Some("Succeeded: successfully synced (all tasks run)")
    );

    let failed = gitops::argo_app(&apps[1]);
    assert_eq!(failed.severity, Severity::Error);
    assert_eq!(
        failed.source.as_deref(),
        Some("https://charts.example.com chart payments @ 1.4.2")
    );
    assert_eq!(failed.destination.as_deref(), Some("prod-eu · payments"));
    assert!(failed
        .message
        .as_deref()
        .unwrap()
        .starts_with("Failed: one or more objects failed to apply"));

    let multi = gitops::argo_app(&apps[2]);
    assert_eq!(multi.severity, Severity::Warning, "progressing");
    assert_eq!(multi.revision.as_deref(), Some("9f2c1e7, 61.3.0"));
    assert_eq!(multi.source.as_deref(), Some("https://github.com/example/platform.git base @ main; https://prometheus-community.github.io/helm-charts chart kube-prometheus-stack @ 61.3.0"));
}

#[test]
fn flux_objects_in_words() {
    let ks = kustomizations();
    let infra = gitops::flux_object("Kustomization", &ks[0]);
    assert_eq!(
        (infra.ready.as_deref(), infra.severity, infra.suspended),
        (Some("True"), Severity::Ok, false)
    );
    assert_eq!(infra.revision.as_deref(), Some("main@sha1:4b1a6c0e1d0f"));
    assert_eq!(
        infra.source.as_deref(),
        Some("GitRepository/flux-system ./infrastructure")
    );

    let apps = gitops::flux_object("Kustomization", &ks[1]);
    assert_eq!(apps.severity, Severity::Error);
    assert_eq!(apps.reason.as_deref(), Some("BuildFailed"));
    assert_eq!(
        apps.revision.as_deref(),
        Some("main@sha1:77aa0c3"),
        "the attempted revision when none applied"
    );
    assert_eq!(
        apps.source.as_deref(),
        Some("GitRepository/teams/apps ./apps/production"),
        "another namespace is named"
    );
    assert_eq!(apps.destination.as_deref(), Some("shop"));
    assert!(apps
        .message
        .as_deref()
        .unwrap()
        .starts_with("kustomize build failed"));

    let hr = gitops::flux_object("HelmRelease", &helm_releases()[0]);
    assert!(hr.suspended);
    assert_eq!(hr.severity, Severity::Warning, "suspended, though Ready");
    assert_eq!(
        hr.message.as_deref(),
        Some("Suspended: Flux does not reconcile it until resumed (`flux resume helmrelease podinfo -n shop`).")
    );
    assert_eq!(hr.revision.as_deref(), Some("podinfo@6.7.1"));
    assert_eq!(
        hr.source.as_deref(),
        Some("HelmRepository/flux-system/podinfo chart podinfo 6.x")
    );

    let git = gitops::flux_object("GitRepository", &git_repositories()[0]);
    assert_eq!(
        git.source.as_deref(),
        Some("ssh://git@github.com/example/fleet @ main")
    );
    assert_eq!(git.revision.as_deref(), Some("main@sha1:4b1a6c0e1d0f"));
}

async fn connect(server: &ReplayServer) -> orbis_clusters::connect::Connection {
    let dir = tempfile::tempdir().unwrap();
    let kcs = orbis_clusters::Kubeconfigs::load(&[server.kubeconfig(dir.path(), "t")], true);
    orbis_clusters::connect(&kcs, None).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discovers_and_lists_argo_and_flux_through_kube_rs() {
    let server = ReplayServer::start(script_with_gitops());
    let found = gitops::fetch(&connect(&server).await).await.unwrap();
    assert_eq!(found.argo.presence, Presence::Installed);
    assert_eq!(found.flux.presence, Presence::Installed);
    assert!(found.argo.no_access.is_empty() && found.flux.no_access.is_empty());
    let rows: Vec<(Severity, &str, &str)> = found
        .apps
        .iter()
        .map(|a| (a.severity, a.kind.as_str(), a.name.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Severity::Error, "Application", "payments"),
            (Severity::Error, "Kustomization", "apps"),
            (Severity::Warning, "Application", "platform"),
            (Severity::Warning, "HelmRelease", "podinfo"),
            (Severity::Ok, "Application", "guestbook"),
            (Severity::Ok, "GitRepository", "flux-system"),
            (Severity::Ok, "Kustomization", "infra"),
        ],
        "worst first, then tool, namespace, kind, name"
    );
    let listed: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|r| !r.watch && r.path.split('/').count() == 5)
        .map(|r| r.path)
        .collect();
    assert!(
        listed.contains(&"/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations".to_string()),
        "the preferred, stable version: {listed:?}"
    );
    assert!(
        listed.contains(&"/apis/source.toolkit.fluxcd.io/v1beta2/ocirepositories".to_string()),
        "a kind served only at a beta version is still found: {listed:?}"
    );
    assert!(
        !listed.iter().any(|p| p.contains("v1beta2/kustomizations")),
        "{listed:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absent_crds_are_not_installed_and_nothing_is_listed() {
    // The corpus's real `/apis`: no Argo CD, no Flux.
    let server = ReplayServer::start(Script::corpus());
    let found = gitops::fetch(&connect(&server).await).await.unwrap();
    assert_eq!(found.argo.presence, Presence::NotInstalled);
    assert_eq!(found.flux.presence, Presence::NotInstalled);
    assert!(found.apps.is_empty());
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert!(
        asked
            .iter()
            .all(|p| !p.contains("fluxcd") && !p.contains("argoproj")),
        "{asked:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbidden_kinds_and_forbidden_discovery_are_no_access() {
    let forbidden = corpus().join("objects/constructed/status/status-403-forbidden.json");
    let server = ReplayServer::start(script_with_gitops().status(
        "/apis/helm.toolkit.fluxcd.io/v2/helmreleases",
        403,
        forbidden.clone(),
    ));
    let found = gitops::fetch(&connect(&server).await).await.unwrap();
    assert_eq!(found.flux.presence, Presence::Installed);
    assert_eq!(found.flux.no_access, vec!["HelmRelease".to_string()]);
    assert!(found.apps.iter().all(|a| a.kind != "HelmRelease"));
    assert_eq!(found.apps.len(), 6, "the other kinds are still listed");

    let server = ReplayServer::start(script_with_gitops().status("/apis", 403, forbidden));
    let found = gitops::fetch(&connect(&server).await).await.unwrap();
    assert_eq!(
        (found.argo.presence, found.flux.presence),
        (Presence::NoAccess, Presence::NoAccess)
    );
}
