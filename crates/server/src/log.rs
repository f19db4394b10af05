//! Minimal stderr logging. Lines name methods, paths (ids only, never the query string),
//! statuses and error codes — never headers, bodies, passwords, tokens or hashes.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn line(text: &str) {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{ms} {text}");
}
