//! Every kubeconfig of the corpus (../shared/corpora/k8s/kubeconfig, listed in INDEX.json)
//! loads with the contexts and current-context the index records, or fails with a clear
//! error and a hint; no output ever contains a token, password or key from the files.

use orbis_clusters::{list_contexts, ContextList, ErrorCode, KubeEnv, Kubeconfigs};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/k8s")
}

/// An environment with an empty PATH: no exec plugin is installed.
fn bare_env() -> KubeEnv {
    KubeEnv {
        path: Some(String::new()),
        ..Default::default()
    }
}

fn list(rel: &str) -> ContextList {
    list_contexts(Some(&[corpus().join(rel)]), &bare_env())
}

fn codes(l: &ContextList) -> Vec<ErrorCode> {
    l.errors.iter().map(|e| e.code).collect()
}

/// Values of secret-bearing keys in a kubeconfig's text (flow or block style).
fn secrets_in(text: &str) -> Vec<String> {
    let keys = [
        "token:",
        "password:",
        "client-key-data:",
        "client-secret:",
        "refresh-token:",
        "id-token:",
    ];
    let mut out = Vec::new();
    for line in text.lines() {
        for key in keys {
            let mut rest = line;
            while let Some(i) = rest.find(key) {
                let after = rest[i + key.len()..].trim_start();
                let value: String = after
                    .chars()
                    .take_while(|c| !matches!(c, ',' | '}' | ' ' | '"' | '\''))
                    .collect();
                if value.len() >= 6 {
                    out.push(value);
                }
                rest = &rest[i + key.len()..];
            }
        }
    }
    out
}

#[test]
fn every_corpus_kubeconfig_loads_as_the_index_says() {
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("INDEX.json")).unwrap())
            .unwrap();
    let mut checked = 0;
    for entry in &index {
        let rel = entry["path"].as_str().unwrap();
        if !rel.starts_with("kubeconfig/") {
            continue;
        }
        let Some(expected_contexts) = entry["contexts"].as_u64() else {
            continue;
        };
        let l = list(rel);
        let dupes = l
            .errors
            .iter()
            .filter(|e| e.code == ErrorCode::DuplicateName && e.message.contains("context \""))
            .count() as u64;
        assert_eq!(
            l.contexts.len() as u64 + dupes,
            expected_contexts,
            "{rel}: {:#?}",
            l
        );
        let kcs = Kubeconfigs::load(&[corpus().join(rel)], true);
        for (what, names, key) in [
            ("cluster", kcs.cluster_names(), "clusters"),
            ("user", kcs.user_names(), "users"),
        ] {
            let dupes = kcs
                .problems
                .iter()
                .filter(|e| {
                    e.code == ErrorCode::DuplicateName
                        && e.message.contains(&format!("the {what} \""))
                })
                .count() as u64;
            assert_eq!(
                names.len() as u64 + dupes,
                entry[key].as_u64().unwrap(),
                "{rel}: {key}"
            );
        }
        assert_eq!(
            kcs.current_context(),
            entry["current_context"].as_str(),
            "{rel}"
        );
        let current: Vec<&str> = l
            .contexts
            .iter()
            .filter(|c| c.current)
            .map(|c| c.name.as_str())
            .collect();
        assert!(current.len() <= 1, "{rel}: {current:?}");
        for e in &l.errors {
            assert!(!e.message.is_empty() && !e.hint.is_empty(), "{rel}: {e:?}");
        }
        let json = serde_json::to_string(&l).unwrap();
        let text = std::fs::read_to_string(corpus().join(rel)).unwrap_or_default();
        for secret in secrets_in(&text) {
            assert!(
                !json.contains(&secret),
                "{rel}: output shows a secret value"
            );
            assert!(
                !format!("{kcs:?}").contains(&secret),
                "{rel}: Debug shows a secret value"
            );
        }
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} kubeconfigs checked");
}

#[test]
fn invalid_yaml_fails_with_the_file_and_a_hint() {
    for rel in [
        "kubeconfig/constructed/malformed/bad-yaml.yaml",
        "kubeconfig/constructed/malformed/not-a-mapping.yaml",
    ] {
        let l = list(rel);
        assert!(l.contexts.is_empty() && l.unusable(), "{rel}");
        let e = &l.errors[0];
        assert_eq!(e.code, ErrorCode::KubeconfigInvalid, "{rel}: {e:?}");
        assert!(e.message.contains("is not a valid kubeconfig"), "{e:?}");
        assert!(e.hint.contains("kubectl config view --kubeconfig"), "{e:?}");
        assert!(e.file.is_some());
    }
}

