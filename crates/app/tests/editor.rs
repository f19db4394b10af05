//! The editor's Rust side through `Session`, on real files in temporary copies of the demo
//! workspace: open/edit with diagnostics and quick fixes, cross-file lint, UTF-16 positions,
//! versions, atomic saves and conflicts, the disk watcher, Problems, search and bad input.

use orbis_app::editor::dto::{
    DiagnosticSeverity, DiskChange, DiskChangeKind, EditorDiagnostic, SearchQuery, TextChange,
};
use orbis_app::editor::EditorEvent;
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

struct Ws {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    session: Session,
}

/// A fresh copy of the demo workspace, opened in a new session.
fn demo_copy() -> Ws {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
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

/// UTF-16 offset of the first occurrence of `needle` (after `after`).
fn offset_of(text: &str, after: &str, needle: &str) -> u32 {
    let base = text.find(after).expect("anchor present");
    let at = base + text[base..].find(needle).expect("needle present");
    utf16_len(&text[..at])
}

fn codes(diags: &[EditorDiagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

fn ssh_findings(diags: &[EditorDiagnostic]) -> Vec<&EditorDiagnostic> {
    diags.iter().filter(|d| d.code == "ORB-AWS-001").collect()
}

#[test]
fn typing_an_open_ssh_ingress_shows_a_finding_and_a_quick_fix_removes_another() {
    let ws = demo_copy();
    // The SSH ingress names a security group instead of the internet.
    let main = ws.root.join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let ssh = text.find("SSH for debugging").unwrap();
    let cidr = ssh
        + text[ssh..]
            .find("    cidr_blocks = [\"0.0.0.0/0\"]\n")
            .unwrap();
    let text = format!(
        "{}    self        = true\n{}",
        &text[..cidr],
        &text[cidr + "    cidr_blocks = [\"0.0.0.0/0\"]\n".len()..]
    );
    std::fs::write(&main, &text).unwrap();

    let doc = ws.session.open_document("main.tf").unwrap();
    assert_eq!(doc.version, 0);
    assert!(!doc.dirty);
    assert!(
        ssh_findings(&doc.diagnostics).is_empty(),
        "{:?}",
        codes(&doc.diagnostics)
    );

    // Type the line character by character after `self = true`, as a user would.
    let mut at = offset_of(&doc.text, "SSH for debugging", "self        = true") + 18;
    let mut version = doc.version;
    let mut last = None;
    for ch in "\n    cidr_blocks = [\"0.0.0.0/0\"]".chars() {
        let r = ws
            .session
            .edit_document(
                "main.tf",
                version,
                &[TextChange {
                    from: at,
                    to: at,
                    insert: ch.to_string(),
                }],
            )
            .unwrap();
        assert_eq!(r.document.version, version + 1);
        version = r.document.version;
        at += ch.len_utf16() as u32;
        last = Some(r);
    }
    let last = last.unwrap();
    let found = ssh_findings(&last.document.diagnostics);
    assert_eq!(found.len(), 1, "{:#?}", last.document.diagnostics);
    let f = found[0];
    assert_eq!(f.severity, DiagnosticSeverity::Error);
    assert_eq!(f.rule_severity.as_deref(), Some("high"));
    assert_eq!(f.resource.as_deref(), Some("aws_security_group.web"));
    assert_eq!(f.source, "lint");
    assert!(
        f.message.starts_with("SSH port 22 open to the internet"),
        "{}",
        f.message
    );
    let now = ws.session.open_document("main.tf").unwrap();
    assert!(now.dirty);
    assert_eq!(now.version, version);
    // The finding underlines the SSH ingress.
    let underlined: String = now
        .text
        .encode_utf16()
        .skip(f.range.from as usize)
        .take((f.range.to - f.range.from) as usize)
        .collect::<Vec<u16>>()
        .iter()
        .map(|&u| u as u8 as char)
        .collect();
    assert!(underlined.contains("SSH for debugging"), "{underlined}");

    // The web instance allows IMDSv1: its finding carries a fix; applying it removes it.
    let imds = now
        .diagnostics
        .iter()
        .find(|d| d.code == "ORB-AWS-025" && !d.fixes.is_empty())
        .expect("IMDSv2 finding with a fix");
    let fix = imds.fixes[0].clone();
    let r = ws
        .session
        .edit_document("main.tf", version, &fix.changes)
        .unwrap();
    assert!(!codes(&r.document.diagnostics).contains(&"ORB-AWS-025"));
    let text = ws.session.open_document("main.tf").unwrap().text;
    assert!(text.contains("http_tokens = \"required\""), "{text}");
}

#[test]
fn a_variable_default_in_another_file_changes_findings_of_main() {
    let ws = demo_copy();
    let main = ws.root.join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let ssh = text.find("SSH for debugging").unwrap();
    let cidr_line = "    cidr_blocks = [\"0.0.0.0/0\"]\n";
    let cidr = ssh + text[ssh..].find(cidr_line).unwrap();
    let text = format!(
        "{}    cidr_blocks = [var.admin_cidr]\n{}",
        &text[..cidr],
        &text[cidr + cidr_line.len()..]
    );
    std::fs::write(&main, text).unwrap();
    let vars = ws.root.join("variables.tf");
    let mut v = std::fs::read_to_string(&vars).unwrap();
    v.push_str("\nvariable \"admin_cidr\" {\n  type    = string\n  default = \"10.0.0.0/8\"\n}\n");
    std::fs::write(&vars, v).unwrap();

    let main_doc = ws.session.open_document("main.tf").unwrap();
    assert!(ssh_findings(&main_doc.diagnostics).is_empty());
    let vars_doc = ws.session.open_document("variables.tf").unwrap();
    let from = offset_of(&vars_doc.text, "admin_cidr", "10.0.0.0/8");
    let r = ws
        .session
        .edit_document(
            "variables.tf",
            vars_doc.version,
            &[TextChange {
                from,
                to: from + 10,
                insert: "0.0.0.0/0".into(),
            }],
        )
        .unwrap();
    let related = r
        .related
        .iter()
        .find(|d| d.path == "main.tf")
        .expect("main.tf diagnostics changed");
    assert_eq!(ssh_findings(&related.diagnostics).len(), 1);
    assert_eq!(related.version, main_doc.version);
    // Back to a private range: the finding goes away again.
    let r = ws
        .session
        .edit_document(
            "variables.tf",
            r.document.version,
            &[TextChange {
                from,
                to: from + 9,
                insert: "10.0.0.0/8".into(),
            }],
        )
        .unwrap();
    let related = r.related.iter().find(|d| d.path == "main.tf").unwrap();
    assert!(ssh_findings(&related.diagnostics).is_empty());
    // Closed files count too: main.tf's finding comes from its disk text when it is closed.
    ws.session.close_document("main.tf").unwrap();
    let r = ws
        .session
        .set_document_text(
            "variables.tf",
            vars_doc.text.replace("10.0.0.0/8", "0.0.0.0/0"),
        )
        .unwrap();
    assert!(r.related.is_empty());
}

/// Diagnostics of `path` as a fresh session computes them from the disk text.
fn fresh_codes(root: &Path, path: &str) -> Vec<(String, u32)> {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(root).unwrap();
    let doc = session.open_document(path).unwrap();
    let mut out: Vec<(String, u32)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.range.from))
        .collect();
    out.sort();
    out
}

#[test]
fn editing_a_local_reevaluates_the_blocks_that_read_it_through_chains() {
    let ws = demo_copy();
    let main = ws.root.join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let ssh = text.find("SSH for debugging").unwrap();
    let cidr_line = "    cidr_blocks = [\"0.0.0.0/0\"]\n";
    let cidr = ssh + text[ssh..].find(cidr_line).unwrap();
    let text = format!(
        "{}    cidr_blocks = [local.admin_cidr]\n{}\nlocals {{\n  admin_cidr = local.base_cidr\n  base_cidr  = \"10.0.0.0/8\"\n  unused     = \"x\"\n}}\n",
        &text[..cidr],
        &text[cidr + cidr_line.len()..]
    );
    std::fs::write(&main, &text).unwrap();
    let doc = ws.session.open_document("main.tf").unwrap();
    assert!(ssh_findings(&doc.diagnostics).is_empty());
    let mut version = doc.version;
    let mut current = doc.text.clone();
    let mut edit = |current: &mut String, from_s: &str, to_s: &str| {
        let from = offset_of(current, "base_cidr  =", from_s);
        let r = ws
            .session
            .edit_document(
                "main.tf",
                version,
                &[TextChange {
                    from,
                    to: from + utf16_len(from_s),
                    insert: to_s.into(),
                }],
            )
            .unwrap();
        version = r.document.version;
        let at = current.find("base_cidr  =").unwrap();
        let at = at + current[at..].find(from_s).unwrap();
        current.replace_range(at..at + from_s.len(), to_s);
        r.document.diagnostics
    };
    // The chain local.admin_cidr -> local.base_cidr: the security group reads admin_cidr only.
    let diags = edit(&mut current, "10.0.0.0/8", "0.0.0.0/0");
    assert_eq!(ssh_findings(&diags).len(), 1, "{:?}", codes(&diags));
    let diags = edit(&mut current, "0.0.0.0/0", "10.0.0.0/8");
    assert!(ssh_findings(&diags).is_empty(), "{:?}", codes(&diags));
    let diags = edit(&mut current, "10.0.0.0/8", "0.0.0.0/0");
    // After the edits, what the cache kept equals a fresh lint of the same text.
    std::fs::write(&main, &current).unwrap();
    let mut got: Vec<(String, u32)> = diags
        .iter()
        .map(|d| (d.code.clone(), d.range.from))
        .collect();
    got.sort();
    assert_eq!(got, fresh_codes(&ws.root, "main.tf"));
}

#[test]
fn unsaved_documents_are_listed_and_save_all_refuses_to_overwrite_a_disk_change() {
    let ws = demo_copy();
    let main = ws.session.open_document("main.tf").unwrap();
    let vars = ws.session.open_document("variables.tf").unwrap();
    assert!(ws.session.unsaved_documents().is_empty());
    for (path, version) in [("main.tf", main.version), ("variables.tf", vars.version)] {
        ws.session
            .edit_document(
                path,
                version,
                &[TextChange {
                    from: 0,
                    to: 0,
                    insert: "# edited\n".into(),
                }],
            )
            .unwrap();
    }
    assert_eq!(
        ws.session.unsaved_documents(),
        vec!["main.tf".to_string(), "variables.tf".to_string()]
    );
    // Someone else rewrites variables.tf: Save All saves main.tf, then stops there.
    std::fs::write(ws.root.join("variables.tf"), "# theirs\n").unwrap();
    let err = ws.session.save_all_documents().unwrap_err();
    assert!(err.message.contains("variables.tf"), "{err:?}");
    assert!(err.hint.contains("Overwrite"), "{err:?}");
    assert!(std::fs::read_to_string(ws.root.join("main.tf"))
        .unwrap()
        .starts_with("# edited\n"));
    assert_eq!(
        std::fs::read_to_string(ws.root.join("variables.tf")).unwrap(),
        "# theirs\n"
    );
    assert_eq!(
        ws.session.unsaved_documents(),
        vec!["variables.tf".to_string()]
    );
}

#[test]
fn positions_are_utf16_with_emoji_and_accents() {
    let ws = demo_copy();
    let text = "# café 😀 résumé\nlocals {\n  greeting = \"héllo 😀\"\n  broken = \n}\n";
    std::fs::write(ws.root.join("unicode.tf"), text).unwrap();
    let doc = ws.session.open_document("unicode.tf").unwrap();
    assert_eq!(doc.text, text);
    let syntax: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.source == "syntax")
        .collect();
    assert!(!syntax.is_empty(), "{:#?}", doc.diagnostics);
    // Every range is a valid UTF-16 range of the text, and line/column agree with from.
    let units: Vec<u16> = text.encode_utf16().collect();
    for d in &doc.diagnostics {
        assert!(d.range.from <= d.range.to && d.range.to as usize <= units.len());
        let before = String::from_utf16(&units[..d.range.from as usize]).unwrap();
        let line = before.matches('\n').count() as u32 + 1;
        let col = utf16_len(before.rsplit('\n').next().unwrap()) + 1;
        assert_eq!((d.range.line, d.range.column), (line, col), "{d:?}");
    }
    // Insert after the emoji in the string: offsets count it as two units.
    let at = offset_of(&doc.text, "greeting", "😀") + 2;
    let r = ws
        .session
        .edit_document(
            "unicode.tf",
            0,
            &[TextChange {
                from: at,
                to: at,
                insert: "é!".into(),
            }],
        )
        .unwrap();
    assert_eq!(r.document.version, 1);
    let doc = ws.session.open_document("unicode.tf").unwrap();
    assert!(doc.text.contains("\"héllo 😀é!\""), "{}", doc.text);
    // Replace `é` in the comment (one unit, two bytes) with `e`.
    let at = offset_of(&doc.text, "caf", "é");
    ws.session
        .edit_document(
            "unicode.tf",
            1,
            &[TextChange {
                from: at,
                to: at + 1,
                insert: "e".into(),
            }],
        )
        .unwrap();
    let doc = ws.session.open_document("unicode.tf").unwrap();
    assert!(doc.text.starts_with("# cafe 😀 résumé\n"), "{}", doc.text);
}

