//! Language features and Format Document through `Session`, on real files: temporary copies
//! of the demo workspace and of a real-world module repository (cross-module navigation and
//! rename), the real terraform binary for provider schemas and `terraform fmt` (skipped with
//! a message when it is not on PATH). Positions are UTF-16 offsets, as the UI sends them.

use orbis_app::editor::dto::{CompletionKind, Location, TextChange};
use orbis_app::editor::schemas::SchemaSource;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Ws {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    session: Session,
}

fn session() -> Session {
    Session::new(Store::open_in_memory().unwrap(), None)
}

/// A fresh copy of the demo workspace, opened in a new session.
fn demo_copy() -> Ws {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    let session = session();
    session.open_workspace(&root).unwrap();
    let root = root.canonicalize().unwrap();
    Ws {
        _tmp: tmp,
        root,
        session,
    }
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// UTF-16 offset of the first `needle` after `anchor` (plus `into` bytes into the needle).
fn offset_of(text: &str, anchor: &str, needle: &str, into: usize) -> u32 {
    let base = text.find(anchor).expect("anchor present");
    let at = base + text[base..].find(needle).expect("needle present") + into;
    utf16_len(&text[..at])
}

/// The text of a UTF-16 range.
fn slice16(text: &str, from: u32, to: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[from as usize..to as usize]).unwrap()
}

/// Applies UTF-16 changes (sorted, offsets into the original) as the editor does.
fn apply16(text: &str, changes: &[TextChange]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out: Vec<u16> = Vec::new();
    let mut at = 0usize;
    for c in changes {
        assert!(c.from as usize >= at, "changes sorted and apart");
        out.extend_from_slice(&units[at..c.from as usize]);
        out.extend(c.insert.encode_utf16());
        at = c.to as usize;
    }
    out.extend_from_slice(&units[at..]);
    String::from_utf16(&out).unwrap()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn paths(locs: &[Location]) -> Vec<&str> {
    locs.iter().map(|l| l.path.as_str()).collect()
}

fn terraform() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("terraform"))
        .find(|p| p.is_file())
}

#[test]
fn definition_references_and_hover_of_a_variable() {
    let ws = demo_copy();
    let main = read(&ws.root, "main.tf");
    let at = offset_of(&main, "instance_type          =", "var.instance_type", 6);
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert_eq!(paths(&defs), ["variables.tf"]);
    let variables = read(&ws.root, "variables.tf");
    let d = &defs[0];
    assert_eq!(
        slice16(&variables, d.range.from, d.range.to),
        "instance_type"
    );
    assert_eq!(d.preview, "variable \"instance_type\" {");
    let line = variables[..variables.find("variable \"instance_type\"").unwrap()]
        .lines()
        .count() as u32
        + 1;
    assert_eq!((d.range.line, d.range.column), (line, 11));

    // References: the declaration, the use in main.tf and the tfvars entry.
    let refs = ws.session.references("main.tf", at).unwrap();
    assert_eq!(
        paths(&refs),
        ["main.tf", "terraform.tfvars", "variables.tf"]
    );
    assert_eq!(
        refs[0].preview,
        "instance_type          = var.instance_type"
    );
    assert_eq!(refs[1].preview, "instance_type = \"t3.medium\"");
    // A reference's range covers it through the name; the others are the name.
    let texts: Vec<String> = refs
        .iter()
        .map(|r| slice16(&read(&ws.root, &r.path), r.range.from, r.range.to))
        .collect();
    assert_eq!(
        texts,
        ["var.instance_type", "instance_type", "instance_type"]
    );

    let hover = ws.session.hover("main.tf", at).unwrap().expect("hover");
    assert!(
        hover
            .markdown
            .contains("EC2 instance type of the web server."),
        "{}",
        hover.markdown
    );
    assert!(hover.markdown.contains("t3.small"), "{}", hover.markdown);
    assert_eq!(
        slice16(&main, hover.range.from, hover.range.to),
        "var.instance_type"
    );

    // No symbol at the cursor: a clear answer, not a failure.
    let blank = offset_of(&main, "locals {", "{", 0);
    let err = ws.session.definition("main.tf", blank).unwrap_err();
    assert_eq!(err.code, ErrorCode::NoSymbol);
    assert_eq!(
        ws.session.references("main.tf", blank).unwrap_err().code,
        ErrorCode::NoSymbol
    );
    assert_eq!(ws.session.hover("main.tf", blank).unwrap(), None);
    // Past the end of the text.
    let err = ws.session.definition("main.tf", 1_000_000).unwrap_err();
    assert_eq!(err.code, ErrorCode::DocumentOutOfSync);
    // Outside the workspace.
    let err = ws.session.definition("../x.tf", 0).unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideWorkspace);
}

