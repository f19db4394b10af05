//! The editor's disk side: what a file looked like when we last read or wrote it (to detect
//! changes made by others), and atomic saves (temp file in the same folder, fsync, rename), so
//! a crash or a full disk never leaves a half-written file in place of the user's text.

use crate::error::{AppError, ErrorCode};
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Marks our temporary files, so the watcher ignores them.
pub const TEMP_MARKER: &str = ".orbis-save-";

/// A content hash (SipHash-1-3 with fixed keys: stable within a run, which is all we need).
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// What the file on disk was when we read or wrote it: its content hash, and its size and
/// modification time to skip re-reading an unchanged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    /// `None` when the file did not exist.
    pub hash: Option<u64>,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl DiskStamp {
    pub fn missing() -> Self {
        DiskStamp {
            hash: None,
            len: 0,
            modified: None,
        }
    }

    pub fn of(bytes: &[u8], meta: Option<&std::fs::Metadata>) -> Self {
        DiskStamp {
            hash: Some(hash(bytes)),
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
        }
    }

    /// Reads the file's current stamp; a file whose size and mtime are unchanged is taken as
    /// unchanged without reading it.
    pub fn current(path: &Path, known: &DiskStamp) -> std::io::Result<DiskStamp> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DiskStamp::missing()),
            Err(e) => return Err(e),
        };
        let modified = meta.modified().ok();
        if known.hash.is_some() && known.len == meta.len() && known.modified == modified {
            return Ok(*known);
        }
        match std::fs::read(path) {
            Ok(bytes) => Ok(DiskStamp::of(&bytes, Some(&meta))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(DiskStamp::missing()),
            Err(e) => Err(e),
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder (same file
/// system, so the rename is atomic), flushed to disk, given the original's permissions, then
/// renamed over the original. On any error the original is untouched and the temporary file
/// is removed. Returns the stamp of what was written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<DiskStamp, AppError> {
    let dir = path.parent().ok_or_else(|| {
        AppError::new(
            ErrorCode::InvalidRequest,
            format!("{} has no folder", path.display()),
            "Save files inside the workspace.",
        )
    })?;
    if !dir.is_dir() {
        // The folder was deleted meanwhile: recreate it so the user's text is not lost.
        std::fs::create_dir_all(dir).map_err(|e| AppError::io("create", dir, &e))?;
    }
    let original = std::fs::metadata(path).ok();
    let tmp = temp_path(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        if let Some(meta) = &original {
            f.set_permissions(meta.permissions())?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is flushed (not possible on Windows).
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(AppError::io("save", path, &e));
    }
    let meta = std::fs::metadata(path).ok();
    Ok(DiskStamp::of(bytes, meta.as_ref()))
}

fn temp_path(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(
        ".{name}{TEMP_MARKER}{}-{n}.tmp",
        std::process::id()
    ))
}

/// True for our own temporary files (ignored by the watcher and by searches).
pub fn is_temp(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(TEMP_MARKER) && n.ends_with(".tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("main.tf");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let stamp = write_atomic(&p, "new é".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new é");
        assert_eq!(stamp.hash, Some(hash("new é".as_bytes())));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("main.tf")]);
        assert!(is_temp(&temp_path(&p)));
        assert!(!is_temp(&p));
    }
}