#[test]
fn an_edit_against_another_version_is_refused_and_resync_works() {
    let ws = demo_copy();
    let doc = ws.session.open_document("outputs.tf").unwrap();
    let change = TextChange {
        from: 0,
        to: 0,
        insert: "# x\n".into(),
    };
    let err = ws
        .session
        .edit_document("outputs.tf", doc.version + 3, std::slice::from_ref(&change))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::DocumentOutOfSync);
    assert!(!err.hint.is_empty());
    // Past the end is out of sync too.
    let far = TextChange {
        from: utf16_len(&doc.text) + 5,
        to: utf16_len(&doc.text) + 5,
        insert: "x".into(),
    };
    let err = ws
        .session
        .edit_document("outputs.tf", 0, &[far])
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::DocumentOutOfSync);
    let r = ws
        .session
        .set_document_text("outputs.tf", "output \"x\" { value = 1 }\n".into())
        .unwrap();
    assert_eq!(r.document.version, 1);
    let r = ws
        .session
        .edit_document("outputs.tf", 1, &[change])
        .unwrap();
    assert_eq!(r.document.version, 2);
    let err = ws.session.edit_document("versions.tf", 0, &[]).unwrap_err();
    assert_eq!(err.code, ErrorCode::DocumentNotOpen);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn saves_are_atomic_exact_and_keep_permissions() {
    let ws = demo_copy();
    let path = ws.root.join("outputs.tf");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let before = entries(&ws.root);
    let doc = ws.session.open_document("outputs.tf").unwrap();
    let new_text = format!("# édité 😀\n{}", doc.text);
    ws.session
        .set_document_text("outputs.tf", new_text.clone())
        .unwrap();
    assert!(ws.session.open_document("outputs.tf").unwrap().dirty);
    let saved = ws.session.save_document("outputs.tf", false).unwrap();
    assert!(saved.saved && !saved.conflict);
    assert_eq!(saved.version, 1);
    assert_eq!(std::fs::read(&path).unwrap(), new_text.as_bytes());
    assert_eq!(entries(&ws.root), before, "no temporary file left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(!ws.session.open_document("outputs.tf").unwrap().dirty);
}

#[test]
fn a_file_changed_on_disk_is_a_save_conflict_until_overwritten() {
    let ws = demo_copy();
    let path = ws.root.join("storage.tf");
    let doc = ws.session.open_document("storage.tf").unwrap();
    ws.session
        .set_document_text("storage.tf", format!("{}# mine\n", doc.text))
        .unwrap();
    std::fs::write(&path, "# theirs\n").unwrap();
    let r = ws.session.save_document("storage.tf", false).unwrap();
    assert!(!r.saved && r.conflict);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# theirs\n");
    let r = ws.session.save_document("storage.tf", true).unwrap();
    assert!(r.saved);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{}# mine\n", doc.text)
    );
    // Deleted on disk: saving writes it again.
    std::fs::remove_file(&path).unwrap();
    let r = ws.session.save_document("storage.tf", false).unwrap();
    assert!(r.saved && !r.conflict);
    assert!(path.is_file());
    // Reload discards the buffer.
    ws.session
        .set_document_text("storage.tf", "garbage {".into())
        .unwrap();
    let reloaded = ws.session.reload_document("storage.tf").unwrap();
    assert_eq!(reloaded.text, format!("{}# mine\n", doc.text));
    assert!(!reloaded.dirty);
}