#[test]
fn definition_across_a_module_call_and_from_an_open_dirty_buffer() {
    let ws = demo_copy();
    let main = read(&ws.root, "main.tf");
    // module.network.vpc_id → the child's output.
    let at = offset_of(&main, "vpc_id      = module.network.vpc_id", "vpc_id\n", 0);
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert_eq!(paths(&defs), ["modules/network/outputs.tf"]);
    assert_eq!(defs[0].preview, "output \"vpc_id\" {");

    // A variable added in the open buffer of variables.tf (unsaved) is found from main.tf.
    let doc = ws.session.open_document("variables.tf").unwrap();
    let end = utf16_len(&doc.text);
    ws.session
        .edit_document(
            "variables.tf",
            0,
            &[TextChange {
                from: end,
                to: end,
                insert: "\nvariable \"unsaved\" {\n  description = \"Only in the buffer.\"\n}\n"
                    .into(),
            }],
        )
        .unwrap();
    let main_doc = ws.session.open_document("main.tf").unwrap();
    let end = utf16_len(&main_doc.text);
    ws.session
        .edit_document(
            "main.tf",
            0,
            &[TextChange {
                from: end,
                to: end,
                insert: "\noutput \"u\" {\n  value = var.unsaved\n}\n".into(),
            }],
        )
        .unwrap();
    let text = format!(
        "{}\noutput \"u\" {{\n  value = var.unsaved\n}}\n",
        main_doc.text
    );
    let at = offset_of(&text, "value = var.unsaved", "unsaved", 2);
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert_eq!(paths(&defs), ["variables.tf"]);
    assert_eq!(defs[0].preview, "variable \"unsaved\" {");

    // Closed without saving: the model is back to the disk, where it does not exist.
    ws.session.close_document("variables.tf").unwrap();
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert!(defs.is_empty(), "{defs:?}");
}

