//! Checks the architecture invariants of ARCHITECTURE.md that a machine can check: which crates
//! may depend on what, which UI module may talk to Tauri, and that the code map names every
//! crate. A failure message says which invariant broke and where.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Package name → the names of every package it depends on, transitively (normal and build
/// dependencies of the resolved graph for this platform, default features).
fn dependency_closure() -> BTreeMap<String, BTreeSet<String>> {
    dependency_graph(false).1
}

/// The closure without orbis-app's optional edges to `cloud`/`clusters`: cargo metadata unifies
/// the features the desktop package turns on for every dependant of orbis-app, while plain
/// `cargo test` (default members) and `cargo test -p orbis-app` build without them.
fn closure_without_app_features() -> Graph {
    dependency_graph_skipping(
        false,
        &[
            ("orbis-app", "orbis-cloud"),
            ("orbis-app", "orbis-clusters"),
        ],
    )
    .1
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// (direct dependencies, transitive closure) of every workspace member, by package name;
/// `all_features`: resolved with every feature of every member on (e.g. `orbis-cli/cloud`).
fn dependency_graph(all_features: bool) -> (Graph, Graph) {
    dependency_graph_skipping(all_features, &[])
}

/// As `dependency_graph`, leaving out the `(from, to)` edges named in `skip`.
fn dependency_graph_skipping(all_features: bool, skip: &[(&str, &str)]) -> (Graph, Graph) {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["metadata", "--format-version", "1", "--filter-platform"])
        .arg(host_triple());
    if all_features {
        cmd.arg("--all-features");
    }
    let out = cmd
        .current_dir(repo_root())
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let edges: BTreeMap<&str, Vec<&str>> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let from = name_of[n["id"].as_str().unwrap()];
            let deps = n["deps"]
                .as_array()
                .unwrap()
                .iter()
                // Dev-dependencies (test tools) do not ship; only normal and build edges count.
                .filter(|d| {
                    d["dep_kinds"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|k| k["kind"].as_str() != Some("dev"))
                })
                .map(|d| d["pkg"].as_str().unwrap())
                .filter(|pkg| !skip.contains(&(from, name_of[pkg])))
                .collect();
            (n["id"].as_str().unwrap(), deps)
        })
        .collect();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let direct: Graph = members
        .iter()
        .map(|id| {
            (
                name_of[id].to_string(),
                edges
                    .get(id)
                    .into_iter()
                    .flatten()
                    .map(|d| name_of[d].to_string())
                    .collect(),
            )
        })
        .collect();
    let closure: Graph = members
        .iter()
        .map(|id| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![*id];
            while let Some(next) = stack.pop() {
                for dep in edges.get(next).into_iter().flatten() {
                    if seen.insert(*dep) {
                        stack.push(dep);
                    }
                }
            }
            (
                name_of[id].to_string(),
                seen.iter().map(|d| name_of[d].to_string()).collect(),
            )
        })
        .collect();
    (direct, closure)
}

fn host_triple() -> String {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap()
        .to_string()
}

fn offenders<'a>(deps: &'a BTreeSet<String>, forbidden: &[&str]) -> Vec<&'a str> {
    deps.iter()
        .map(String::as_str)
        .filter(|d| forbidden.iter().any(|f| d.starts_with(f)))
        .collect()
}

#[test]
fn only_the_desktop_shell_depends_on_tauri() {
    for (package, deps) in dependency_closure() {
        if package == "terraorbis" {
            continue;
        }
        let bad = offenders(&deps, &["tauri", "wry", "webkit2gtk"]);
        assert!(bad.is_empty(), "Architecture Invariant: only src-tauri depends on tauri, but {package} pulls in {bad:?}");
    }
}

const CLOUD_SDKS: [&str; 7] = [
    "aws-sdk-",
    "aws-config",
    "azure_",
    "gcp_auth",
    "keyring",
    "kube",
    "k8s-openapi",
];

/// The names of every package `cargo tree` shows for `args` (normal and build dependencies).
/// Unlike `cargo metadata`, which resolves features for the whole workspace (where the desktop
/// package turns on `orbis-app`'s optional `clusters` feature), `cargo tree` resolves them for
/// what is selected, as a build of just that does.
fn tree_of(args: &[&str]) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(names.len() > 1, "cargo tree {args:?} listed nothing");
    names
}