fn watch(ws: &Ws) -> Receiver<EditorEvent> {
    let (tx, rx) = channel();
    let tx = std::sync::Mutex::new(tx);
    ws.session
        .watch(move |e| {
            let _ = tx.lock().unwrap().send(e);
        })
        .unwrap();
    rx
}

/// The next `file-changed` event for `path`, waiting at most 10 s; other events are returned
/// in `seen`.
fn next_change(rx: &Receiver<EditorEvent>, path: &str, seen: &mut Vec<EditorEvent>) -> DiskChange {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(EditorEvent::FileChanged(c)) if c.path == path => return c,
            Ok(other) => seen.push(other),
            Err(_) => panic!("no file-changed event for {path} within 10 s; saw {seen:?}"),
        }
    }
}

#[test]
fn the_watcher_reloads_clean_documents_keeps_dirty_ones_and_ignores_our_saves() {
    let ws = demo_copy();
    let rx = watch(&ws);
    let clean = ws.session.open_document("outputs.tf").unwrap();
    let dirty = ws.session.open_document("storage.tf").unwrap();
    ws.session
        .set_document_text("storage.tf", format!("{}# unsaved\n", dirty.text))
        .unwrap();
    let mut seen = Vec::new();

    // A clean document is reloaded in Rust.
    std::fs::write(
        ws.root.join("outputs.tf"),
        "output \"changed\" { value = 1 }\n",
    )
    .unwrap();
    let c = next_change(&rx, "outputs.tf", &mut seen);
    assert_eq!(
        (c.kind, c.open, c.dirty),
        (DiskChangeKind::Modified, true, false)
    );
    let now = ws.session.open_document("outputs.tf").unwrap();
    assert_eq!(now.text, "output \"changed\" { value = 1 }\n");
    assert!(now.version > clean.version && !now.dirty);

    // A dirty document keeps its buffer; the UI is told it is dirty.
    std::fs::write(ws.root.join("storage.tf"), "# theirs\n").unwrap();
    let c = next_change(&rx, "storage.tf", &mut seen);
    assert!(c.open && c.dirty);
    let kept = ws.session.open_document("storage.tf").unwrap();
    assert!(kept.text.ends_with("# unsaved\n"));
    // ... and saving it now is a conflict.
    assert!(
        ws.session
            .save_document("storage.tf", false)
            .unwrap()
            .conflict
    );

    // Our own save is not reported: a later external change of another file arrives first.
    ws.session
        .set_document_text("outputs.tf", "output \"ours\" { value = 2 }\n".into())
        .unwrap();
    assert!(ws.session.save_document("outputs.tf", false).unwrap().saved);
    std::fs::write(ws.root.join("README.md"), "marker\n").unwrap();
    let mut after_save = Vec::new();
    let c = next_change(&rx, "README.md", &mut after_save);
    assert!(!c.open);
    assert!(
        !after_save
            .iter()
            .any(|e| matches!(e, EditorEvent::FileChanged(c) if c.path == "outputs.tf")),
        "own save reported: {after_save:?}"
    );

    // A new file outside the editor is reported as created.
    std::fs::write(ws.root.join("new.tf"), "# new\n").unwrap();
    let c = next_change(&rx, "new.tf", &mut seen);
    assert!(!c.open);
    assert!(matches!(
        c.kind,
        DiskChangeKind::Created | DiskChangeKind::Modified
    ));
}

