//! Rename: edits per file across module boundaries, validation, and the property that a
//! rename applied and re-indexed finds as many references under the new name and none under
//! the old one (on real-world modules).

mod common;

use common::*;
use orbis_lang::{LangWorkspace, RenameError, RenamePlan, SymbolKey, SymbolKind};
use std::path::Path;

const PARENT: &str = r#"variable "region" {
  type = string
}

module "child" {
  source = "./modules/child"
  region = var.region
  zone   = "a"
}

output "where" {
  value = "${module.child.region_out} in ${var.region}"
}
"#;

const CHILD_VARS: &str = r#"variable "region" {
  type        = string
  description = "Region to deploy into."
}

variable "zone" {
  type    = string
  default = null
}

variable "zone_hint" {
  type    = string
  default = null
}
"#;

const CHILD_MAIN: &str = r#"locals {
  r = var.region
}

resource "aws_s3_bucket" "b" {
  bucket = "b-${var.region}-${local.r}"
}

output "region_out" {
  value = var.region
}

output "bucket_arn" {
  value = aws_s3_bucket.b.arn
}
"#;

fn fixture() -> (tempfile::TempDir, LangWorkspace) {
    let dir = temp_workspace(&[
        ("main.tf", PARENT),
        ("modules/child/variables.tf", CHILD_VARS),
        ("modules/child/main.tf", CHILD_MAIN),
    ]);
    let ws = LangWorkspace::load(dir.path());
    (dir, ws)
}

/// Applies a plan to the workspace's texts (as the app would), checking that every edited
/// span held the old name, and returns the new texts.
fn apply(ws: &mut LangWorkspace, plan: &RenamePlan) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    for f in &plan.files {
        let mut text = ws.file(&f.path).unwrap().source.clone();
        for e in f.edits.iter().rev() {
            assert_eq!(
                &text[e.span.range()],
                plan.old_name,
                "{} at {}",
                f.path.display(),
                e.span.start
            );
            text.replace_range(e.span.range(), &e.new_text);
        }
        ws.update_text(&f.path, &text);
        out.push((f.path.clone(), text));
    }
    out
}

fn rel_files(dir: &Path, plan: &RenamePlan) -> Vec<(String, usize)> {
    plan.files
        .iter()
        .map(|f| {
            (
                f.path.strip_prefix(dir).unwrap().display().to_string(),
                f.edits.len(),
            )
        })
        .collect()
}

#[test]
fn renaming_a_child_variable_edits_the_child_and_the_parents_argument_name() {
    let (dir, mut ws) = fixture();
    let vars = dir.path().join("modules/child/variables.tf");
    let at = offset_of(CHILD_VARS, "\"region\"", 0, 1);
    let plan = ws.rename(&vars, at, "location").unwrap();
    assert_eq!(plan.symbol, "variable region");
    assert_eq!(
        rel_files(dir.path(), &plan),
        [
            ("main.tf".to_string(), 1),
            ("modules/child/main.tf".to_string(), 3),
            ("modules/child/variables.tf".to_string(), 1),
        ]
    );
    let texts = apply(&mut ws, &plan);
    let parent = &texts[0].1;
    assert!(parent.contains("  location = var.region\n"), "{parent}");
    // The parent's own variable is untouched.
    assert!(parent.contains("variable \"region\""));
    assert!(parent.contains("in ${var.region}"));
    let child = &texts[1].1;
    assert_eq!(child.matches("var.location").count(), 3, "{child}");
    assert!(texts[2].1.starts_with("variable \"location\" {"));
    // Re-indexed: same references under the new name, none under the old.
    let key = |name: &str| SymbolKey {
        module_dir: dir.path().join("modules/child"),
        kind: SymbolKind::Variable,
        name: name.into(),
    };
    assert_eq!(ws.references_of(&key("location"), false).len(), 4);
    assert!(ws.references_of(&key("region"), false).is_empty());
}

