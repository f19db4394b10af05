//! `cargo xtask bench roundtrip`: keystroke → diagnostics in the real desktop app. Writes a
//! 5,000-line `main.tf` (the same real corpus resources as `bench editor`) into a temporary
//! workspace and runs tests/e2e/bench_roundtrip.py, which starts the app through tauri-driver
//! under Xvfb, types into the file with WebDriver key events (a burst, then one key per 100 ms)
//! and with a timer in the page (the same pace with no driver process running meanwhile), and
//! prints the round trip the app logged (p50/p99; goal p99 < 16 ms). Needs what the e2e tests need (.ci/install) and a
//! built app: the release build when there is one (as users run it), else the debug build.

use crate::bench_editor::{big_file, default_corpus};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(clap::Args)]
pub struct RoundtripBenchArgs {
    /// Corpus folder (default: ../shared/corpora/realworld beside the repository).
    #[arg(long)]
    path: Option<PathBuf>,
    /// Lines of the generated file.
    #[arg(long, default_value_t = 5_000)]
    lines: usize,
    /// Resources typed into (a third per mode: burst, paced, in page).
    #[arg(long, default_value_t = 30)]
    places: usize,
    /// The app binary (default: $CARGO_TARGET_DIR/release/terraorbis, else debug).
    #[arg(long)]
    app: Option<PathBuf>,
}

pub fn run(args: RoundtripBenchArgs) -> anyhow::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = args.path.unwrap_or_else(default_corpus);
    if !corpus.is_dir() {
        bail!("corpus not found: {} (pass --path)", corpus.display());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    let app = match args.app {
        Some(a) => a,
        None => ["release", "debug"]
            .iter()
            .map(|p| target.join(p).join("terraorbis"))
            .find(|p| p.is_file())
            .with_context(|| {
                format!(
                    "no app under {}: build it with `cd ui && npm run build && cargo build --release -p terraorbis --features custom-protocol`",
                    target.display()
                )
            })?,
    };
    let python = dirs_home().join(".cache/terraorbis/venv/bin/python");
    if !python.is_file() {
        bail!(
            "{} is missing: run .ci/install (it makes the e2e test environment)",
            python.display()
        );
    }
    let tmp = tempfile::tempdir()?;
    std::fs::write(tmp.path().join("main.tf"), big_file(&corpus, args.lines))?;
    let status = Command::new(python)
        .args(["-m", "pytest", "-q", "-s", "-p", "no:cacheprovider"])
        .arg(repo.join("tests/e2e/bench_roundtrip.py"))
        .arg("--rootdir")
        .arg(repo.join("tests/e2e"))
        .env("ORBIS_BENCH_WORKSPACE", tmp.path())
        .env("ORBIS_BENCH_PLACES", args.places.to_string())
        .env("TERRAORBIS_APP", &app)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("DISPLAY")
        .status()
        .context("run pytest")?;
    if !status.success() {
        bail!("the round-trip benchmark failed ({status})");
    }
    Ok(())
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}