#[test]
fn rename_preview_lists_every_file_and_apply_updates_buffers_and_disk() {
    let ws = demo_copy();
    let main = read(&ws.root, "main.tf");
    let at = offset_of(&main, "instance_type          =", "var.instance_type", 4);
    let preview = ws
        .session
        .rename_preview("main.tf", at, "web_instance_type")
        .unwrap();
    assert_eq!(preview.symbol, "variable instance_type");
    assert_eq!(preview.old_name, "instance_type");
    assert_eq!(preview.new_name, "web_instance_type");
    let files: Vec<&str> = preview.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(files, ["main.tf", "terraform.tfvars", "variables.tf"]);
    let main_edits = &preview.files[0];
    assert_eq!(main_edits.changes.len(), 1);
    assert_eq!(
        main_edits.previews[0].before,
        "instance_type          = var.instance_type"
    );
    assert_eq!(
        main_edits.previews[0].after,
        "instance_type          = var.web_instance_type"
    );
    // Nothing changed yet.
    assert_eq!(read(&ws.root, "main.tf"), main);

    // Invalid names are refused with the reason.
    for bad in ["9lives", "two words", "", "region", "source"] {
        let err = ws.session.rename_preview("main.tf", at, bad).unwrap_err();
        assert_eq!(err.code, ErrorCode::RenameInvalid, "{bad:?}: {err:?}");
        assert!(!err.hint.is_empty());
    }
    let err = ws
        .session
        .rename_preview("main.tf", at, "region")
        .unwrap_err();
    assert!(err.message.contains("already exists"), "{}", err.message);
    let err = ws
        .session
        .apply_rename("main.tf", at, "9lives")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::RenameInvalid);
    assert_eq!(read(&ws.root, "main.tf"), main);

    // Apply with variables.tf open: its buffer changes (dirty), main.tf and the tfvars are
    // written.
    let variables_before = read(&ws.root, "variables.tf");
    let doc = ws.session.open_document("variables.tf").unwrap();
    assert_eq!(doc.version, 0);
    let result = ws
        .session
        .apply_rename("main.tf", at, "web_instance_type")
        .unwrap();
    assert_eq!(result.written, ["main.tf", "terraform.tfvars"]);
    assert_eq!(result.updated.len(), 1);
    let updated = &result.updated[0];
    assert_eq!(updated.path, "variables.tf");
    assert_eq!(updated.version, 1);
    assert!(updated.dirty);
    assert!(updated.text.contains("variable \"web_instance_type\" {"));
    assert!(!updated.text.contains("\"instance_type\""));
    // Its file on disk is untouched until saved.
    assert_eq!(read(&ws.root, "variables.tf"), variables_before);
    assert!(read(&ws.root, "main.tf").contains("= var.web_instance_type"));
    assert!(read(&ws.root, "terraform.tfvars").contains("web_instance_type = \"t3.medium\""));
    // The buffer's next edit is based on version 1.
    let end = utf16_len(&updated.text);
    let edit = ws.session.edit_document(
        "variables.tf",
        1,
        &[TextChange {
            from: end,
            to: end,
            insert: "\n".into(),
        }],
    );
    assert_eq!(edit.unwrap().document.version, 2);

    // The model follows: definition of the renamed reference in the written main.tf.
    let main = read(&ws.root, "main.tf");
    let at = offset_of(
        &main,
        "instance_type          =",
        "var.web_instance_type",
        6,
    );
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert_eq!(paths(&defs), ["variables.tf"]);
    assert_eq!(defs[0].preview, "variable \"web_instance_type\" {");
}

#[test]
fn apply_rename_refuses_a_file_changed_on_disk_and_changes_nothing() {
    let ws = demo_copy();
    let main = read(&ws.root, "main.tf");
    let at = offset_of(&main, "instance_type          =", "var.instance_type", 4);
    // Index loaded, then terraform.tfvars changes behind the model's back (no watcher).
    ws.session.rename_preview("main.tf", at, "size").unwrap();
    let tfvars = "environment   = \"prod\"\nowner         = \"x\"\ninstance_type = \"t3.large\"\n";
    std::fs::write(ws.root.join("terraform.tfvars"), tfvars).unwrap();
    let doc = ws.session.open_document("variables.tf").unwrap();
    let err = ws.session.apply_rename("main.tf", at, "size").unwrap_err();
    assert_eq!(err.code, ErrorCode::RenameInvalid);
    assert!(
        err.message.contains("terraform.tfvars changed on disk"),
        "{}",
        err.message
    );
    // Nothing applied: no file written, the open buffer untouched.
    assert_eq!(read(&ws.root, "main.tf"), main);
    assert_eq!(read(&ws.root, "terraform.tfvars"), tfvars);
    let again = ws.session.open_document("variables.tf").unwrap();
    assert_eq!((again.version, again.dirty), (doc.version, false));
    // Renaming again reads the changed file first and works.
    let result = ws.session.apply_rename("main.tf", at, "size").unwrap();
    assert_eq!(result.written, ["main.tf", "terraform.tfvars"]);
    assert_eq!(
        read(&ws.root, "terraform.tfvars"),
        tfvars.replace("instance_type =", "size =")
    );
}

