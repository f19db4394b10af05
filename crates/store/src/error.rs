use std::path::{Path, PathBuf};

/// Errors of the local store. Each says which file and what to do next; none carries values
/// a user stored (settings could be anything).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the local database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the local database {path} is damaged or not a TerraOrbis database ({detail})")]
    Corrupt { path: PathBuf, detail: String },
    #[error("the local database {path} was written by a newer TerraOrbis (schema {found}, this app knows up to {known})")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("local database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("setting {key} holds invalid JSON: {source}")]
    BadSetting {
        key: String,
        source: serde_json::Error,
    },
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> Self {
        // SQLITE_NOTADB / SQLITE_CORRUPT mean the bytes are not ours: say so instead of
        // a raw engine message, and never overwrite the file.
        if let rusqlite::Error::SqliteFailure(e, ref msg) = source {
            if matches!(
                e.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) {
                return StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: msg.clone().unwrap_or_else(|| e.to_string()),
                };
            }
        }
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }

    /// What the person can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            StoreError::Io { .. } => "Check that the folder is writable and the disk is not full.",
            StoreError::Open { .. } => "Close other TerraOrbis windows using the same profile and try again.",
            StoreError::Corrupt { .. } => {
                "Move the file aside (it is kept untouched) and restart TerraOrbis to start a fresh database."
            }
            StoreError::TooNew { .. } => "Update TerraOrbis to the newest version.",
            StoreError::Sqlite(_) => "Try again; if it persists, run Help → Open Log Folder and report the error.",
            StoreError::BadSetting { .. } => "Reset the setting in Settings.",
        }
    }
}
