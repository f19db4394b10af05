//! The offline validator on small hand-written projects: a clean one passes, a broken one is
//! reported with file and line for each kind of mistake.

use orbis_generator::validate::validate_dir;
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A child module with a required input, an optional one and an output.
fn child(dir: &Path) {
    write(
        dir,
        "modules/net/variables.tf",
        "variable \"name\" {\n  type = string\n}\n\nvariable \"zones\" {\n  type    = list(string)\n  default = []\n}\n\nvariable \"size\" {\n  type    = number\n  default = 1\n}\n",
    );
    write(
        dir,
        "modules/net/main.tf",
        "resource \"null_resource\" \"this\" {\n  triggers = { name = var.name, zones = join(\",\", var.zones) }\n}\n\noutput \"id\" {\n  value = null_resource.this.id\n}\n",
    );
}

#[test]
fn a_consistent_project_has_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    child(dir.path());
    write(
        dir.path(),
        "main.tf",
        "locals {\n  name = \"demo\"\n}\n\ndata \"aws_region\" \"current\" {}\n\nmodule \"net\" {\n  source = \"./modules/net\"\n\n  name  = \"${local.name}-${data.aws_region.current.name}\"\n  zones = [for z in [\"a\", \"b\"] : \"x${z}\"]\n  size  = \"3\"\n}\n\noutput \"id\" {\n  value = module.net.id\n}\n",
    );
    let problems = validate_dir(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_broken_project_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    child(dir.path());
    let main = "\
module \"net\" {
  source = \"./modules/net\"

  zones   = \"a\"
  size    = [1]
  colour  = \"blue\"
}

output \"id\" {
  value = module.net.identifier
}

output \"region\" {
  value = data.aws_region.current.name
}

output \"name\" {
  value = \"${local.missing}-${var.nope}\"
}

module \"gone\" {
  source = \"./modules/gone\"
}

resource \"aws_s3_bucket\" \"b\" {
  bucket = aws_kms_key.k.arn
}
";
    write(dir.path(), "main.tf", main);
    write(
        dir.path(),
        "broken.tf",
        "resource \"x\" \"y\" {\n  a = \n}\n",
    );
    let problems = validate_dir(dir.path());
    let text: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}:{}: {}",
                p.file.file_name().unwrap().to_string_lossy(),
                p.line,
                p.message
            )
        })
        .collect();
    let expect = [
        "main.tf:1: module net: required input \"name\" is not set",
        "main.tf:4: module net: input zones is list(string), but the value is a string",
        "main.tf:5: module net: input size is number, but the value is a list",
        "main.tf:6: module net: \"colour\" is not an input of the module",
        "main.tf:10: module.net.identifier: the module has no output \"identifier\"",
        "main.tf:14: data.aws_region.current is not declared",
        "main.tf:18: local.missing is not declared",
        "main.tf:18: var.nope is not declared",
        "main.tf:21: module gone: source folder",
        "main.tf:26: aws_kms_key.k is not declared",
        "broken.tf:2: ",
    ];
    for e in expect {
        assert!(
            text.iter().any(|t| t.starts_with(e)),
            "missing {e:?} in:\n{}",
            text.join("\n")
        );
    }
    // Display gives `path:line: message`, as compilers do.
    let shown = problems
        .iter()
        .find(|p| p.message.contains("colour"))
        .unwrap()
        .to_string();
    assert!(
        shown.ends_with("main.tf:6: module net: \"colour\" is not an input of the module"),
        "{shown}"
    );
}

#[test]
fn duplicates_and_a_missing_folder_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.tf",
        "locals {\n  x = 1\n}\n\nresource \"aws_vpc\" \"v\" {}\n",
    );
    write(
        dir.path(),
        "b.tf",
        "locals {\n  x = 2\n}\n\nresource \"aws_vpc\" \"v\" {}\n",
    );
    let problems = validate_dir(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.message == "local.x is declared twice"),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.message == "aws_vpc.v is declared twice"),
        "{problems:#?}"
    );
    let missing = validate_dir(&dir.path().join("nothing-here"));
    assert_eq!(missing.len(), 1, "{missing:#?}");
}
