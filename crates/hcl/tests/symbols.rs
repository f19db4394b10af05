//! Symbol index across files and a local child module: definitions, references with spans,
//! and lookup of the symbol under a cursor.

use orbis_hcl::{Module, ModuleOptions, SymbolIndex, SymbolKey, SymbolKind};
use std::fs;
use std::path::Path;

fn key(dir: &Path, kind: SymbolKind, name: &str) -> SymbolKey {
    SymbolKey {
        module_dir: dir.to_path_buf(),
        kind,
        name: name.to_string(),
    }
}

#[test]
fn definitions_and_references_across_files_and_modules() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    fs::create_dir_all(d.join("child")).expect("mkdir");
    fs::write(d.join("variables.tf"), "variable \"env\" {}\n").expect("write");
    fs::write(
        d.join("main.tf"),
        r#"locals {
  name = "${var.env}-x"
}
resource "aws_s3_bucket" "b" {
  bucket = local.name
  dynamic "grant" {
    for_each = [1]
    content { id = grant.value }
  }
}
data "aws_iam_policy_document" "p" {}
resource "aws_s3_bucket_policy" "bp" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
}
module "c" {
  source = "./child"
  input  = var.env
}
output "o" { value = module.c.out }
"#,
    )
    .expect("write");
    fs::write(
        d.join("child/main.tf"),
        "variable \"input\" {}\noutput \"out\" { value = var.input }\n",
    )
    .expect("write");
    let m = Module::load(d, &ModuleOptions::default());
    let idx = SymbolIndex::build(&m);
    let main = d.join("main.tf");
    let src = fs::read_to_string(&main).expect("read");
    let text = |s: &orbis_hcl::Span| src[s.range()].to_string();

    let env = key(d, SymbolKind::Variable, "env");
    let def = idx.definition(&env).expect("var.env definition");
    assert!(def.file.ends_with("variables.tf"));
    assert_eq!(def.name_span.line(), 1);
    let uses: Vec<String> = idx
        .references_of(&env)
        .iter()
        .map(|o| text(&o.span))
        .collect();
    assert_eq!(uses, vec!["var.env", "var.env"]);

    let bucket = key(d, SymbolKind::Resource, "aws_s3_bucket.b");
    assert_eq!(
        idx.references_of(&bucket)
            .iter()
            .map(|o| text(&o.span))
            .collect::<Vec<_>>(),
        vec!["aws_s3_bucket.b"]
    );
    assert_eq!(
        text(&idx.definition(&bucket).expect("bucket def").name_span),
        "\"b\""
    );
    let data = key(d, SymbolKind::DataSource, "aws_iam_policy_document.p");
    assert_eq!(
        idx.references_of(&data)
            .iter()
            .map(|o| text(&o.span))
            .collect::<Vec<_>>(),
        vec!["data.aws_iam_policy_document.p"]
    );
    let local = key(d, SymbolKind::Local, "name");
    assert_eq!(idx.references_of(&local).len(), 1);
    assert!(idx
        .definition(&key(d, SymbolKind::Resource, "grant.value"))
        .is_none());
    assert!(
        idx.references_of(&key(d, SymbolKind::Resource, "grant.value"))
            .is_empty(),
        "dynamic iterators are not resources"
    );

    // Across the module boundary: the call argument names the child's variable, and
    // `module.c.out` refers to the child's output.
    let child_dir = d.join("./child");
    let input = key(&child_dir, SymbolKind::Variable, "input");
    let in_main: Vec<String> = idx
        .references_of(&input)
        .iter()
        .filter(|o| o.file == main)
        .map(|o| text(&o.span))
        .collect();
    assert_eq!(in_main, vec!["input"]);
    assert_eq!(
        idx.references_of(&input).len(),
        2,
        "the call argument and `var.input` inside the child"
    );
    assert!(idx
        .definition(&input)
        .is_some_and(|d| d.file.ends_with("child/main.tf")));
    let out = key(&child_dir, SymbolKind::Output, "out");
    assert_eq!(
        idx.references_of(&out)
            .iter()
            .map(|o| text(&o.span))
            .collect::<Vec<_>>(),
        vec!["module.c.out"]
    );

    // The symbol under a cursor: inside `local.name` on line 5.
    let at = src.find("local.name").expect("ref") + 7;
    assert_eq!(idx.symbol_at(&main, at), Some(&local));
    let at_out = src.find("module.c.out").expect("ref") + 10;
    assert_eq!(idx.symbol_at(&main, at_out), Some(&out));
}