/// INDEX.json marks the UTF-16 files as invalid YAML (its indexer decoded them as UTF-8);
/// kube-rs, like kubectl, decodes UTF-16 with a BOM, so they load like the UTF-8 one.
#[test]
fn utf16_kubeconfigs_load_like_the_utf8_one() {
    let utf8 = list("kubeconfig/kube-rs/kubeconfig_utf8.yaml");
    for rel in [
        "kubeconfig/kube-rs/kubeconfig_utf16le.yaml",
        "kubeconfig/kube-rs/kubeconfig_utf16be.yaml",
    ] {
        let l = list(rel);
        assert_eq!(l.contexts, utf8.contexts, "{rel}");
        assert_eq!(l.contexts[0].name, "k3d-promstack");
    }
}

#[test]
fn empty_file_is_unusable_with_a_hint() {
    let l = list("kubeconfig/constructed/malformed/empty.yaml");
    assert!(l.unusable());
    assert_eq!(codes(&l), [ErrorCode::KubeconfigInvalid]);
    assert!(l.errors[0].message.contains("is empty"));
    assert!(l.errors[0].hint.contains("aws eks update-kubeconfig"));
}

#[test]
fn broken_references_are_named_with_the_fix() {
    let l = list("kubeconfig/constructed/malformed/context-refs-missing.yaml");
    assert!(l.unusable());
    let e = &l.errors[0];
    assert_eq!(e.code, ErrorCode::ContextIncomplete);
    assert!(e.message.contains("\"nowhere\""), "{e:?}");
    assert_eq!(e.context.as_deref(), Some("ctx1"));

    let l = list("kubeconfig/constructed/malformed/dangling-current-context.yaml");
    assert!(codes(&l).contains(&ErrorCode::CurrentContextMissing));
    assert!(
        l.errors[0].hint.contains("kubectl config use-context"),
        "{:?}",
        l.errors
    );
    assert!(!l.contexts[0].current);

    let l = list("kubeconfig/constructed/malformed/duplicate-contexts.yaml");
    assert_eq!(l.contexts.len(), 1);
    assert_eq!(
        l.contexts[0].server.as_deref(),
        Some("https://127.0.0.1:6443"),
        "first wins"
    );
    assert!(codes(&l).contains(&ErrorCode::DuplicateName));

    let l = list("kubeconfig/constructed/malformed/invalid-values.yaml");
    assert!(l.unusable());
    let messages: Vec<&str> = l.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("not an http(s) URL")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("without a command")),
        "{messages:?}"
    );

    let l = list("kubeconfig/constructed/malformed/unknown-fields.yaml");
    assert_eq!(l.contexts.len(), 1, "read anyway");
    assert!(l
        .errors
        .iter()
        .any(|e| e.message.contains("kind: NotAConfig")));
}

#[test]
fn exec_plugins_missing_from_path_get_the_install_command() {
    let l = list("kubeconfig/constructed/eks-exec.yaml");
    assert_eq!(l.contexts[0].auth, "exec:aws");
    assert!(!l.contexts[0].usable);
    let missing = |l: &ContextList| {
        l.errors
            .iter()
            .find(|e| e.code == ErrorCode::ExecPluginMissing)
            .cloned()
            .unwrap_or_else(|| panic!("{:?}", l.errors))
    };
    let e = missing(&l);
    assert!(e.hint.contains("AWS CLI"), "{e:?}");
    // The corpus's CA data is a fake PEM: kube-rs could not build a client, and says so.
    assert!(codes(&l).contains(&ErrorCode::CredentialsInvalid));

    let l = list("kubeconfig/constructed/gke-exec.yaml");
    assert_eq!(l.contexts[0].auth, "exec:gke-gcloud-auth-plugin");
    assert!(missing(&l)
        .hint
        .contains("gcloud components install gke-gcloud-auth-plugin"));

    let l = list("kubeconfig/constructed/aks-kubelogin.yaml");
    let hints: Vec<&str> = l.errors.iter().map(|e| e.hint.as_str()).collect();
    assert!(
        hints.iter().any(|h| h.contains("az aks install-cli")),
        "{hints:?}"
    );
    assert!(
        hints
            .iter()
            .any(|h| h.contains("kubelogin convert-kubeconfig -l azurecli")),
        "{hints:?}"
    );
}