#[test]
fn renaming_the_parents_variable_edits_the_parent_only() {
    let (dir, ws) = fixture();
    let main = dir.path().join("main.tf");
    let at = offset_of(PARENT, "var.region", 0, 5);
    let plan = ws.rename(&main, at, "var.home_region").unwrap();
    assert_eq!(plan.new_name, "home_region", "the var. prefix is accepted");
    assert_eq!(rel_files(dir.path(), &plan), [("main.tf".to_string(), 3)]);
    // The module argument's name is not part of it; its value is.
    let starts: Vec<u32> = plan.files[0].edits.iter().map(|e| e.span.start).collect();
    let arg_name = offset_of(PARENT, "  region = var", 0, 2) as u32;
    assert!(!starts.contains(&arg_name));
}

#[test]
fn renaming_an_output_edits_module_references_in_the_parent() {
    let (dir, mut ws) = fixture();
    let main = dir.path().join("main.tf");
    let at = offset_of(PARENT, "module.child.region_out", 0, 15);
    let plan = ws.rename(&main, at, "region_name").unwrap();
    assert_eq!(plan.symbol, "output region_out");
    assert_eq!(
        rel_files(dir.path(), &plan),
        [
            ("main.tf".to_string(), 1),
            ("modules/child/main.tf".to_string(), 1)
        ]
    );
    let texts = apply(&mut ws, &plan);
    assert!(texts[0].1.contains("module.child.region_name"));
    assert!(texts[1].1.contains("output \"region_name\""));
}

#[test]
fn renaming_resources_locals_and_module_calls() {
    let (dir, ws) = fixture();
    let child = dir.path().join("modules/child/main.tf");
    // A resource: from a reference's attribute position; the type prefix is accepted.
    let at = offset_of(CHILD_MAIN, "aws_s3_bucket.b.arn", 0, 16);
    let plan = ws.rename(&child, at, "aws_s3_bucket.logs").unwrap();
    assert_eq!(
        (plan.old_name.as_str(), plan.new_name.as_str()),
        ("b", "logs")
    );
    assert_eq!(plan.edit_count(), 2);
    assert!(plan.warnings[0].contains("moved"), "{:?}", plan.warnings);
    // A local.
    let at = offset_of(CHILD_MAIN, "local.r", 0, 6);
    let plan = ws.rename(&child, at, "reg").unwrap();
    assert_eq!(plan.edit_count(), 2);
    // A module call: its label and `module.child.` uses.
    let main = dir.path().join("main.tf");
    let at = offset_of(PARENT, "module \"child\"", 0, 9);
    let plan = ws.rename(&main, at, "kid").unwrap();
    assert_eq!(plan.edit_count(), 2);
    assert!(plan.warnings[0].contains("module.child"));
}

#[test]
fn invalid_names_and_clashes_are_refused_with_a_message() {
    let (dir, ws) = fixture();
    let vars = dir.path().join("modules/child/variables.tf");
    let at = offset_of(CHILD_VARS, "\"region\"", 0, 1);
    let err = |name: &str| ws.rename(&vars, at, name).unwrap_err();
    assert!(matches!(err("9lives"), RenameError::InvalidName(_)));
    assert!(matches!(err("a b"), RenameError::InvalidName(_)));
    assert!(matches!(err(""), RenameError::InvalidName(_)));
    assert!(matches!(err("region"), RenameError::InvalidName(_)));
    let e = err("count");
    assert!(e.to_string().contains("reserved"), "{e}");
    let e = err("zone_hint");
    assert!(matches!(e, RenameError::Clash(_)));
    assert!(
        e.to_string().contains("already exists") && e.to_string().contains("variables.tf:11"),
        "{e}"
    );
    // `zone_hint` → `zone`: a variable `zone` exists too.
    let at_hint = offset_of(CHILD_VARS, "\"zone_hint\"", 0, 1);
    assert!(matches!(
        ws.rename(&vars, at_hint, "zone"),
        Err(RenameError::Clash(_))
    ));
    // Nothing at the cursor.
    let e = ws.rename(&vars, 0, "x").unwrap_err();
    assert!(e.is_no_symbol(), "{e}");
    // A reference to an undeclared variable.
    let dir2 = temp_workspace(&[("main.tf", "output \"o\" {\n  value = var.nope\n}\n")]);
    let ws2 = LangWorkspace::load(dir2.path());
    let at = offset_of("output \"o\" {\n  value = var.nope\n}\n", "var.nope", 0, 5);
    assert!(matches!(
        ws2.rename(&dir2.path().join("main.tf"), at, "yes"),
        Err(RenameError::NotDeclared(_))
    ));
}

