//! Go to definition, find references and hover on the demo workspace and on real-world
//! module repositories (examples calling the repository root with `source = "../../"`).

mod common;

use common::*;
use orbis_lang::{LangWorkspace, Location, SymbolKind};
use std::path::{Path, PathBuf};

fn text(ws: &LangWorkspace, path: &Path) -> String {
    ws.file(path).unwrap().source.clone()
}

fn span_text(ws: &LangWorkspace, loc: &Location) -> String {
    ws.file(&loc.path).unwrap().source[loc.span.range()].to_string()
}

struct Demo {
    ws: LangWorkspace,
    root: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let root = demo_workspace();
        Demo {
            ws: LangWorkspace::load(&root),
            root,
        }
    }
    fn p(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
    /// (file, byte) of `needle` #nth plus delta.
    fn at(&self, rel: &str, needle: &str, nth: usize, delta: usize) -> (PathBuf, usize) {
        let p = self.p(rel);
        let at = offset_of(&text(&self.ws, &p), needle, nth, delta);
        (p, at)
    }
    /// Definition at a position: (file name relative to root, text of the name span).
    fn def(&self, rel: &str, needle: &str, delta: usize) -> (String, String) {
        let (p, at) = self.at(rel, needle, 0, delta);
        let d = self
            .ws
            .definition(&p, at)
            .unwrap_or_else(|| panic!("no definition at {needle:?}"));
        let src = text(&self.ws, &d.path);
        (
            d.path
                .strip_prefix(&self.root)
                .unwrap()
                .display()
                .to_string(),
            src[d.name_span.range()].to_string(),
        )
    }
}

#[test]
fn definitions_in_the_demo_workspace() {
    let d = Demo::new();
    let def = |rel, needle, delta| d.def(rel, needle, delta);
    assert_eq!(
        def("main.tf", "var.instance_type", 6),
        ("variables.tf".into(), "instance_type".into())
    );
    assert_eq!(
        def("main.tf", "local.name", 7),
        ("main.tf".into(), "name".into())
    );
    // A resource, from its reference and from an attribute of it.
    assert_eq!(
        def("main.tf", "aws_security_group.web.id", 20),
        ("main.tf".into(), "web".into())
    );
    assert_eq!(
        def("main.tf", "aws_security_group.web.id", 23),
        ("main.tf".into(), "web".into())
    );
    assert_eq!(
        def("outputs.tf", "aws_s3_bucket.assets.bucket", 2),
        ("storage.tf".into(), "assets".into())
    );
    // module.network → the module block; module.network.vpc_id → the child's output.
    assert_eq!(
        def("main.tf", "module.network.vpc_id", 8),
        ("main.tf".into(), "network".into())
    );
    assert_eq!(
        def("main.tf", "module.network.vpc_id", 16),
        ("modules/network/outputs.tf".into(), "vpc_id".into())
    );
    assert_eq!(
        def("main.tf", "module.network.public_subnet_ids[0]", 16),
        (
            "modules/network/outputs.tf".into(),
            "public_subnet_ids".into()
        )
    );
    // A module call argument → the child's variable.
    assert_eq!(
        def("main.tf", "cidr_block = \"10.20", 2),
        ("modules/network/variables.tf".into(), "cidr_block".into())
    );
    // Data sources and a variable in the child.
    assert_eq!(
        def(
            "modules/network/main.tf",
            "data.aws_availability_zones.available.names",
            30
        ),
        ("modules/network/main.tf".into(), "available".into())
    );
    assert_eq!(
        def("modules/network/main.tf", "var.cidr_block", 5),
        ("modules/network/variables.tf".into(), "cidr_block".into())
    );
    // On the declaration itself: itself.
    assert_eq!(
        def("variables.tf", "variable \"owner\"", 11),
        ("variables.tf".into(), "owner".into())
    );
    // Nothing: a string, a keyword, a comment-free blank.
    let (p, at) = d.at("main.tf", "\"tcp\"", 0, 2);
    assert!(d.ws.definition(&p, at).is_none());
    let (p, at) = d.at("main.tf", "resource \"aws_instance\"", 0, 2);
    assert!(d.ws.definition(&p, at).is_none());
}

