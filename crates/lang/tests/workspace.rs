//! Discovery, updates from buffers and watcher events, the outline and symbol search.

mod common;

use common::*;
use orbis_lang::{outline, LangWorkspace, OutlineKind, SymbolKey, SymbolKind};

#[test]
fn discovery_finds_module_dirs_and_skips_caches() {
    let dir = temp_workspace(&[
        ("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n"),
        ("a/main.tf", "variable \"x\" {}\n"),
        ("a/terraform.tfvars", "x = 1\n"),
        ("docs/readme.md", "# not terraform\n"),
        ("only-vars/prod.tfvars", "x = 2\n"),
        (".terraform/modules/m/main.tf", "variable \"cached\" {}\n"),
        (".git/x.tf", "variable \"git\" {}\n"),
        ("node_modules/p/main.tf", "variable \"npm\" {}\n"),
        ("live/.terragrunt-cache/abc/main.tf", "variable \"tg\" {}\n"),
        ("live/terragrunt.hcl", "terraform {}\n"),
    ]);
    let ws = LangWorkspace::load(dir.path());
    let dirs: Vec<String> = ws
        .module_dirs()
        .map(|d| d.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(dirs, ["", "a"]);
    assert_eq!(
        ws.stats().files,
        3,
        "main.tf, a/main.tf, a/terraform.tfvars"
    );
    assert!(ws.workspace_symbols("cached", 10).is_empty());
    assert_eq!(ws.stats().local_calls_resolved, 1);
}

#[test]
fn buffer_updates_reindex_only_their_module_lazily() {
    let dir = temp_workspace(&[
        (
            "main.tf",
            "module \"c\" {\n  source = \"./c\"\n  size = 1\n}\n",
        ),
        ("c/variables.tf", "variable \"size\" {}\n"),
        ("c/main.tf", "locals {\n  s = var.size\n}\n"),
    ]);
    let mut ws = LangWorkspace::load(dir.path());
    let key = |name: &str| SymbolKey {
        module_dir: dir.path().join("c"),
        kind: SymbolKind::Variable,
        name: name.into(),
    };
    assert_eq!(ws.references_of(&key("size"), false).len(), 2);
    // A buffer edit in the child adds a use.
    assert!(ws.update_text(
        &dir.path().join("c/main.tf"),
        "locals {\n  s = var.size\n  t = var.size * 2\n}\n"
    ));
    assert_eq!(ws.references_of(&key("size"), false).len(), 3);
    // A relative path names the same file.
    assert!(ws.file(std::path::Path::new("c/main.tf")).is_some());
    // A new file (watcher create) in a new directory makes a new module.
    std::fs::create_dir_all(dir.path().join("d")).unwrap();
    std::fs::write(
        dir.path().join("d/main.tf"),
        "output \"o\" {\n  value = 1\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("d/terraform.tfvars"), "size = 3\n").unwrap();
    assert!(ws.reload_file(&dir.path().join("d/main.tf")));
    assert_eq!(ws.module_dirs().count(), 3);
    assert_eq!(
        ws.module_files(&dir.path().join("d")).len(),
        2,
        "its tfvars came along"
    );
    // A deleted file (watcher remove): the directory stops being a module.
    std::fs::remove_file(dir.path().join("d/main.tf")).unwrap();
    assert!(ws.reload_file(&dir.path().join("d/main.tf")));
    assert_eq!(ws.module_dirs().count(), 2);
    assert!(ws.file(&dir.path().join("d/terraform.tfvars")).is_none());
    // Removing the child's declaration: references stay, the definition goes.
    ws.remove_file(&dir.path().join("c/variables.tf"));
    assert!(ws.definitions_of(&key("size")).is_empty());
    assert_eq!(ws.references_of(&key("size"), false).len(), 3);
    // Non-Terraform files are ignored.
    assert!(!ws.update_text(&dir.path().join("README.md"), "# x"));
}

#[test]
fn outline_of_demo_files() {
    let root = demo_workspace();
    let ws = LangWorkspace::load(&root);
    let items = ws.outline(&root.join("main.tf")).unwrap();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "locals",
            "module \"network\"",
            "resource \"aws_security_group\" \"web\"",
            "resource \"aws_instance\" \"web\""
        ]
    );
    assert!(items.iter().all(|i| i.kind == OutlineKind::Block));
    let src = &ws.file(&root.join("main.tf")).unwrap().source;
    assert_eq!(&src[items[2].selection_span.range()], "web");
    let sg: Vec<(&str, OutlineKind)> = items[2]
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.kind))
        .collect();
    assert_eq!(
        sg,
        [
            ("name", OutlineKind::Attribute),
            ("description", OutlineKind::Attribute),
            ("vpc_id", OutlineKind::Attribute),
            ("ingress", OutlineKind::NestedBlock),
            ("ingress", OutlineKind::NestedBlock),
            ("egress", OutlineKind::NestedBlock),
            ("tags", OutlineKind::Attribute),
        ]
    );
    assert_eq!(items[2].children[3].children.len(), 5);
    assert_eq!(items[0].children.len(), 2, "locals: name, tags");
    // tfvars: top-level attributes.
    let tfvars = ws.outline(&root.join("terraform.tfvars")).unwrap();
    assert_eq!(tfvars.len(), 3);
    assert!(tfvars.iter().all(|i| i.kind == OutlineKind::Attribute));
    // Any parsed file, also outside a workspace, and broken text.
    let f = orbis_hcl::parse_str(
        "resource \"a\" \"b\" {\n  x = 1\n}\nresource \"c\" {\n  y =\n",
        "x.tf",
    );
    assert!(f.has_errors());
    assert_eq!(outline(&f)[0].name, "resource \"a\" \"b\"");
    assert!(ws.outline(&root.join("nope.tf")).is_none());
}

#[test]
fn symbol_search_substring_and_fuzzy() {
    let root = demo_workspace();
    let ws = LangWorkspace::load(&root);
    let hits = ws.workspace_symbols("web", 50);
    let names: Vec<&str> = hits.iter().map(|h| h.name.as_str()).collect();
    assert!(names.contains(&"aws_security_group.web"));
    assert!(names.contains(&"aws_instance.web"));
    assert!(names.contains(&"web_public_ip"));
    // Exact short-name matches rank first.
    assert!(hits[0].name.ends_with(".web"), "{names:?}");
    let hits = ws.workspace_symbols("sgweb", 10);
    assert_eq!(hits[0].name, "aws_security_group.web");
    let hits = ws.workspace_symbols("VPC_ID", 10);
    assert_eq!(hits[0].name, "vpc_id");
    assert_eq!(hits[0].kind, SymbolKind::Output);
    assert_eq!(hits[0].kind_label, "output");
    assert!(hits[0].path.ends_with("modules/network/outputs.tf"));
    let all = ws.workspace_symbols("", 1000);
    let s = ws.stats();
    assert_eq!(all.len(), s.definitions);
    assert_eq!(ws.workspace_symbols("", 3).len(), 3);
    assert!(ws.workspace_symbols("zzzzqqq", 10).is_empty());
}