#[test]
fn a_module_call_already_setting_the_new_argument_name_is_a_clash() {
    let dir = temp_workspace(&[
        (
            "main.tf",
            "module \"c\" {\n  source = \"./c\"\n  size   = 1\n  count_hint = 2\n}\n",
        ),
        ("c/variables.tf", "variable \"count_hint\" {}\n"),
    ]);
    let ws = LangWorkspace::load(dir.path());
    let p = dir.path().join("c/variables.tf");
    let e = ws.rename(&p, 12, "size").unwrap_err();
    assert!(matches!(e, RenameError::Clash(_)), "{e}");
    assert!(e.to_string().contains("module \"c\""), "{e}");
}

/// Renames every symbol of one kind with references in a real module folder, checks the
/// counts after re-indexing, then renames back.
fn rename_round_trip(root: &Path, kind: SymbolKind, max: usize) -> usize {
    let mut ws = LangWorkspace::load(root);
    let hits = ws.workspace_symbols("", usize::MAX);
    let mut done = 0;
    for h in hits.iter().filter(|h| h.kind == kind) {
        if done == max {
            break;
        }
        let key = SymbolKey {
            module_dir: h.module_dir.clone(),
            kind,
            name: h.name.clone(),
        };
        let before = ws.references_of(&key, false).len();
        if before == 0 || ws.definitions_of(&key).len() != 1 {
            continue;
        }
        let new_short = format!("{}_renamed", h.name.rsplit('.').next().unwrap());
        let plan = match ws.rename(&h.path, h.name_span.start as usize, &new_short) {
            Ok(p) => p,
            Err(RenameError::Clash(_)) => continue,
            Err(e) => panic!("{}: {e}", h.name),
        };
        assert_eq!(plan.edit_count(), before + 1, "{} {:?}", h.name, kind);
        let errors_before: usize = plan
            .files
            .iter()
            .map(|f| ws.file(&f.path).unwrap().diagnostics.len())
            .sum();
        apply(&mut ws, &plan);
        let errors_after: usize = plan
            .files
            .iter()
            .map(|f| ws.file(&f.path).unwrap().diagnostics.len())
            .sum();
        assert_eq!(errors_before, errors_after, "the rename broke the syntax");
        let new_key = SymbolKey {
            name: match h.name.split_once('.') {
                Some((t, _)) => format!("{t}.{new_short}"),
                None => new_short.clone(),
            },
            ..key.clone()
        };
        assert_eq!(
            ws.references_of(&new_key, false).len(),
            before,
            "{}",
            h.name
        );
        assert!(ws.references_of(&key, false).is_empty(), "{}", h.name);
        // And back.
        let def = ws.definitions_of(&new_key).remove(0);
        let old_short = h.name.rsplit('.').next().unwrap();
        let back = ws
            .rename(&def.path, def.name_span.start as usize, old_short)
            .unwrap();
        apply(&mut ws, &back);
        assert_eq!(ws.references_of(&key, false).len(), before);
        done += 1;
    }
    done
}

#[test]
fn rename_then_reindex_keeps_the_reference_count_on_realworld_modules() {
    let repos = [
        "terraform-aws-modules__terraform-aws-s3-bucket",
        "terraform-aws-modules__terraform-aws-vpc",
    ];
    for repo in repos {
        let root = realworld().join(repo);
        if !root.is_dir() {
            println!("skipped: {} not found", root.display());
            return;
        }
        let mut total = 0;
        for kind in [
            SymbolKind::Variable,
            SymbolKind::Local,
            SymbolKind::Resource,
            SymbolKind::DataSource,
            SymbolKind::Module,
            SymbolKind::Output,
        ] {
            total += rename_round_trip(&root, kind, 6);
        }
        println!("{repo}: {total} symbols renamed and renamed back");
        assert!(total >= 20, "{repo}: only {total}");
    }
}