#[test]
fn an_installed_exec_plugin_makes_the_context_usable() {
    let bin = tempfile::tempdir().unwrap();
    let aws = bin.path().join("aws");
    std::fs::write(&aws, "#!/bin/sh\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let env = KubeEnv {
        path: Some(bin.path().display().to_string()),
        ..Default::default()
    };
    // The corpus's EKS context with its fake CA data left out (kube-rs rejects that PEM).
    let text =
        std::fs::read_to_string(corpus().join("kubeconfig/constructed/eks-exec.yaml")).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.contains("certificate-authority-data"))
        .map(|l| format!("{l}\n"))
        .collect();
    let file = bin.path().join("config");
    std::fs::write(&file, text).unwrap();
    let l = list_contexts(Some(&[file]), &env);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert!(l.contexts[0].usable && l.contexts[0].current);
    assert_eq!(l.contexts[0].auth, "exec:aws");
}

#[test]
fn auth_kinds_of_the_multi_cloud_kubeconfig() {
    let l = list("kubeconfig/constructed/multi-cloud.yaml");
    let auth: Vec<(&str, &str)> = l
        .contexts
        .iter()
        .map(|c| (c.name.as_str(), c.auth.as_str()))
        .collect();
    assert_eq!(
        auth,
        [
            ("kind-dev", "client-certificate"),
            ("onprem", "token"),
            ("proxied", "basic"),
            ("socks", "token-file"),
            ("eks", "exec:aws"),
            ("gke", "exec:gke-gcloud-auth-plugin"),
            ("oidc", "auth-provider:oidc"),
            ("impersonating", "token"),
        ]
    );
    let onprem = &l.contexts[1];
    assert_eq!(onprem.namespace.as_deref(), Some("ops"));
    assert_eq!(onprem.server.as_deref(), Some("https://10.0.0.10:6443"));
    assert!(onprem.usable, "{:?}", l.errors);
    // The socks5 proxy-url context loads (kube-rs built with socks5; its tokenFile exists);
    // the http-proxy one has the corpus's fake CA data, which kube-rs rejects.
    assert!(l.contexts[3].usable, "{:?}", l.errors);
    let proxied: Vec<_> = l
        .errors
        .iter()
        .filter(|e| e.context.as_deref() == Some("proxied"))
        .collect();
    assert_eq!(proxied.len(), 1);
    assert_eq!(
        proxied[0].message,
        "The context \"proxied\" cannot be used: the certificate-authority of cluster \"behind-proxy\" is not a valid PEM certificate."
    );
    assert!(proxied[0].hint.starts_with("Fix it with `kubectl config set-cluster behind-proxy --certificate-authority=CA.crt --embed-certs`"), "{proxied:?}");
    let oidc: Vec<_> = l
        .errors
        .iter()
        .filter(|e| e.context.as_deref() == Some("oidc"))
        .collect();
    assert!(
        oidc[0].message.contains("certificate-authority file")
            && oidc[0].message.contains("cannot be read"),
        "{oidc:?}"
    );
}

#[test]
fn kubeconfig_list_merges_like_kubectl() {
    let k = corpus().join("kubeconfig/constructed");
    let list = std::env::join_paths([
        k.join("eks-exec.yaml"),
        k.join("does-not-exist.yaml"),
        k.join("gke-exec.yaml"),
    ])
    .unwrap();
    let env = KubeEnv {
        kubeconfig: Some(list.to_string_lossy().into_owned()),
        path: Some(String::new()),
        ..Default::default()
    };
    let l = list_contexts(None, &env);
    let names: Vec<&str> = l.contexts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "arn:aws:eks:eu-west-1:000000000000:cluster/prod-eks",
            "gke_fake-project_europe-west1_prod-gke"
        ]
    );
    assert!(
        l.contexts[0].current && !l.contexts[1].current,
        "first current-context wins"
    );
    assert!(
        !codes(&l).contains(&ErrorCode::NoKubeconfig),
        "missing list entries are skipped"
    );

    let home = tempfile::tempdir().unwrap();
    let l = list_contexts(
        None,
        &KubeEnv {
            home: Some(home.path().into()),
            ..Default::default()
        },
    );
    assert!(l.unusable());
    assert_eq!(codes(&l), [ErrorCode::NoKubeconfig]);
}