#[test]
fn completions_of_variables_and_schema_attributes() {
    let ws = demo_copy();
    let doc = ws.session.open_document("main.tf").unwrap();
    let extra = "\nresource \"aws_instance\" \"x\" {\n  \n  ami = var.\n}\n";
    let end = utf16_len(&doc.text);
    ws.session
        .edit_document(
            "main.tf",
            0,
            &[TextChange {
                from: end,
                to: end,
                insert: extra.into(),
            }],
        )
        .unwrap();
    let text = format!("{}{extra}", doc.text);

    let at = offset_of(&text, "ami = var.", "var.", 4);
    let list = ws.session.completions("main.tf", at).unwrap();
    assert_eq!(list.from, at);
    let vars: Vec<&str> = list
        .items
        .iter()
        .filter(|i| i.kind == CompletionKind::Variable)
        .map(|i| i.label.as_str())
        .collect();
    for v in [
        "region",
        "environment",
        "owner",
        "cost_center",
        "instance_type",
        "db_password",
    ] {
        assert!(vars.contains(&v), "{v} missing from {vars:?}");
    }
    let it = list
        .items
        .iter()
        .find(|i| i.label == "instance_type")
        .unwrap();
    assert_eq!(it.insert, "instance_type");

    // Inside the resource body: the schema's arguments.
    let at = offset_of(&text, "resource \"aws_instance\" \"x\" {\n  ", "\n  \n", 3);
    let list = ws.session.completions("main.tf", at).unwrap();
    let attrs: Vec<&str> = list
        .items
        .iter()
        .filter(|i| i.kind == CompletionKind::Attribute)
        .map(|i| i.label.as_str())
        .collect();
    assert!(attrs.contains(&"instance_type"), "{attrs:?}");
    assert!(attrs.contains(&"ami"), "{attrs:?}");
}

#[test]
fn outline_of_main_tf() {
    let ws = demo_copy();
    let items = ws.session.outline("main.tf").unwrap();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "locals",
            "module \"network\"",
            "resource \"aws_security_group\" \"web\"",
            "resource \"aws_instance\" \"web\"",
        ]
    );
    assert_eq!(items[2].kind, "resource");
    let main = read(&ws.root, "main.tf");
    assert_eq!(
        slice16(&main, items[3].range.from, items[3].range.to),
        "web"
    );
    let sg: Vec<(&str, &str)> = items[2]
        .children
        .iter()
        .map(|c| (c.kind.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        sg,
        [
            ("attribute", "name"),
            ("attribute", "description"),
            ("attribute", "vpc_id"),
            ("ingress", "ingress"),
            ("ingress", "ingress"),
            ("egress", "egress"),
            ("attribute", "tags"),
        ]
    );
    // From the open buffer, as it is being edited.
    let doc = ws.session.open_document("main.tf").unwrap();
    ws.session
        .edit_document(
            "main.tf",
            0,
            &[TextChange {
                from: 0,
                to: 0,
                insert: "variable \"first\" {}\n".into(),
            }],
        )
        .unwrap();
    let items = ws.session.outline("main.tf").unwrap();
    assert_eq!(items[0].name, "variable \"first\"");
    assert_eq!(items.len(), 5);
    drop(doc);
    // Not HCL: nothing to outline.
    assert!(ws
        .session
        .outline("k8s/deployment.yaml")
        .unwrap()
        .is_empty());
}

/// `terraform fmt` of a text, through the real binary.
fn terraform_fmt(text: &str) -> Option<String> {
    use std::io::Write;
    let bin = terraform()?;
    let mut child = Command::new(bin)
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .ok()?;
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).unwrap())
}