/// Each package built on its own with its default features (as `cargo build -p X` does).
#[test]
fn only_cloud_and_clusters_depend_on_cloud_sdks() {
    for package in dependency_closure().keys() {
        if [
            "orbis-cloud",
            "orbis-clusters",
            "terraorbis",
            "orbis-server",
        ]
        .contains(&package.as_str())
        {
            continue;
        }
        let deps = tree_of(&["-p", package]);
        let bad = offenders(&deps, &CLOUD_SDKS);
        assert!(bad.is_empty(), "Architecture Invariant: only cloud and clusters use cloud SDKs, but {package} pulls in {bad:?}");
    }
}

/// Plain `cargo build`/`cargo test` at the root (the default members) never builds a cloud SDK,
/// kube, `orbis-cloud` or `orbis-clusters`.
#[test]
fn default_builds_never_include_cloud_sdks() {
    let names = tree_of(&[]);
    let mut forbidden: Vec<&str> = CLOUD_SDKS.to_vec();
    forbidden.extend(["orbis-cloud", "orbis-clusters"]);
    let bad = offenders(&names, &forbidden);
    assert!(
        bad.is_empty(),
        "Architecture Invariant: the default build stays free of cloud SDKs, but pulls in {bad:?}"
    );
}

/// Even with every feature on (`orbis-cli/cloud`), an SDK is a direct dependency of `cloud` and
/// `clusters` only: the CLI reaches them through `orbis-cloud`, never by itself.
#[test]
fn with_all_features_only_cloud_and_clusters_use_sdks_directly() {
    let (direct, _) = dependency_graph(true);
    for (package, deps) in &direct {
        if ["orbis-cloud", "orbis-clusters"].contains(&package.as_str()) {
            continue;
        }
        let bad = offenders(deps, &CLOUD_SDKS);
        assert!(bad.is_empty(), "Architecture Invariant: only cloud and clusters use cloud SDKs directly, but {package} depends on {bad:?}");
    }
}

/// The engines and the shared layers never depend on `cloud`/`clusters` or an SDK, whatever the
/// features: their tests build in seconds. `app` is checked with its default features only (by
/// `only_cloud_and_clusters_depend_on_cloud_sdks`): its optional `cloud`/`clusters` features,
/// which only the desktop package turns on, bring those crates to the desktop's operations.
#[test]
fn engines_and_shared_layers_never_depend_on_cloud() {
    let light = [
        "orbis-hcl",
        "orbis-lang",
        "orbis-lint",
        "orbis-plan",
        "orbis-policy",
        "orbis-cost",
        "orbis-charts",
        "orbis-store",
        "orbis-runner",
        "orbis-state",
        "orbis-drift",
        "orbis-generator",
    ];
    let (_, closure) = dependency_graph(true);
    for (package, deps) in &closure {
        if !light.contains(&package.as_str()) {
            continue;
        }
        let mut forbidden: Vec<&str> = CLOUD_SDKS.to_vec();
        forbidden.extend(["orbis-cloud", "orbis-clusters"]);
        let bad = offenders(deps, &forbidden);
        assert!(
            bad.is_empty(),
            "Architecture Invariant: engines and shared layers stay free of cloud SDKs, but {package} pulls in {bad:?}"
        );
    }
}

/// `orbis-app` and `orbis-cli` take `orbis-cloud`/`orbis-clusters` in only as optional
/// dependencies (their `cloud`/`clusters` features; the desktop package enables orbis-app's):
/// everything else they depend on is free of them and of SDKs, so `cargo test -p orbis-app`
/// and plain `cargo test` build no SDK.
#[test]
fn app_and_cli_reach_clouds_only_through_optional_features() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(repo_root())
        .output()
        .expect("run cargo metadata");
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let closure = closure_without_app_features();
    let mut forbidden: Vec<&str> = CLOUD_SDKS.to_vec();
    forbidden.extend(["orbis-cloud", "orbis-clusters"]);
    for package in ["orbis-app", "orbis-cli"] {
        let manifest = meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == package)
            .expect("a member");
        for dep in manifest["dependencies"].as_array().unwrap() {
            let name = dep["name"].as_str().unwrap();
            let optional = dep["optional"].as_bool().unwrap_or(false);
            if ["orbis-cloud", "orbis-clusters"].contains(&name) {
                assert!(
                    optional,
                    "Architecture Invariant: {package} must take {name} only through a feature"
                );
                continue;
            }
            // Dev-dependencies do not ship.
            if optional || dep["kind"].as_str() == Some("dev") {
                continue;
            }
            let own: BTreeSet<String> = [name.to_string()].into();
            assert!(
                offenders(&own, &forbidden).is_empty(),
                "Architecture Invariant: {package} depends on {name} without a feature"
            );
            if let Some(deps) = closure.get(name) {
                let bad = offenders(deps, &forbidden);
                assert!(
                    bad.is_empty(),
                    "Architecture Invariant: {package}'s dependency {name} pulls in {bad:?}"
                );
            }
        }
    }
}

