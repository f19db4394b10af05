//! `orbis fmt` end to end: the built binary on temporary folders and on a real module of the
//! shared corpus. Exit codes: 0 done or nothing to change, 1 `--check` found files to change,
//! 2 syntax, read/write or usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn orbis(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run orbis")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

const MESSY: &str = "resource aws_s3_bucket b {\nbucket=\"x\"\n    acl   = \"${var.acl}\"\n}\n";
const CLEAN: &str = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl    = var.acl\n}\n";

/// A folder with files to format, a clean one, and places `orbis fmt` must not look into.
fn workspace() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "main.tf", MESSY);
    write(d, "clean.tf", CLEAN);
    write(d, "vars.tfvars", "region=\"eu-west-1\"\n");
    write(
        d,
        "modules/net/net.tf",
        "variable \"cidr\" {\ntype = \"string\"\n}\n",
    );
    write(d, "tests/a.tftest.hcl", "run \"a\" {\ncommand=plan\n}\n");
    for skipped in [
        ".terraform/modules/x/main.tf",
        ".git/x.tf",
        "node_modules/pkg/main.tf",
        ".terragrunt-cache/abc/main.tf",
        "backup.tf~",
        "terragrunt.hcl",
        "main.tf.json",
    ] {
        write(d, skipped, "a=1\n");
    }
    tmp
}

