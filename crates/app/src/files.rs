//! Reading workspace files for the editor.

use crate::dto::{FileContent, FileLanguage};
use crate::editor::disk::DiskStamp;
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use std::io::Read;

/// Files above this size are not loaded into the editor (they would freeze the webview); the
/// plan reviewer and linter read big files through their own streaming paths.
pub const MAX_EDITOR_BYTES: u64 = 20 * 1024 * 1024;

pub fn read_file(ws: &Workspace, relative: &str) -> Result<FileContent, AppError> {
    read_stamped(ws, relative).map(|(content, _, _)| content)
}

/// [`read_file`], plus the resolved path and the stamp of the bytes read (the editor compares
/// it with the disk before saving).
pub(crate) fn read_stamped(
    ws: &Workspace,
    relative: &str,
) -> Result<(FileContent, std::path::PathBuf, DiskStamp), AppError> {
    let path = ws.resolve(relative)?;
    let meta = std::fs::metadata(&path).map_err(|e| AppError::io("read", &path, &e))?;
    if meta.is_dir() {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!("{relative} is a folder"),
            "Expand it in the file tree to see its files.",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let language = FileLanguage::of(&name);
    let rel = ws.relative(&path).unwrap_or_else(|| relative.to_string());
    // Checked before the size limit: big plans are exactly the ones to open in Plan Review.
    if language == FileLanguage::Json && crate::plan_review::file_looks_like_plan(&path) {
        return Ok((
            FileContent {
                path: rel,
                language,
                text: String::new(),
                size: meta.len(),
                lossy: false,
                binary: false,
                plan: true,
            },
            path,
            DiskStamp::missing(),
        ));
    }
    if meta.len() > MAX_EDITOR_BYTES {
        return Err(AppError::new(
            ErrorCode::TooLarge,
            format!(
                "{relative} is {} MB, more than the editor opens ({} MB)",
                meta.len() / 1_048_576,
                MAX_EDITOR_BYTES / 1_048_576
            ),
            "Open plans in Plan Review, or lint the file with `orbis lint`.",
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_EDITOR_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| AppError::io("read", &path, &e))?;
    // NUL bytes in the first 8 KiB: treat as binary, as git does.
    let stamp = DiskStamp::of(&bytes, Some(&meta));
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Ok((
            FileContent {
                path: rel,
                language,
                text: String::new(),
                size: meta.len(),
                lossy: false,
                binary: true,
                plan: false,
            },
            path,
            stamp,
        ));
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Ok((
        FileContent {
            path: rel,
            language,
            text,
            size: meta.len(),
            lossy,
            binary: false,
            plan: false,
        },
        path,
        stamp,
    ))
}