#[test]
fn references_across_files_and_module_boundaries() {
    let d = Demo::new();
    // local.tags: used in main.tf (module argument, security group) and storage.tf (3 times).
    let (p, at) = d.at("main.tf", "local.tags", 0, 7);
    let refs = d.ws.references(&p, at, false);
    assert!(refs.iter().all(|r| span_text(&d.ws, r) == "local.tags"));
    let files: std::collections::BTreeSet<_> = refs
        .iter()
        .map(|r| r.path.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(files, ["main.tf", "storage.tf"].map(String::from).into());
    assert_eq!(refs.len(), 5, "{refs:#?}");
    let with_decl = d.ws.references(&p, at, true);
    assert_eq!(with_decl.len(), refs.len() + 1);

    // The child's variable `name`: its uses in the child plus the parent's argument name.
    let (p, at) = d.at("modules/network/variables.tf", "variable \"name\"", 0, 11);
    let refs = d.ws.references(&p, at, false);
    let parent: Vec<_> = refs.iter().filter(|r| r.path == d.p("main.tf")).collect();
    assert_eq!(parent.len(), 1);
    assert_eq!(span_text(&d.ws, parent[0]), "name");
    assert_eq!(refs.len(), 1 + 5, "{refs:#?}");

    // The child's output: `module.network.vpc_id` in the parent.
    let (p, at) = d.at("modules/network/outputs.tf", "output \"vpc_id\"", 0, 9);
    let refs = d.ws.references(&p, at, false);
    assert_eq!(refs.len(), 1);
    assert_eq!(span_text(&d.ws, &refs[0]), "module.network.vpc_id");

    // A root variable set in terraform.tfvars: the tfvars entry is a reference.
    let (p, at) = d.at("variables.tf", "variable \"environment\"", 0, 11);
    let refs = d.ws.references(&p, at, false);
    assert!(refs
        .iter()
        .any(|r| r.path.ends_with("terraform.tfvars") && span_text(&d.ws, r) == "environment"));
    assert!(refs.iter().any(|r| r.path.ends_with("providers.tf")));
    assert!(refs.iter().any(|r| r.path.ends_with("main.tf")));
}

#[test]
fn hover_shows_declarations_and_schema_descriptions() {
    let d = Demo::new();
    let (p, at) = d.at("main.tf", "var.instance_type", 0, 6);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(
        h.markdown.contains("variable `instance_type`"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("EC2 instance type of the web server."));
    assert!(
        h.markdown.contains("Default: `\"t3.small\"`"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("variables.tf:"));
    let (p, at) = d.at("main.tf", "module.network.vpc_id", 0, 17);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(h.markdown.contains("ID of the VPC."), "{}", h.markdown);
    // Schema: an argument name, a resource type label, and an attribute of a reference.
    let (p, at) = d.at("storage.tf", "block_public_acls", 0, 3);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(
        h.markdown
            .contains("aws_s3_bucket_public_access_block.block_public_acls"),
        "{}",
        h.markdown
    );
    let (p, at) = d.at("storage.tf", "\"aws_db_instance\"", 0, 3);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(h.markdown.contains("RDS"), "{}", h.markdown);
    let (p, at) = d.at("outputs.tf", "aws_instance.web.public_ip", 0, 19);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(
        h.markdown.contains("aws_instance.public_ip"),
        "{}",
        h.markdown
    );
    let (p, at) = d.at("storage.tf", "versioning_configuration", 0, 3);
    let h = d.ws.hover(&p, at).unwrap();
    assert!(h.markdown.contains("Required: `status`"), "{}", h.markdown);
}

#[test]
fn realworld_examples_reach_the_repository_root_module() {
    let root = realworld().join("terraform-aws-modules__terraform-aws-s3-bucket");
    if !root.is_dir() {
        println!("skipped: {} not found", root.display());
        return;
    }
    let ws = LangWorkspace::load(&root);
    // `module.s3_bucket.s3_bucket_id` in examples/object → the root module's output.
    let obj = root.join("examples/object/main.tf");
    let at = offset_of(&text(&ws, &obj), "module.s3_bucket.s3_bucket_id", 0, 20);
    let d = ws.definition(&obj, at).unwrap();
    assert_eq!(d.path, root.join("outputs.tf"));
    assert_eq!(d.key.kind, SymbolKind::Output);
    // Its references span several examples.
    let refs = ws.references_of(&d.key, false);
    let examples: std::collections::BTreeSet<_> = refs
        .iter()
        .filter_map(|r| r.path.strip_prefix(root.join("examples")).ok())
        .map(|p| p.components().next().unwrap().as_os_str().to_owned())
        .collect();
    assert!(examples.len() >= 3, "{examples:?}");
    // The root variable `bucket` is referenced in the root and set by the example calls.
    let vars = root.join("variables.tf");
    let at = offset_of(&text(&ws, &vars), "variable \"bucket\"", 0, 11);
    let refs = ws.references(&vars, at, false);
    let complete = root.join("examples/complete/main.tf");
    let args: Vec<_> = refs.iter().filter(|r| r.path == complete).collect();
    assert!(args.len() >= 3, "{refs:#?}");
    assert!(args.iter().all(|r| span_text(&ws, r) == "bucket"));
    assert!(refs
        .iter()
        .any(|r| r.path == root.join("main.tf") && span_text(&ws, r) == "var.bucket"));
    // And the argument name goes to the root's variable.
    let at = refs.iter().find(|r| r.path == complete).unwrap().span.start as usize;
    assert_eq!(ws.definition(&complete, at).unwrap().path, vars);
}
