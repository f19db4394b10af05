//! Completion in context, on the demo workspace with buffers being typed (broken text), and
//! with provider schemas from the corpus.

mod common;

use common::*;
use orbis_lang::schema::ProviderSchemas;
use orbis_lang::{CompletionKind, Completions, LangWorkspace};
use std::path::PathBuf;

/// The demo workspace with `rel` replaced by `text` where `|` marks the cursor.
fn complete_in(
    ws: &mut LangWorkspace,
    root: &std::path::Path,
    rel: &str,
    text: &str,
) -> (Completions, String) {
    let at = text.find('|').expect("cursor marker");
    let text = text.replacen('|', "", 1);
    let p: PathBuf = root.join(rel);
    ws.update_text(&p, &text);
    let c = ws.completions(&p, at);
    let prefix = text[c.replace_start..at].to_string();
    (c, prefix)
}

fn labels(c: &Completions) -> Vec<&str> {
    c.items.iter().map(|i| i.label.as_str()).collect()
}

fn demo() -> (LangWorkspace, PathBuf) {
    let root = demo_workspace();
    (LangWorkspace::load(&root), root)
}

#[test]
fn top_level_keywords_with_snippets() {
    let (mut ws, root) = demo();
    let (c, prefix) = complete_in(&mut ws, &root, "scratch.tf", "locals {\n  a = 1\n}\n\nre|");
    assert_eq!(prefix, "re");
    let l = labels(&c);
    assert!(l.contains(&"resource") && l.contains(&"removed"), "{l:?}");
    assert!(
        !l.contains(&"locals"),
        "filtered by the typed word (subsequence)"
    );
    let r = c.items.iter().find(|i| i.label == "resource").unwrap();
    assert!(r.snippet && r.insert_text.starts_with("resource \"${1:type}\""));
    assert_eq!(r.kind, CompletionKind::Keyword);
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "|");
    for k in [
        "resource",
        "data",
        "variable",
        "output",
        "locals",
        "module",
        "provider",
        "terraform",
        "moved",
        "import",
        "check",
        "removed",
    ] {
        assert!(labels(&c).contains(&k), "{k}");
    }
}

#[test]
fn resource_and_data_types_in_labels() {
    let (mut ws, root) = demo();
    let (c, prefix) = complete_in(&mut ws, &root, "scratch.tf", "resource \"aws_s3_bu|");
    assert_eq!(prefix, "aws_s3_bu");
    assert!(labels(&c).contains(&"aws_s3_bucket"));
    assert!(labels(&c).contains(&"aws_s3_bucket_versioning"));
    assert!(c
        .items
        .iter()
        .all(|i| i.kind == CompletionKind::ResourceType));
    let i = c.items.iter().find(|i| i.label == "aws_s3_bucket").unwrap();
    assert_eq!(i.detail.as_deref(), Some("aws resource"));
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "data \"aws_iam_pol|\" \"x\" {}",
    );
    assert_eq!(labels(&c), ["aws_iam_policy_document"]);
    assert_eq!(c.items[0].kind, CompletionKind::DataSourceType);
}