#[test]
fn a_disk_change_in_the_module_updates_open_diagnostics() {
    let ws = demo_copy();
    let rx = watch(&ws);
    let main = ws.session.open_document("main.tf").unwrap();
    assert!(!ssh_findings(&main.diagnostics).is_empty());
    // Another tool disables the SSH rule in the workspace's .orbis.toml.
    std::fs::write(
        ws.root.join(".orbis.toml"),
        "[lint]\ndisable = [\"ORB-AWS-001\"]\n",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(EditorEvent::Diagnostics(d)) if d.path == "main.tf" => {
                assert!(ssh_findings(&d.diagnostics).is_empty());
                break;
            }
            Ok(_) => {}
            Err(_) => panic!("no diagnostics event for main.tf"),
        }
    }
}

#[test]
fn workspace_problems_index_the_demo_and_follow_open_buffers() {
    let ws = demo_copy();
    let p = ws.session.workspace_problems().unwrap();
    assert!(p.indexed_files >= 9, "{}", p.indexed_files);
    let main = p
        .files
        .iter()
        .find(|f| f.path == "main.tf")
        .expect("main.tf problems");
    assert!(!ssh_findings(&main.diagnostics).is_empty());
    assert!(
        p.files.iter().any(|f| f.path == "k8s/deployment.yaml"),
        "{:?}",
        p.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    let total = p.errors + p.warnings + p.infos;
    assert_eq!(
        total as usize,
        p.files.iter().map(|f| f.diagnostics.len()).sum::<usize>()
    );
    // Cached: the same answer again.
    let again = ws.session.workspace_problems().unwrap();
    assert_eq!(again.files, p.files);
    // An open buffer overrides the disk.
    let doc = ws.session.open_document("main.tf").unwrap();
    ws.session
        .set_document_text(
            "main.tf",
            doc.text.replace(
                "cidr_blocks = [\"0.0.0.0/0\"]",
                "cidr_blocks = [\"10.0.0.0/8\"]",
            ),
        )
        .unwrap();
    let p = ws.session.workspace_problems().unwrap();
    let main = p.files.iter().find(|f| f.path == "main.tf");
    assert!(main.is_none_or(|m| ssh_findings(&m.diagnostics).is_empty()));
    // A syntax error shows as an error.
    std::fs::write(ws.root.join("broken.tf"), "resource \"x\" \"y\" {\n").unwrap();
    let p = ws.session.workspace_problems().unwrap();
    let broken = p.files.iter().find(|f| f.path == "broken.tf").unwrap();
    assert!(broken
        .diagnostics
        .iter()
        .any(|d| d.source == "syntax" && d.severity == DiagnosticSeverity::Error));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn workspace_problems_on_part_of_the_realworld_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/realworld/terraform-aws-modules__terraform-aws-autoscaling");
    if !corpus.is_dir() {
        eprintln!("corpus not found at {}: skipped", corpus.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("autoscaling");
    copy_dir(&corpus, &root);
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&root).unwrap();
    let p = session.workspace_problems().unwrap();
    assert!(p.indexed_files > 3);
    assert!(!p.files.is_empty());
    for f in &p.files {
        assert!(!f.path.starts_with('/'), "{}", f.path);
        for d in &f.diagnostics {
            assert!(!d.code.is_empty() && !d.message.is_empty());
        }
    }
    let again = session.workspace_problems().unwrap();
    assert_eq!(again.files, p.files);
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        regex: false,
        case_sensitive: false,
        whole_word: false,
        symbols: false,
    }
}

#[test]
fn search_finds_text_regex_words_and_symbols() {
    let ws = demo_copy();
    let r = ws.session.search_workspace(&query("0.0.0.0/0")).unwrap();
    assert!(r.hits.iter().any(|h| h.path == "main.tf"));
    assert!(!r.truncated);
    let h = &r.hits[0];
    assert_eq!(
        &h.preview
            .encode_utf16()
            .skip(h.preview_from as usize)
            .take((h.preview_to - h.preview_from) as usize)
            .map(|u| u as u8 as char)
            .collect::<String>(),
        "0.0.0.0/0"
    );
    // Case.
    let mut q = query("AWS_SECURITY_GROUP");
    assert!(!ws.session.search_workspace(&q).unwrap().hits.is_empty());
    q.case_sensitive = true;
    assert!(ws.session.search_workspace(&q).unwrap().hits.is_empty());
    // Regex.
    let mut q = query(r"from_port\s+=\s+(22|443)");
    q.regex = true;
    let r = ws.session.search_workspace(&q).unwrap();
    assert_eq!(r.hits.iter().filter(|h| h.path == "main.tf").count(), 2);
    // Invalid regex: a clear error with a hint.
    let mut q = query("(unclosed");
    q.regex = true;
    let err = ws.session.search_workspace(&q).unwrap_err();
    assert_eq!(err.code, ErrorCode::SearchInvalid);
    assert!(!err.hint.is_empty(), "{err:?}");
    // Not a regex: the same text is searched literally.
    q.regex = false;
    assert!(ws.session.search_workspace(&q).is_ok());
    // Whole word.
    std::fs::write(ws.root.join("words.txt"), "web webserver web_app\n").unwrap();
    let mut q = query("web");
    q.whole_word = true;
    let r = ws.session.search_workspace(&q).unwrap();
    assert_eq!(r.hits.iter().filter(|h| h.path == "words.txt").count(), 1);
    // Open buffers are searched instead of the disk.
    let doc = ws.session.open_document("outputs.tf").unwrap();
    ws.session
        .set_document_text("outputs.tf", format!("{}# zebra-unsaved\n", doc.text))
        .unwrap();
    let r = ws
        .session
        .search_workspace(&query("zebra-unsaved"))
        .unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].path, "outputs.tf");
    // Truncation.
    std::fs::write(ws.root.join("many.txt"), "needle\n".repeat(2_500)).unwrap();
    let r = ws.session.search_workspace(&query("needle")).unwrap();
    assert!(r.truncated);
    assert_eq!(r.hits.len(), 2_000);
    // Symbols: declared names.
    let mut q = query("instance_type");
    q.symbols = true;
    let r = ws.session.search_workspace(&q).unwrap();
    let h = r.hits.iter().find(|h| h.path == "variables.tf").unwrap();
    assert_eq!(h.kind.as_deref(), Some("variable"));
    let mut q = query("aws_security_group.web");
    q.symbols = true;
    let r = ws.session.search_workspace(&q).unwrap();
    assert!(r
        .hits
        .iter()
        .any(|h| h.kind.as_deref() == Some("resource") && h.path == "main.tf"));
}