#[test]
fn check_lists_files_to_change_exits_1_and_writes_nothing() {
    let ws = workspace();
    let out = orbis(&["fmt", "--check"], ws.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "main.tf\nmodules/net/net.tf\ntests/a.tftest.hcl\nvars.tfvars\n"
    );
    assert_eq!(read(&ws.path().join("main.tf")), MESSY);
    assert_eq!(
        read(&ws.path().join(".terraform/modules/x/main.tf")),
        "a=1\n"
    );
    // A clean file alone: exit 0, nothing printed.
    let out = orbis(&["fmt", "--check", "clean.tf"], ws.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn rewrites_in_place_keeping_permissions_and_lists_changed_files() {
    let ws = workspace();
    let main = ws.path().join("main.tf");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&main, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = orbis(&["fmt", "."], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "main.tf\nmodules/net/net.tf\ntests/a.tftest.hcl\nvars.tfvars\n"
    );
    assert_eq!(read(&main), CLEAN);
    assert_eq!(
        read(&ws.path().join("modules/net/net.tf")),
        "variable \"cidr\" {\n  type = string\n}\n"
    );
    assert_eq!(
        read(&ws.path().join("vars.tfvars")),
        "region = \"eu-west-1\"\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&main).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Skipped places are untouched and no temporary file is left behind.
    assert_eq!(read(&ws.path().join("node_modules/pkg/main.tf")), "a=1\n");
    assert_eq!(read(&ws.path().join("terragrunt.hcl")), "a=1\n");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("orbis-fmt"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Second run: nothing left to do.
    let again = orbis(&["fmt", "--check", "."], ws.path());
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}

#[test]
fn syntax_errors_exit_2_and_leave_the_file_alone() {
    let ws = workspace();
    let bad = write(ws.path(), "bad.tf", "resource \"a\" \"b\" {\n  x = [1,\n");
    let out = orbis(&["fmt", "."], ws.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error[HCL001]: bad.tf:3:1:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(read(&bad), "resource \"a\" \"b\" {\n  x = [1,\n");
    // The other files were still formatted.
    assert_eq!(read(&ws.path().join("main.tf")), CLEAN);
    // --check with a syntax error: 2 wins over 1.
    write(ws.path(), "main.tf", MESSY);
    assert_eq!(orbis(&["fmt", "--check"], ws.path()).status.code(), Some(2));
}

#[test]
fn diff_prints_a_unified_diff() {
    let ws = workspace();
    let out = orbis(&["fmt", "--check", "--diff", "main.tf"], ws.path());
    assert_eq!(out.status.code(), Some(1));
    // The same text as `terraform fmt -check -diff main.tf` prints.
    assert_eq!(
        stdout(&out),
        "main.tf\n--- old/main.tf\n+++ new/main.tf\n@@ -1,4 +1,4 @@\n\
         -resource aws_s3_bucket b {\n-bucket=\"x\"\n-    acl   = \"${var.acl}\"\n\
         +resource \"aws_s3_bucket\" \"b\" {\n+  bucket = \"x\"\n+  acl    = var.acl\n }\n"
    );
    assert_eq!(
        read(&ws.path().join("main.tf")),
        MESSY,
        "--check writes nothing"
    );
}

#[test]
fn standard_input_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_orbis"))
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["fmt", "-"], MESSY);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), CLEAN);
    // Like `terraform fmt -`, the output ends with a newline.
    assert_eq!(stdout(&run(&["fmt", "-"], "a=1")), "a = 1\n");
    let check = run(&["fmt", "--check", "-"], MESSY);
    assert_eq!(
        (check.status.code(), stdout(&check)),
        (Some(1), String::new())
    );
    let check = run(&["fmt", "--check", "-"], CLEAN);
    assert_eq!(check.status.code(), Some(0));
    let bad = run(&["fmt", "-"], "a = \n");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stdout(&bad), "");
    assert!(
        stderr(&bad).contains("error[HCL001]: <stdin>:1:5:"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn no_recursive_formats_only_the_folder_itself() {
    let ws = workspace();
    let out = orbis(&["fmt", "--check", "--no-recursive"], ws.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "main.tf\nvars.tfvars\n");
}

#[test]
fn usage_errors_exit_2() {
    let ws = workspace();
    let out = orbis(&["fmt", "main.tf.json"], ws.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("only .tf, .tfvars"),
        "{}",
        stderr(&out)
    );
    let out = orbis(&["fmt", "missing-folder"], ws.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no file or folder at missing-folder"));
    let out = orbis(&["fmt", "-", "main.tf"], ws.path());
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_stays_a_symlink() {
    let ws = workspace();
    let real = write(ws.path(), "real/target.tf", "a=1\n");
    let link = ws.path().join("link.tf");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = orbis(&["fmt", "link.tf"], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(read(&real), "a = 1\n");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A real module: every file without heredocs or block comments loses its indentation, then
/// `orbis fmt` rewrites the folder back to the original bytes, listing exactly those files.
#[test]
fn restores_a_real_module_from_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/corpora/realworld/terraform-aws-modules__terraform-aws-dynamodb-table",
    );
    if !corpus.is_dir() {
        println!("SKIPPED: shared corpus not found at {}", corpus.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("module");
    copy_tree(&corpus, &dir);
    let mut originals = Vec::new();
    let mut stripped = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.to_string_lossy().into_owned();
            if !(name.ends_with(".tf") || name.ends_with(".tfvars")) {
                continue;
            }
            let text = read(&p);
            originals.push((p.clone(), text.clone()));
            if text.contains("<<") || text.contains("/*") {
                continue;
            }
            let variant: String = text
                .split_inclusive('\n')
                .map(|l| l.trim_start_matches([' ', '\t']))
                .collect();
            if variant != text {
                std::fs::write(&p, variant).unwrap();
                stripped.push(p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    assert!(
        stripped.len() > 10,
        "only {} files stripped",
        stripped.len()
    );
    let out = orbis(&["fmt", "module"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut listed: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.trim_start_matches("module/").to_string())
        .collect();
    listed.sort();
    stripped.sort();
    assert_eq!(listed, stripped);
    for (p, text) in &originals {
        assert_eq!(&read(p), text, "{} not restored", p.display());
    }
    let check = orbis(&["fmt", "--check", "module"], tmp.path());
    assert_eq!(
        (check.status.code(), stdout(&check)),
        (Some(0), String::new())
    );
}