/// The app reaches the team server only through its `team` feature, and even then takes the
/// client crate alone: no server framework, database driver or the server itself.
#[test]
fn app_reaches_the_team_server_only_through_its_feature() {
    let plain = tree_of(&["-p", "orbis-app"]);
    let bad = offenders(&plain, &["orbis-sync", "reqwest", "hyper", "orbis-server"]);
    assert!(
        bad.is_empty(),
        "Architecture Invariant: orbis-app's default build has no team sync, but pulls in {bad:?}"
    );
    let team = tree_of(&["-p", "orbis-app", "--features", "team"]);
    assert!(
        team.contains("orbis-sync"),
        "the team feature brings orbis-sync"
    );
    let server_side = [
        "orbis-server",
        "axum",
        "tokio-postgres",
        "deadpool",
        "utoipa",
        "argon2",
    ];
    let bad = offenders(&team, &server_side);
    assert!(
        bad.is_empty(),
        "Architecture Invariant: the app's team feature takes the client only, but pulls in {bad:?}"
    );
}

#[test]
fn engines_do_no_network() {
    let network = [
        "reqwest",
        "hyper",
        "ureq",
        "h2",
        "rustls",
        "native-tls",
        "openssl",
    ];
    let engines = [
        "orbis-hcl",
        "orbis-lint",
        "orbis-plan",
        "orbis-policy",
        "orbis-cost",
        "orbis-charts",
        "orbis-state",
        "orbis-drift",
        "orbis-generator",
    ];
    for (package, deps) in dependency_closure() {
        if !engines.contains(&package.as_str()) {
            continue;
        }
        let bad = offenders(&deps, &network);
        assert!(
            bad.is_empty(),
            "Architecture Invariant: engines do no network, but {package} pulls in {bad:?}"
        );
    }
}

/// State is only ever read: no code of `state` or `drift` creates, writes or removes a file
/// (a corrupted or overwritten state loses track of real infrastructure).
#[test]
fn state_is_never_written() {
    let root = repo_root();
    let writers = [
        "fs::write",
        "File::create",
        "OpenOptions",
        "fs::remove_file",
        "fs::rename",
        "fs::copy",
        "create_dir",
    ];
    for krate in ["crates/state/src", "crates/drift/src"] {
        let mut stack = vec![root.join(krate)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for w in writers {
                    assert!(
                        !text.contains(w),
                        "Architecture Invariant: state is never written, but {} uses {w}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn only_the_api_module_imports_tauri_in_the_ui() {
    let src = repo_root().join("ui/src");
    let mut offenders = Vec::new();
    let mut checked = 0;
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let is_code = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("ts" | "tsx")
            );
            if !is_code {
                continue;
            }
            checked += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let imports_tauri = text.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with("import")
                    || l.starts_with("export")
                    || l.contains("require(")
                    || l.contains("import("))
                    && l.contains("@tauri-apps/")
            });
            if imports_tauri && path != src.join("api.ts") {
                offenders.push(path.strip_prefix(&src).unwrap().display().to_string());
            }
        }
    }
    assert!(
        checked > 5,
        "found only {checked} UI source files: is ui/src where this test thinks?"
    );
    assert!(
        offenders.is_empty(),
        "Architecture Invariant: only ui/src/api.ts imports @tauri-apps, but so do {offenders:?}"
    );
}

#[test]
fn the_code_map_names_every_crate() {
    let root = repo_root();
    let map =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md exists");
    let missing: Vec<String> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .map(|p| format!("crates/{}", p.file_name().unwrap().to_string_lossy()))
        .filter(|name| !map.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not describe {missing:?}"
    );
}
