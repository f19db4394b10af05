//! Shared test helpers: fixture locations and byte offsets of snippets.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpora` next to the repository.
pub fn corpora() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    p.canonicalize().unwrap_or(p)
}

pub fn realworld() -> PathBuf {
    corpora().join("realworld")
}

pub fn demo_workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app/demo-workspace")
        .canonicalize()
        .unwrap()
}

/// Byte offset of the `nth` (0-based) occurrence of `needle` in `text`, plus `delta`.
pub fn offset_of(text: &str, needle: &str, nth: usize, delta: usize) -> usize {
    let mut from = 0;
    for i in 0.. {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} #{nth} not found"))
            + from;
        if i == nth {
            return at + delta;
        }
        from = at + 1;
    }
    unreachable!()
}

/// Writes files (relative path → text) under a new temp dir.
pub fn temp_workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}