#[test]
fn resource_body_arguments_required_first_with_meta_arguments() {
    let (mut ws, root) = demo();
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"aws_s3_bucket_versioning\" \"v\" {\n  |\n}\n",
    );
    let l = labels(&c);
    let pos = |n: &str| {
        l.iter()
            .position(|x| *x == n)
            .unwrap_or_else(|| panic!("{n} in {l:?}"))
    };
    assert!(pos("bucket") < pos("expected_bucket_owner"));
    assert!(pos("versioning_configuration") < pos("expected_bucket_owner"));
    assert!(pos("expected_bucket_owner") < pos("count"));
    for meta in ["count", "for_each", "depends_on", "provider", "lifecycle"] {
        assert!(l.contains(&meta), "{meta}");
    }
    assert!(
        !l.contains(&"id"),
        "computed-only attributes are not arguments"
    );
    let b = &c.items[pos("bucket")];
    assert_eq!(b.detail.as_deref(), Some("string · required"));
    assert_eq!(b.insert_text, "bucket = \"${1}\"");
    let vc = &c.items[pos("versioning_configuration")];
    assert_eq!(vc.kind, CompletionKind::Block);
    assert!(vc.detail.as_deref().unwrap().contains("required"));
    // A nested block, and `dynamic` content.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"aws_s3_bucket_versioning\" \"v\" {\n  versioning_configuration {\n    st|\n",
    );
    assert_eq!(labels(&c), ["status"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"aws_security_group\" \"s\" {\n  dynamic \"ingress\" {\n    for_each = var.x\n    content {\n      |\n",
    );
    assert!(labels(&c).contains(&"from_port") && labels(&c).contains(&"cidr_blocks"));
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"aws_security_group\" \"s\" {\n  lifecycle {\n    |\n",
    );
    assert!(labels(&c).contains(&"create_before_destroy"));
    // Deprecated arguments are marked and last.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  |\n}",
    );
    let acl = c.items.iter().find(|i| i.label == "acl").unwrap();
    assert!(acl.deprecated);
    assert!(acl.detail.as_deref().unwrap().contains("deprecated"));
}

#[test]
fn references_after_a_dot() {
    let (mut ws, root) = demo();
    let body = |expr: &str| format!("resource \"aws_eip\" \"e\" {{\n  instance = {expr}\n}}\n");
    let run =
        |ws: &mut LangWorkspace, expr: &str| complete_in(ws, &root, "scratch.tf", &body(expr)).0;

    let c = run(&mut ws, "var.|");
    let l = labels(&c);
    assert!(
        l.contains(&"instance_type") && l.contains(&"db_password"),
        "{l:?}"
    );
    assert!(c.items.iter().all(|i| i.kind == CompletionKind::Variable));
    let it = c.items.iter().find(|i| i.label == "instance_type").unwrap();
    assert_eq!(it.detail.as_deref(), Some("string"));
    assert!(it
        .documentation
        .as_deref()
        .unwrap()
        .contains("EC2 instance type"));

    assert_eq!(labels(&run(&mut ws, "local.|")), ["name", "tags"]);
    assert_eq!(labels(&run(&mut ws, "module.|")), ["network"]);
    let c = run(&mut ws, "module.network.|");
    assert_eq!(
        labels(&c),
        ["vpc_id", "public_subnet_ids", "db_subnet_group"]
    );
    assert_eq!(c.items[0].kind, CompletionKind::Output);
    assert_eq!(
        labels(&run(&mut ws, "module.network.pub|")),
        ["public_subnet_ids"]
    );
    assert_eq!(labels(&run(&mut ws, "aws_s3_bucket.|")), ["assets"]);
    let c = run(&mut ws, "aws_s3_bucket.assets.|");
    let l = labels(&c);
    assert!(
        l.contains(&"arn") && l.contains(&"bucket") && l.contains(&"id"),
        "{l:?}"
    );
    let c = run(&mut ws, "aws_instance.web.root_block_device[0].|");
    assert!(labels(&c).contains(&"volume_size"), "{:?}", labels(&c));
    assert!(run(&mut ws, "aws_s3_bucket.nope.|").items.is_empty());
    assert_eq!(labels(&run(&mut ws, "path.|")), ["module", "root", "cwd"]);
    assert_eq!(labels(&run(&mut ws, "each.|")), ["key", "value"]);
    assert_eq!(labels(&run(&mut ws, "count.|")), ["index"]);
    // Data sources are declared in the child module only: none here.
    assert!(run(&mut ws, "data.|").items.is_empty());

    // In the child module: data sources and their schema attributes.
    let child = "modules/network/scratch.tf";
    let (c, _) = complete_in(&mut ws, &root, child, "locals {\n  z = data.|\n}\n");
    assert_eq!(labels(&c), ["aws_availability_zones"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        child,
        "locals {\n  z = data.aws_availability_zones.|\n}\n",
    );
    assert_eq!(labels(&c), ["available"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        child,
        "locals {\n  z = data.aws_availability_zones.available.na|\n}\n",
    );
    assert_eq!(labels(&c), ["names"]);
}

#[test]
fn expression_start_offers_roots_declared_types_and_functions() {
    let (mut ws, root) = demo();
    let (c, prefix) = complete_in(&mut ws, &root, "scratch.tf", "locals {\n  x = jsonen|\n}\n");
    assert_eq!(prefix, "jsonen");
    assert_eq!(labels(&c), ["jsonencode"]);
    let f = &c.items[0];
    assert_eq!(f.kind, CompletionKind::Function);
    assert_eq!(f.insert_text, "jsonencode(${1})");
    assert_eq!(f.detail.as_deref(), Some("jsonencode(value)"));
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "locals {\n  x = |\n}\n");
    let l = labels(&c);
    for want in [
        "var",
        "local",
        "module",
        "data",
        "aws_s3_bucket",
        "aws_instance",
        "merge",
        "cidrsubnet",
        "templatefile",
        "true",
    ] {
        assert!(l.contains(&want), "{want}");
    }
    // Functions not computed offline say so.
    let tf = c.items.iter().find(|i| i.label == "timestamp").unwrap();
    assert!(tf
        .documentation
        .as_deref()
        .unwrap()
        .contains("Not computed offline"));
    let mg = c.items.iter().find(|i| i.label == "merge").unwrap();
    assert!(!mg
        .documentation
        .as_deref()
        .unwrap()
        .contains("Not computed"));
    // Inside a function call, an interpolation, a list.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "locals {\n  x = merge(local.|\n}\n",
    );
    assert_eq!(labels(&c), ["name", "tags"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "locals {\n  x = \"${var.own|}\"\n}\n",
    );
    assert_eq!(labels(&c), ["owner"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "locals {\n  x = [\"a\", var.reg|]\n}\n",
    );
    assert_eq!(labels(&c), ["region"]);
    // Not in strings or comments.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "locals {\n  x = \"var.|\"\n}\n",
    );
    assert!(c.items.is_empty());
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "# var.|\n");
    assert!(c.items.is_empty());
}

