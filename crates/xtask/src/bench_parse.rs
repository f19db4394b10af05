//! `cargo xtask bench parse`: the HCL engine on the real-world corpus. Prints files, lines,
//! wall time, files/s, lines/s and peak RSS for (1) the bare tree-sitter parse, (2) the typed
//! model (conversion, comments, diagnostics) and (3) model + module evaluation (variables,
//! locals, count/for_each, local module calls, every resource attribute evaluated), each on
//! one thread and on all threads, and the ratio to checkov's parser (bc-python-hcl2).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// bc-python-hcl2 0.4.3 on the same corpus (PEER_BASELINE.md: 11.9 s and 13.1 s).
const PEER_PARSER_SECONDS: f64 = 12.0;

#[derive(clap::Args)]
pub struct ParseBenchArgs {
    /// Corpus folder (default: ../shared/corpora/realworld next to the repository).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Repetitions; the best time is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".tf") || n.ends_with(".tfvars") || n.ends_with(".hcl"))
        {
            out.push(p);
        }
    }
}

fn peak_rss_mib() -> Option<f64> {
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

fn best(repeat: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    (0..repeat.max(1))
        .map(|_| {
            let t = Instant::now();
            let n = f();
            (t.elapsed(), n)
        })
        .min_by_key(|(d, _)| *d)
        .unwrap_or_default()
}

fn line(label: &str, d: Duration, files: usize, lines: usize) {
    let s = d.as_secs_f64();
    println!(
        "  {label:<34} {s:>7.3} s  {:>8.0} files/s  {:>9.0} lines/s  {:>5.1}x faster than bc-python-hcl2",
        files as f64 / s,
        lines as f64 / s,
        PEER_PARSER_SECONDS / s
    );
}

/// Model + evaluation of one module directory: returns the number of attributes evaluated.
/// Files come from a cache shared by all directories, so each file is parsed once even when
/// many examples call the same module.
fn evaluate_dir(dir: &Path, cache: &orbis_hcl::FileCache, eval: bool) -> usize {
    let m = orbis_hcl::Module::load_cached(dir, &orbis_hcl::ModuleOptions::default(), cache);
    if !eval {
        return m.all_modules().len();
    }
    let mut n = 0;
    for r in m.all_resources() {
        let inst = r.representative();
        for a in &r.body().attributes {
            let _ = inst.eval(&a.expr);
            n += 1;
        }
    }
    n + m.outputs().len()
}

pub fn run(args: ParseBenchArgs) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let corpus = args.corpus.unwrap_or_else(default_corpus);
    let mut paths = Vec::new();
    collect(&corpus, &mut paths);
    paths.sort();
    anyhow::ensure!(
        !paths.is_empty(),
        "no .tf/.tfvars/.hcl files under {}",
        corpus.display()
    );
    let texts: Vec<(PathBuf, String)> = paths
        .iter()
        .map(|p| Ok((p.clone(), std::fs::read_to_string(p)?)))
        .collect::<anyhow::Result<_>>()?;
    let lines: usize = texts.iter().map(|(_, t)| t.lines().count()).sum();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let files = texts.len();
    let threads = rayon::current_num_threads();
    println!(
        "bench parse: {} ({files} files, {lines} lines, {:.1} MB), best of {}",
        corpus.display(),
        bytes as f64 / 1e6,
        args.repeat
    );

    let bare = |t: &(PathBuf, String)| {
        orbis_hcl::parse_tree(&t.1, orbis_hcl::ParseLimits::default()).map_or(1, |_| 0)
    };
    let model = |t: &(PathBuf, String)| orbis_hcl::parse_str(&t.1, &t.0).diagnostics.len();
    let (d, _) = best(args.repeat, || texts.iter().map(bare).sum());
    line("bare tree-sitter, 1 thread", d, files, lines);
    let (d, _) = best(args.repeat, || texts.par_iter().map(bare).sum());
    line(
        &format!("bare tree-sitter, {threads} threads"),
        d,
        files,
        lines,
    );
    let (d, errs) = best(args.repeat, || texts.iter().map(model).sum());
    line("model, 1 thread", d, files, lines);
    let (d, _) = best(args.repeat, || texts.par_iter().map(model).sum());
    line(&format!("model, {threads} threads"), d, files, lines);

    // Model + evaluation: every directory holding .tf files is loaded as a module.
    let dirs: Vec<PathBuf> = texts
        .iter()
        .filter(|t| t.0.extension().is_some_and(|e| e == "tf"))
        .filter_map(|t| t.0.parent().map(Path::to_path_buf))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let run_dirs = |eval: bool, parallel: bool| {
        let cache = orbis_hcl::FileCache::new();
        if parallel {
            dirs.par_iter().map(|d| evaluate_dir(d, &cache, eval)).sum()
        } else {
            dirs.iter().map(|d| evaluate_dir(d, &cache, eval)).sum()
        }
    };
    let (d, modules) = best(args.repeat, || run_dirs(false, false));
    line("model + module load, 1 thread", d, files, lines);
    let (d, attrs) = best(args.repeat, || run_dirs(true, false));
    line("model + load + eval, 1 thread", d, files, lines);
    let (d, _) = best(args.repeat, || run_dirs(true, true));
    line(
        &format!("model + load + eval, {threads} threads"),
        d,
        files,
        lines,
    );
    println!("  {} module directories ({modules} module instances with local calls), {attrs} resource/output attributes evaluated, {errs} parse diagnostics", dirs.len());
    match peak_rss_mib() {
        Some(r) => println!("  peak RSS {r:.1} MiB (VmHWM)"),
        None => println!("  peak RSS n/a"),
    }
    Ok(())
}