#[test]
fn format_document_gives_the_changes_to_terraform_fmt_output() {
    let ws = demo_copy();
    let messy = "# Größe 😀\nvariable \"a\" {\n    type=string\n  default = \"é\"\n}\n\nresource aws_s3_bucket b {\nbucket=\"x\"\n    tags = {\n  Name=\"n\"\n      CostCenter    =\"c\"\n    }\n}\n\nlocals {\n  x = \"${var.a}\"\n  longer_name = 1 # c\n  y = 2 # d\n}\n";
    std::fs::write(ws.root.join("messy.tf"), messy).unwrap();
    let doc = ws.session.open_document("messy.tf").unwrap();
    let changes = ws.session.format_document("messy.tf").unwrap();
    assert!(!changes.is_empty());
    let formatted = apply16(&doc.text, &changes);
    let expected = match terraform_fmt(messy) {
        Some(t) => t,
        None => {
            eprintln!("terraform not on PATH: comparing with orbis_hcl::format's own output");
            orbis_hcl::format::format_source(messy).unwrap().text
        }
    };
    assert_eq!(formatted, expected);
    // Minimal: the comment line and the already formatted lines are not touched.
    assert!(changes.iter().all(|c| c.from >= utf16_len("# Größe 😀\n")));
    assert!(changes.len() >= 8, "{changes:?}");

    // Applied as an edit, formatting again changes nothing.
    ws.session.edit_document("messy.tf", 0, &changes).unwrap();
    assert_eq!(ws.session.format_document("messy.tf").unwrap(), Vec::new());

    // A syntax error: refused, nothing to apply.
    std::fs::write(
        ws.root.join("broken.tf"),
        "resource \"a\" \"b\" {\n  x = \n",
    )
    .unwrap();
    ws.session.open_document("broken.tf").unwrap();
    let err = ws.session.format_document("broken.tf").unwrap_err();
    assert_eq!(err.code, ErrorCode::FormatSyntaxError);
    assert_eq!(
        err.hint,
        "Fix the syntax errors shown in Problems, then format again."
    );
    assert!(
        err.message
            .starts_with("broken.tf was not formatted: line "),
        "{}",
        err.message
    );
    // Other languages, and documents that are not open.
    ws.session.open_document("k8s/deployment.yaml").unwrap();
    let err = ws
        .session
        .format_document("k8s/deployment.yaml")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRequest);
    let err = ws.session.format_document("outputs.tf").unwrap_err();
    assert_eq!(err.code, ErrorCode::DocumentNotOpen);
    // tfvars too.
    std::fs::write(ws.root.join("terraform.tfvars"), "a=1\nbbb = 2\n").unwrap();
    ws.session.open_document("terraform.tfvars").unwrap();
    let changes = ws.session.format_document("terraform.tfvars").unwrap();
    assert_eq!(apply16("a=1\nbbb = 2\n", &changes), "a   = 1\nbbb = 2\n");
}

#[test]
fn positions_are_utf16_with_non_ascii_text_before_the_symbol() {
    let ws = demo_copy();
    let doc = ws.session.open_document("main.tf").unwrap();
    let comment = "# Größe des Servers 😀 — ünïcödé\n";
    // Before the `instance_type = var.instance_type` line.
    let line_at = doc.text.find("  instance_type          =").unwrap();
    let from = utf16_len(&doc.text[..line_at]);
    ws.session
        .edit_document(
            "main.tf",
            0,
            &[TextChange {
                from,
                to: from,
                insert: format!("  {comment}"),
            }],
        )
        .unwrap();
    let text = format!(
        "{}  {comment}{}",
        &doc.text[..line_at],
        &doc.text[line_at..]
    );
    let at = offset_of(&text, "instance_type          =", "var.instance_type", 10);
    let defs = ws.session.definition("main.tf", at).unwrap();
    assert_eq!(paths(&defs), ["variables.tf"]);
    let refs = ws.session.references("main.tf", at).unwrap();
    let in_main = refs.iter().find(|r| r.path == "main.tf").unwrap();
    assert_eq!(
        slice16(&text, in_main.range.from, in_main.range.to),
        "var.instance_type"
    );
    // Column counted in UTF-16 units on the line.
    assert_eq!(
        in_main.range.column,
        "  instance_type          = ".len() as u32 + 1
    );
    let hover = ws.session.hover("main.tf", at).unwrap().unwrap();
    assert_eq!(
        slice16(&text, hover.range.from, hover.range.to),
        "var.instance_type"
    );
    // A rename of it: the change in main.tf is at the UTF-16 offset of the name.
    let preview = ws.session.rename_preview("main.tf", at, "size").unwrap();
    let main_edits = preview.files.iter().find(|f| f.path == "main.tf").unwrap();
    assert_eq!(
        slice16(&text, main_edits.changes[0].from, main_edits.changes[0].to),
        "instance_type"
    );
    let result = ws.session.apply_rename("main.tf", at, "size").unwrap();
    let updated = result.updated.iter().find(|d| d.path == "main.tf").unwrap();
    assert!(updated
        .text
        .contains(&format!("  {comment}  instance_type          = var.size\n")));
    // Completion `from` in UTF-16 too.
    let at = offset_of(&updated.text, "= var.size", "size", 2);
    let list = ws.session.completions("main.tf", at).unwrap();
    assert_eq!(list.from, at - 2);
    assert!(list.items.iter().any(|i| i.label == "size"));
}