#[test]
fn completion_works_while_typing_in_a_broken_file() {
    let (mut ws, root) = demo();
    // main.tf with a half-typed reference in the middle and an unclosed call above it.
    let main = std::fs::read_to_string(root.join("main.tf")).unwrap();
    let broken = main.replace(
        "  vpc_id      = module.network.vpc_id\n",
        "  vpc_id      = module.network.|\n  extra       = merge(\n",
    );
    let (c, _) = complete_in(&mut ws, &root, "main.tf", &broken);
    assert_eq!(
        labels(&c),
        ["vpc_id", "public_subnet_ids", "db_subnet_group"]
    );
    let f = ws.file(&root.join("main.tf")).unwrap();
    assert!(f.has_errors(), "the buffer really is broken");
    // Further down, after the unclosed `merge(`: a new attribute line in aws_instance.
    let broken2 = broken.replacen('|', "", 1).replace(
        "  instance_type          = var.instance_type\n",
        "  instance_type          = var.instance_type\n  monit|\n",
    );
    let (c, _) = complete_in(&mut ws, &root, "main.tf", &broken2);
    assert_eq!(labels(&c), ["monitoring"]);
    // A new block being typed at the end of a file without its closing brace.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "storage.tf",
        &(std::fs::read_to_string(root.join("storage.tf")).unwrap()
            + "\nresource \"aws_db_instance\" \"replica\" {\n  replicate_source_db = aws_db_instance.|"),
    );
    assert_eq!(labels(&c), ["app", "replica"]);
}

