//! Kubernetes objects recorded from real clusters and tools (shared corpora, k8s/objects/k9s,
//! saved as JSON — which the YAML loader reads): workloads are found whatever their kind, and
//! the pod-security rules report what the objects really contain.

use orbis_lint::{Config, LintResult};
use std::path::Path;

fn lint_k9s() -> LintResult {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s/objects/k9s");
    assert!(dir.is_dir(), "shared corpora missing: {}", dir.display());
    orbis_lint::lint_paths(&[dir], &Config::default()).expect("corpus loads")
}

fn has(res: &LintResult, rule: &str, resource: &str, file_end: &str, line: u32) -> bool {
    res.active().any(|f| {
        f.rule_id == rule
            && f.resource == resource
            && res.path(f).ends_with(file_end)
            && f.span.start_line == line
    })
}

#[test]
fn k9s_objects() {
    let res = lint_k9s();
    assert!(res.summary.files >= 40, "{:?}", res.summary);
    assert_eq!(res.summary.parse_errors, 0);
    // The fluentd DaemonSet runs on the host network and mounts node log folders.
    assert!(has(
        &res,
        "ORB-K8S-003",
        "DaemonSet.fluentd-gcp-v3.2.0",
        "render/ds.json",
        144
    ));
    assert!(has(
        &res,
        "ORB-K8S-006",
        "DaemonSet.fluentd-gcp-v3.2.0",
        "render/ds.json",
        167
    ));
    // A CronJob's pod spec is found under spec.jobTemplate.spec.template.spec.
    assert!(res
        .active()
        .any(|f| f.resource == "CronJob.hello" && f.rule_id == "ORB-K8S-009"));
    // Only workload kinds are checked by pod rules: no finding on Services, ConfigMaps, nodes...
    for f in res.active() {
        let kind = f.resource.split('.').next().unwrap_or("");
        assert!(
            [
                "Pod",
                "Deployment",
                "StatefulSet",
                "DaemonSet",
                "ReplicaSet",
                "Job",
                "CronJob"
            ]
            .contains(&kind),
            "unexpected finding on {}",
            f.resource
        );
    }
    // Privileged containers: none of these objects asks for it.
    assert!(!res.active().any(|f| f.rule_id == "ORB-K8S-001"));
}
