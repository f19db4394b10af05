//! Shared helpers: corpus location, replaying recorded streams, real-binary runs with timeouts.
#![allow(dead_code)]

use orbis_runner::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The machine-readable UI streams of the shared corpus (read in place, never copied).
pub fn mrui() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/plans/machine-readable-ui")
}

/// Feeds every line of a recorded stream through the same parser a live run uses.
pub fn replay_text(text: &str, redactor: &Redactor) -> Vec<RunEvent> {
    text.lines()
        .flat_map(|l| parse_line(l, Stream::Stdout, redactor, "terraform"))
        .collect()
}

pub fn replay(path: &Path) -> Vec<RunEvent> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} is readable: {e}", path.display()));
    replay_text(&text, &Redactor::default())
}

pub fn meta(stream: &Path) -> serde_json::Value {
    let name = stream.file_name().unwrap().to_string_lossy();
    let stem = name.trim_end_matches(".jsonl").trim_end_matches(".json");
    let meta = stream.with_file_name(format!("{stem}.meta.json"));
    serde_json::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap()
}

/// The real `terraform` on PATH, or None after saying why the test is skipped.
pub fn terraform(test: &str) -> Option<PathBuf> {
    let found = which("terraform");
    if found.is_none() {
        eprintln!(
            "SKIP {test}: no `terraform` on PATH; the same parser is covered by the replay tests"
        );
    }
    found
}

/// A workspace folder with the given files, and settings for it that run the real binary
/// quietly (no CLI config file) in it.
pub fn workspace(binary: &Path, files: &[(&str, &str)]) -> (tempfile::TempDir, WorkspaceSettings) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut settings = WorkspaceSettings::new(binary, dir.path());
    settings.env = vec![("TF_CLI_CONFIG_FILE".into(), "/dev/null".into())];
    (dir, settings)
}

/// Runs to the end (at most `secs`), returning every event and the report.
pub async fn run_to_end(req: RunRequest, secs: u64) -> (Vec<RunEvent>, RunReport) {
    let handle = start(req).expect("the run starts");
    let (mut events, cancel, done) = handle.split();
    let collected = tokio::time::timeout(Duration::from_secs(secs), async {
        let mut all = Vec::new();
        while let Some(e) = events.recv().await {
            all.push(e);
        }
        (all, done.await)
    })
    .await;
    match collected {
        Ok(result) => result,
        Err(_) => {
            cancel.request();
            cancel.request();
            panic!("the run did not finish within {secs} s (killed)");
        }
    }
}

pub fn diagnostics(events: &[RunEvent]) -> Vec<&Diagnostic> {
    events
        .iter()
        .filter_map(|e| match e {
            RunEvent::Diagnostic(d) => Some(d),
            _ => None,
        })
        .collect()
}

pub fn kind(e: &RunEvent) -> String {
    serde_json::to_value(e).unwrap()["type"]
        .as_str()
        .unwrap()
        .to_string()
}