#[test]
fn module_call_bodies_offer_the_childs_variables_required_first() {
    let (mut ws, root) = demo();
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "main.tf",
        &std::fs::read_to_string(root.join("main.tf"))
            .unwrap()
            .replace("  az_count   = 2\n", "  az_count   = 2\n  |\n"),
    );
    let l = labels(&c);
    let pos = |n: &str| {
        l.iter()
            .position(|x| *x == n)
            .unwrap_or_else(|| panic!("{n} in {l:?}"))
    };
    assert!(pos("name") < pos("az_count") && pos("cidr_block") < pos("tags"));
    assert!(pos("flow_log_role_arn") < pos("source"));
    let name = &c.items[pos("name")];
    assert_eq!(name.detail.as_deref(), Some("string · required"));
    assert_eq!(
        c.items[pos("az_count")].detail.as_deref(),
        Some("number · optional")
    );
    assert!(l.contains(&"for_each") && l.contains(&"providers"));
}

#[test]
fn static_blocks_and_tfvars() {
    let (mut ws, root) = demo();
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "variable \"x\" {\n  |\n}\n");
    let l = labels(&c);
    assert!(l.contains(&"type") && l.contains(&"default") && l.contains(&"validation"));
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "terraform {\n  required_providers {\n    |\n",
    );
    let aws = c.items.iter().find(|i| i.label == "aws").unwrap();
    assert!(
        aws.insert_text.contains("source  = \"hashicorp/aws\""),
        "{}",
        aws.insert_text
    );
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "provider \"aws\" {\n  |\n}\n");
    let l = labels(&c);
    assert!(l.contains(&"region") && l.contains(&"default_tags") && l.contains(&"alias"));
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "terraform.tfvars",
        "environment = \"x\"\ncost|\n",
    );
    assert_eq!(labels(&c), ["cost_center"]);
    assert_eq!(c.items[0].insert_text, "cost_center = ${1}");
}

#[test]
fn completion_with_the_corpus_google_and_azurerm_schemas() {
    let dir = corpora().join("plans/schemas/python-hcl2");
    let (Ok(g), Ok(a)) = (
        std::fs::read(dir.join("google-v4.27.0.schema.json")),
        std::fs::read(dir.join("azurerm-v2.93.1.schema.json")),
    ) else {
        println!("skipped: corpus schemas not found");
        return;
    };
    let (mut ws, root) = demo();
    ws.merge_provider_schemas(ProviderSchemas::from_terraform_json(&g).unwrap());
    ws.merge_provider_schemas(ProviderSchemas::from_terraform_json(&a).unwrap());
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"google_compute_inst|",
    );
    assert!(labels(&c).contains(&"google_compute_instance_template"));
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"google_compute_instance\" \"vm\" {\n  |\n}\n",
    );
    let l = labels(&c);
    // Required arguments and blocks first.
    let required: Vec<&str> = c
        .items
        .iter()
        .take_while(|i| i.detail.as_deref().is_some_and(|d| d.contains("required")))
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(
        required,
        ["machine_type", "name", "boot_disk", "network_interface"],
        "{l:?}"
    );
    let (c, _) = complete_in(&mut ws, &root, "scratch.tf", "resource \"google_compute_instance\" \"vm\" {\n  boot_disk {\n    initialize_params {\n      |\n");
    assert!(labels(&c).contains(&"image"));
    // azurerm 2.93.1 replaced the bundled hand-written storage account schema.
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"azurerm_storage_account\" \"s\" {\n  allow_b|\n}\n",
    );
    assert_eq!(labels(&c), ["allow_blob_public_access"]);
    let (c, _) = complete_in(
        &mut ws,
        &root,
        "scratch.tf",
        "resource \"azurerm_api_management_diagnostic\" \"d\" {\n  |\n}\n",
    );
    let enabled = c.items.iter().find(|i| i.label == "enabled").unwrap();
    assert!(enabled.deprecated);
    let pos = |n: &str| c.items.iter().position(|i| i.label == n).unwrap();
    assert!(
        pos("enabled") > pos("timeouts"),
        "deprecated after every current argument and block"
    );
}
