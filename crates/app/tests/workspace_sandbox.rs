//! The webview reaches files only through the app's operations; none may leave the workspace.

use orbis_app::{ErrorCode, Session};
use orbis_store::Store;

fn session_on(dir: &std::path::Path) -> Session {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(dir).unwrap();
    session
}

#[test]
fn parent_traversal_is_refused_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(ws.join("sub")).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "outside").unwrap();
    let session = session_on(&ws);
    for attempt in [
        "../../etc/passwd",
        "../secret.txt",
        "sub/../../secret.txt",
        "/etc/passwd",
    ] {
        let err = session.read_file(attempt).unwrap_err();
        assert_eq!(err.code, ErrorCode::OutsideWorkspace, "{attempt}: {err:?}");
        assert!(
            err.message.contains("outside the opened workspace"),
            "{}",
            err.message
        );
        assert!(!err.hint.is_empty());
        let err = session.list_dir(attempt).unwrap_err();
        assert_eq!(err.code, ErrorCode::OutsideWorkspace, "{attempt}");
    }
    // `..` that stays inside is fine.
    std::fs::write(ws.join("main.tf"), "# ok").unwrap();
    assert_eq!(session.read_file("sub/../main.tf").unwrap().text, "# ok");
}

#[cfg(unix)]
#[test]
fn symlinks_pointing_outside_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), ws.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), ws.join("up")).unwrap();
    let session = session_on(&ws);
    assert_eq!(
        session.read_file("link.txt").unwrap_err().code,
        ErrorCode::OutsideWorkspace
    );
    assert_eq!(
        session.read_file("up/secret.txt").unwrap_err().code,
        ErrorCode::OutsideWorkspace
    );
}

#[test]
fn operations_without_a_workspace_say_how_to_open_one() {
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    let err = session.list_dir("").unwrap_err();
    assert_eq!(err.code, ErrorCode::NoWorkspace);
    assert!(err.hint.contains("Open Folder"));
}
