//! `cargo xtask bench lint`: lint the real-world corpus (22 module repos, ~2,300 .tf files)
//! and print wall time, throughput, peak RSS, the ratio to Checkov's measured time on this
//! machine kind and the ratio to bare tree-sitter parsing of the same files.

use anyhow::{bail, Context};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Checkov 3.3.30 on realworld/ (corpora/PEER_BASELINE.md): 17 min 37 s wall, one core.
const CHECKOV_SECONDS: f64 = 1057.0;

#[derive(clap::Args)]
pub struct LintBenchArgs {
    /// Folder to lint (default: ../shared/corpora/realworld beside the repository).
    #[arg(long)]
    path: Option<PathBuf>,
    /// Runs of each measurement; the best is reported (the machine is shared).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld")
}

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name()
                .is_some_and(|n| n != ".terraform" && n != ".git")
            {
                tf_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "tf") {
            out.push(p);
        }
    }
}

/// Peak resident set size of this process (VmHWM), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time (user + system) used by this process so far, in seconds, from /proc/self/stat.
/// Unlike wall time it does not grow when other processes compete for the cores.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // Linux reports these in clock ticks of 1/100 s (USER_HZ).
    (field(11) + field(12)) / 100.0
}

/// Best wall time of `repeat` runs, with the CPU time of that run.
fn best<T>(
    repeat: usize,
    mut f: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<(Duration, f64, T)> {
    let mut best: Option<(Duration, f64, T)> = None;
    for _ in 0..repeat.max(1) {
        let (t, c) = (Instant::now(), cpu_seconds());
        let v = f()?;
        let (d, cpu) = (t.elapsed(), cpu_seconds() - c);
        if best.as_ref().is_none_or(|(b, _, _)| d < *b) {
            best = Some((d, cpu, v));
        }
    }
    best.context("no run")
}

pub fn run(args: LintBenchArgs) -> anyhow::Result<()> {
    let dir = args.path.unwrap_or_else(default_corpus);
    if !dir.is_dir() {
        bail!("corpus not found: {} (pass --path)", dir.display());
    }
    let mut files = Vec::new();
    tf_files(&dir, &mut files);
    files.sort();
    let threads = rayon::current_num_threads();

    // Bare grammar: read + tree-sitter parse of every .tf file, same thread pool.
    let (parse_time, parse_cpu, lines) = best(args.repeat, || {
        let lines: usize = files
            .par_iter()
            .map(|p| {
                let text =
                    String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
                let _ = orbis_hcl::parse_tree(&text, orbis_hcl::ParseLimits::default());
                text.lines().count()
            })
            .sum();
        Ok(lines)
    })?;

    // Loading alone (discovery, parse, syntax model, evaluation, adaptation): the rest of the
    // full run below is the rules.
    let (load_time, load_cpu, ws) = best(args.repeat, || {
        orbis_lint::load::load_paths(std::slice::from_ref(&dir)).map_err(|e| anyhow::anyhow!("{e}"))
    })?;
    // Rules alone on the loaded workspace (index, every rule, suppressions, sorting).
    let rules = orbis_lint::enabled_rules(&orbis_lint::Config::default());
    let (rules_time, rules_cpu, _) = best(args.repeat, || {
        Ok(orbis_lint::engine::run(
            &ws,
            &orbis_lint::Config::default(),
            &rules,
        ))
    })?;
    drop(ws);

    // Full lint: discovery, parse, model, evaluation, every rule, suppressions.
    let config = orbis_lint::Config::default();
    let (lint_time, lint_cpu, result) = best(args.repeat, || {
        orbis_lint::lint_paths(std::slice::from_ref(&dir), &config)
            .map_err(|e| anyhow::anyhow!("{e}"))
    })?;
    let rss = peak_rss_mib();

    let secs = lint_time.as_secs_f64();
    let s = &result.summary;
    println!("bench lint: {}", dir.display());
    println!(
        "  files            {} .tf ({} loaded in total), {} lines",
        files.len(),
        s.files,
        lines
    );
    println!("  resources        {}", s.resources);
    println!(
        "  findings         {} ({} suppressed), parse errors {}",
        s.findings, s.suppressed, s.parse_errors
    );
    println!("  rules            {}", result.rules.len());
    println!("  threads          {threads}");
    println!(
        "  wall time        {:.3} s (best of {})",
        secs,
        args.repeat.max(1)
    );
    println!(
        "  CPU time         {lint_cpu:.2} s (user+sys; on {threads} idle cores wall ≈ {:.2} s)",
        lint_cpu / threads as f64
    );
    println!(
        "  throughput       {:.0} files/s, {:.0} lines/s",
        files.len() as f64 / secs,
        lines as f64 / secs
    );
    match rss {
        Some(r) => println!("  peak RSS         {r:.1} MiB (VmHWM)"),
        None => println!("  peak RSS         n/a (/proc/self/status unreadable)"),
    }
    println!("  bare parse       {:.3} s wall, {parse_cpu:.2} s CPU (tree-sitter only, same files and threads)", parse_time.as_secs_f64());
    println!(
        "  load only        {:.3} s wall, {load_cpu:.2} s CPU (parse + model + evaluation)",
        load_time.as_secs_f64()
    );
    println!(
        "  rules only       {:.3} s wall, {rules_cpu:.2} s CPU ({} rules on the loaded workspace)",
        rules_time.as_secs_f64(),
        rules.len()
    );
    println!(
        "  lint / parse     {:.2}x wall, {:.2}x CPU",
        secs / parse_time.as_secs_f64(),
        lint_cpu / parse_cpu.max(0.01)
    );
    println!(
        "  vs Checkov       {:.0}x faster ({CHECKOV_SECONDS} s, PEER_BASELINE.md)",
        CHECKOV_SECONDS / secs
    );
    Ok(())
}
