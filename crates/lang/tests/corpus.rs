//! The whole real-world corpus (22 module repositories, ~2,300 files) as one workspace.

mod common;

use common::*;
use orbis_lang::{LangWorkspace, SymbolKind};
use std::time::Instant;

#[test]
fn indexes_the_realworld_corpus_as_one_workspace() {
    let root = realworld();
    if !root.is_dir() {
        println!("skipped: {} not found", root.display());
        return;
    }
    let rss_before = peak_rss_mib();
    let t = Instant::now();
    let ws = LangWorkspace::load(&root);
    let elapsed = t.elapsed();
    let s = ws.stats();
    println!(
        "realworld: {} modules, {} files, {:.1} MB, {} definitions, {} references, {} module calls ({} local resolved), {} files with syntax errors; indexed in {:.0} ms (debug build; `cargo xtask bench lang` for release figures); peak RSS {:?} MiB (before: {:?})",
        s.modules,
        s.files,
        s.bytes as f64 / 1e6,
        s.definitions,
        s.references,
        s.module_calls,
        s.local_calls_resolved,
        s.files_with_errors,
        elapsed.as_secs_f64() * 1e3,
        peak_rss_mib(),
        rss_before,
    );
    assert!(s.files > 2_000, "{s:?}");
    assert!(s.modules > 500, "{s:?}");
    assert!(s.definitions > 20_000, "{s:?}");
    assert!(s.references > s.definitions, "{s:?}");
    assert!(s.local_calls_resolved > 300, "{s:?}");
    // Symbol search finds the VPC module's root variable among many.
    let hits = ws.workspace_symbols("enable_nat_gateway", 50);
    assert!(hits.iter().any(|h| h.kind == SymbolKind::Variable
        && h.path
            .ends_with("terraform-aws-modules__terraform-aws-vpc/variables.tf")));
}