#[test]
fn bad_input_is_refused_with_clear_errors() {
    let ws = demo_copy();
    std::fs::write(ws.root.join("blob.bin"), [0u8, 1, 2, 3, 0, 255]).unwrap();
    let err = ws.session.open_document("blob.bin").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRequest);
    assert!(err.message.contains("binary"));
    // Invalid UTF-8 opens lossily.
    std::fs::write(ws.root.join("latin1.tf"), b"# caf\xe9\nlocals {}\n").unwrap();
    let doc = ws.session.open_document("latin1.tf").unwrap();
    assert!(doc.lossy);
    assert!(doc.text.contains('\u{fffd}'));
    // Huge files are refused.
    let huge = std::fs::File::create(ws.root.join("huge.tf")).unwrap();
    huge.set_len(21 * 1024 * 1024).unwrap();
    let err = ws.session.open_document("huge.tf").unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLarge);
    // Outside the workspace.
    let err = ws.session.open_document("../outside.tf").unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideWorkspace);
    let err = ws.session.open_document("/etc/passwd").unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideWorkspace);
    // Plans open in Plan Review.
    let err = ws
        .session
        .open_document("plans/sample-plan.json")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRequest);
    assert!(err.hint.contains("Plan Review"));
    // Opening twice returns the buffer, not the disk.
    let doc = ws.session.open_document("versions.tf").unwrap();
    ws.session
        .set_document_text("versions.tf", "# edited\n".into())
        .unwrap();
    let again = ws.session.open_document("versions.tf").unwrap();
    assert_eq!(again.text, "# edited\n");
    assert_eq!(again.version, doc.version + 1);
}
