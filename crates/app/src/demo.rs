//! The bundled demo workspace, so a first launch shows something real. Its files are embedded in
//! the binary (no installer resource paths to get wrong on three OSes) and written out into the
//! user's data folder, where they can be edited freely.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/demo-workspace");

/// Writes the demo workspace under `parent/demo-workspace` and returns its path. Files that
/// already exist are left alone, so the user's edits to the demo survive restarts.
pub fn materialize(parent: &Path) -> std::io::Result<PathBuf> {
    let root = parent.join("demo-workspace");
    write_dir(&DEMO, &root)?;
    Ok(root)
}

fn write_dir(dir: &Dir<'_>, root: &Path) -> std::io::Result<()> {
    for file in dir.files() {
        let target = root.join(file.path());
        if target.exists() {
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, file.contents())?;
    }
    for sub in dir.dirs() {
        write_dir(sub, root)?;
    }
    Ok(())
}

/// The demo's relative file paths (for tests and the e2e harness).
pub fn files() -> Vec<String> {
    fn walk(dir: &Dir<'_>, out: &mut Vec<String>) {
        out.extend(
            dir.files()
                .map(|f| f.path().to_string_lossy().replace('\\', "/")),
        );
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&DEMO, &mut out);
    out.sort();
    out
}