#[test]
fn watched_disk_changes_reach_the_model() {
    let ws = demo_copy();
    let (tx, rx) = std::sync::mpsc::channel();
    ws.session
        .watch(move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
    let main = read(&ws.root, "main.tf");
    let at = offset_of(&main, "instance_type          =", "var.instance_type", 6);
    assert_eq!(ws.session.definition("main.tf", at).unwrap().len(), 1);
    // The variable moves to a new file, written by another program.
    let variables = read(&ws.root, "variables.tf");
    let start = variables.find("variable \"instance_type\"").unwrap();
    let end = start + variables[start..].find("}\n").unwrap() + 2;
    std::fs::write(ws.root.join("compute.tf"), &variables[start..end]).unwrap();
    std::fs::write(
        ws.root.join("variables.tf"),
        format!("{}{}", &variables[..start], &variables[end..]),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let defs = ws.session.definition("main.tf", at).unwrap();
        if paths(&defs) == ["compute.tf"] {
            break;
        }
        assert!(Instant::now() < deadline, "model not updated: {defs:?}");
        let _ = rx.recv_timeout(Duration::from_millis(200));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn realworld() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld");
    if dir.is_dir() {
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!("skipped: {} is missing", dir.display());
        None
    }
}

#[test]
fn cross_module_navigation_and_rename_in_a_real_module_repository() {
    let Some(corpus) = realworld() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("alb");
    copy_dir(
        &corpus.join("terraform-aws-modules__terraform-aws-alb"),
        &root,
    );
    let session = session();
    session.open_workspace(&root).unwrap();
    let root = root.canonicalize().unwrap();
    let example = "examples/complete-alb/main.tf";
    let text = read(&root, example);

    // module.alb.target_groups → the root module's output.
    let at = offset_of(&text, "module.alb.target_groups", "target_groups", 3);
    let defs = session.definition(example, at).unwrap();
    assert_eq!(paths(&defs), ["outputs.tf"]);
    assert_eq!(defs[0].preview, "output \"target_groups\" {");

    // A call argument → the child's variable; its references include the examples' calls.
    let at = offset_of(&text, "module \"alb\" {", "vpc_id  =", 1);
    let defs = session.definition(example, at).unwrap();
    assert_eq!(paths(&defs), ["variables.tf"]);
    let refs = session.references(example, at).unwrap();
    let files: std::collections::BTreeSet<&str> = paths(&refs).into_iter().collect();
    assert!(files.contains("main.tf"), "{files:?}");
    assert!(files.contains("variables.tf"), "{files:?}");
    assert!(files.contains(example), "{files:?}");

    // Renaming the variable edits the root module and the call arguments in the examples.
    let preview = session.rename_preview(example, at, "network_id").unwrap();
    assert_eq!(preview.symbol, "variable vpc_id");
    let files: Vec<&str> = preview.files.iter().map(|f| f.path.as_str()).collect();
    assert!(files.contains(&"variables.tf"), "{files:?}");
    assert!(files.contains(&"main.tf"), "{files:?}");
    assert!(files.contains(&example), "{files:?}");
    let call = preview.files.iter().find(|f| f.path == example).unwrap();
    assert!(call
        .previews
        .iter()
        .any(|p| p.before == "vpc_id  = module.vpc.vpc_id"
            && p.after == "network_id  = module.vpc.vpc_id"));
    let result = session.apply_rename(example, at, "network_id").unwrap();
    assert!(result.updated.is_empty());
    assert_eq!(result.written.len(), preview.files.len());
    assert!(read(&root, example).contains("network_id  = module.vpc.vpc_id"));
    assert!(read(&root, "variables.tf").contains("variable \"network_id\""));
    assert!(!read(&root, "main.tf").contains("var.vpc_id"));
}

/// A folder initialised by the real terraform (offline: only the built-in provider, and a
/// local backend so `.terraform/` exists).
fn initialised_folder(parent: &Path) -> Option<PathBuf> {
    let Some(bin) = terraform() else {
        eprintln!("skipped: terraform is not on PATH");
        return None;
    };
    let dir = parent.join("infra");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "terraform {\n  backend \"local\" {}\n}\n\nresource \"terraform_data\" \"x\" {\n  input = \"a\"\n}\n",
    )
    .unwrap();
    let out = Command::new(bin)
        .args(["init", "-input=false", "-no-color"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "terraform init: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join(".terraform").is_dir());
    Some(dir)
}

fn wait_for_schemas(session: &Session) -> orbis_app::editor::language::LanguageStatus {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let status = session.language_status();
        if status.loaded && !status.schemas_loading && !status.schemas.is_empty() {
            return status;
        }
        assert!(Instant::now() < deadline, "schemas not loaded: {status:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn provider_schemas_come_from_terraform_then_from_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(dir) = initialised_folder(tmp.path()) else {
        return;
    };
    let cache = tmp.path().join("cache");
    // As in the desktop app: the model, then the schemas, load as soon as the folder opens.
    let session = || {
        let s = session();
        s.set_language_preload(true);
        s
    };
    let first = session();
    first.set_cache_dir(Some(cache.clone()));
    first.open_workspace(&dir).unwrap();
    let status = wait_for_schemas(&first);
    assert_eq!(status.schemas.len(), 1, "{status:?}");
    let load = &status.schemas[0];
    assert_eq!(load.source, SchemaSource::Terraform, "{load:?}");
    assert!(load.resource_types >= 1);
    eprintln!("terraform providers schema -json: {} ms", load.millis);
    let cached: Vec<_> = std::fs::read_dir(cache.join("provider-schemas"))
        .unwrap()
        .collect();
    assert_eq!(cached.len(), 1);
    // Completion inside the resource uses the schema.
    first.open_document("main.tf").unwrap();
    let text = read(&dir, "main.tf");
    let at = offset_of(&text, "resource \"terraform_data\"", "  input", 2);
    let list = first.completions("main.tf", at).unwrap();
    assert!(
        list.items.iter().any(|i| i.label == "triggers_replace"),
        "{:?}",
        list.items.iter().map(|i| &i.label).collect::<Vec<_>>()
    );

    // Next start: from the cache, terraform is not run (its binary does not even exist).
    let second = session();
    second.set_cache_dir(Some(cache.clone()));
    second.set_terraform_binary(Some(tmp.path().join("no-such-terraform")));
    second.open_workspace(&dir).unwrap();
    let status = wait_for_schemas(&second);
    assert_eq!(status.schemas[0].source, SchemaSource::Cache, "{status:?}");

    // Without a cache, a binary that fails is reported, not fatal.
    let third = session();
    third.set_terraform_binary(Some(tmp.path().join("no-such-terraform")));
    third.open_workspace(&dir).unwrap();
    let status = wait_for_schemas(&third);
    assert!(
        matches!(&status.schemas[0].source, SchemaSource::Failed(m) if m.contains("no-such-terraform")),
        "{status:?}"
    );
    third.open_document("main.tf").unwrap();
    assert!(!third.completions("main.tf", at).unwrap().items.is_empty());
}

/// The first answers after opening a workspace, with the model loaded at open (the desktop
/// app) and at the first request (CLI): definition answers from the file's module while the
/// workspace loads; references wait for the whole workspace. Prints the times.
#[test]
fn first_query_latency_on_the_demo_and_the_realworld_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = orbis_app::demo::materialize(tmp.path()).unwrap();
    let mut cases = vec![("demo", demo.canonicalize().unwrap(), "main.tf".to_string())];
    if let Some(corpus) = realworld() {
        cases.push((
            "realworld",
            corpus,
            "terraform-aws-modules__terraform-aws-alb/examples/complete-alb/main.tf".into(),
        ));
    }
    for (name, root, file) in cases {
        for preload in [true, false] {
            let session = session();
            session.set_language_preload(preload);
            let text = read(&root, &file);
            let at = offset_of(&text, "local.name", "local.name", 7);
            let started = Instant::now();
            session.open_workspace(&root).unwrap();
            let opened = started.elapsed();
            let defs = session.definition(&file, at).unwrap();
            let first_definition = started.elapsed();
            let before_load = !session.language_status().loaded;
            assert_eq!(defs.len(), 1, "{defs:?}");
            let refs = session.references(&file, at).unwrap();
            let references = started.elapsed();
            assert!(refs.len() > 1);
            let status = session.language_status();
            assert!(status.loaded);
            let again = Instant::now();
            session.definition(&file, at).unwrap();
            let next = again.elapsed();
            eprintln!(
                "{name} (preload {preload}): open {opened:?}, first definition \
                 {first_definition:?} (before the load ended: {before_load}), first references \
                 {references:?}, next definition {next:?}; load {:?} ms, {} files in {} modules",
                status.load_millis, status.files, status.modules
            );
        }
    }
}

/// Each edit lets the language model drop its handle on the buffer's parsed model (so typing
/// never copies the model); queries after edits, and after closing the edited buffer
/// unsaved, must still see exactly the buffer, then the disk.
#[test]
fn language_answers_follow_edits_and_a_close_without_save() {
    let ws = demo_copy();
    let main = read(&ws.root, "main.tf");
    let at = offset_of(&main, "instance_type          =", "var.instance_type", 6);
    let before = ws.session.references("main.tf", at).unwrap().len();

    // A second use of the variable typed into the buffer (not saved).
    let doc = ws.session.open_document("main.tf").unwrap();
    let end = utf16_len(&doc.text);
    let added = "\noutput \"again\" {\n  value = var.instance_type\n}\n";
    let mut version = doc.version;
    for (i, ch) in added.chars().enumerate() {
        let r = ws
            .session
            .edit_document(
                "main.tf",
                version,
                &[TextChange {
                    from: end + i as u32,
                    to: end + i as u32,
                    insert: ch.to_string(),
                }],
            )
            .unwrap();
        version = r.document.version;
        // A query between keystrokes re-syncs the model the next edit lets go of again.
        if i % 7 == 0 {
            ws.session
                .completions("main.tf", end + i as u32 + 1)
                .unwrap();
        }
    }
    let refs = ws.session.references("main.tf", at).unwrap();
    assert_eq!(refs.len(), before + 1, "{refs:?}");
    let outline = ws.session.outline("main.tf").unwrap();
    assert!(
        outline.iter().any(|o| o.name.contains("again")),
        "{outline:?}"
    );

    // One more keystroke with no query after it, then closed without saving: the model goes
    // back to the file on disk.
    ws.session
        .edit_document(
            "main.tf",
            version,
            &[TextChange {
                from: 0,
                to: 0,
                insert: "\n".into(),
            }],
        )
        .unwrap();
    ws.session.close_document("main.tf").unwrap();
    let refs = ws.session.references("main.tf", at).unwrap();
    assert_eq!(refs.len(), before, "{refs:?}");
}
