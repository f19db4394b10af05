//! `cargo xtask bench fmt`: `orbis fmt --check` against `terraform fmt -check -recursive` on a
//! copy of the real-world corpus (2,334 files terraform formats, all already fmt-clean): the
//! median wall time of several runs of each process, their CPU time, and the ratio. Also the
//! library alone in this process (walk, read, format, compare), on all threads.

use anyhow::{bail, Context};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct FmtBenchArgs {
    /// Folder to check (default: ../shared/corpora/realworld beside the repository); it is
    /// copied to a temporary folder first.
    #[arg(long)]
    path: Option<PathBuf>,
    /// Runs of each measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld")
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type()?.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// The files `terraform fmt -recursive` reads (hidden entries skipped).
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            files(&p, out);
        } else if orbis_hcl::format::is_formattable(&p) {
            out.push(p);
        }
    }
}

/// CPU time (user + system) of this process's waited-for children, in seconds.
fn children_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // cutime and cstime, in clock ticks of 1/100 s.
    (field(13) + field(14)) / 100.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `cmd` `repeat` times: median wall time, median child CPU time, last exit code.
fn time_process(
    repeat: usize,
    mut cmd: impl FnMut() -> Command,
) -> anyhow::Result<(Duration, f64, Option<i32>)> {
    let (mut walls, mut cpus, mut code) = (Vec::new(), Vec::new(), None);
    for _ in 0..repeat.max(1) {
        let c0 = children_cpu_seconds();
        let t = Instant::now();
        let out = cmd().output().context("run benchmark process")?;
        walls.push(t.elapsed());
        cpus.push(Duration::from_secs_f64(children_cpu_seconds() - c0));
        code = out.status.code();
    }
    Ok((median(walls), median(cpus).as_secs_f64(), code))
}

/// The release `orbis` beside this (release) xtask binary, (re)built first so the figures are
/// those of the current sources (a no-op when it is up to date).
fn orbis_binary() -> anyhow::Result<PathBuf> {
    let bin = std::env::current_exe()?.with_file_name("orbis");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "orbis-cli"])
        .status()
        .context("build orbis")?;
    if !status.success() || !bin.exists() {
        bail!(
            "could not build the release orbis binary at {}",
            bin.display()
        );
    }
    Ok(bin)
}

pub fn run(args: FmtBenchArgs) -> anyhow::Result<()> {
    let src = args.path.unwrap_or_else(default_corpus);
    if !src.is_dir() {
        bail!("corpus not found: {} (pass --path)", src.display());
    }
    let tmp = std::env::temp_dir().join(format!("orbis-bench-fmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_tree(&src, &tmp)?;
    let result = measure(&tmp, args.repeat);
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn measure(dir: &Path, repeat: usize) -> anyhow::Result<()> {
    let mut list = Vec::new();
    files(dir, &mut list);
    let bytes: u64 = list
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let orbis = orbis_binary()?;
    let threads = rayon::current_num_threads();

    // The library alone: read, format and compare every file, on the rayon pool.
    let mut lib = Vec::new();
    let mut would_change = 0;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        would_change = list
            .par_iter()
            .filter(|p| {
                let b = std::fs::read(p).unwrap_or_default();
                orbis_hcl::format::format_bytes(&b).map_or(true, |f| f.changed)
            })
            .count();
        lib.push(t.elapsed());
    }
    let lib = median(lib);

    let (o_wall, o_cpu, o_code) = time_process(repeat, || {
        let mut c = Command::new(&orbis);
        c.args(["fmt", "--check"]).arg(dir);
        c
    })?;
    let rc = std::env::temp_dir().join(format!("orbis-bench-fmt-{}.tfrc", std::process::id()));
    std::fs::write(&rc, "")?;
    let terraform = time_process(repeat, || {
        let mut c = Command::new("terraform");
        c.args(["fmt", "-check", "-recursive"])
            .arg(dir)
            .env("TF_CLI_CONFIG_FILE", &rc)
            .env("CHECKPOINT_DISABLE", "1");
        c
    });
    let _ = std::fs::remove_file(&rc);

    println!("bench fmt: {} (a temporary copy)", dir.display());
    println!(
        "  files            {} (.tf, .tfvars, .tftest.hcl), {:.1} MB; would change: {would_change}",
        list.len(),
        bytes as f64 / 1e6
    );
    println!("  threads          {threads}");
    println!(
        "  library          {:.3} s wall (median of {repeat}; read \
            + format + compare, all threads)",
        lib.as_secs_f64()
    );
    println!(
        "  orbis fmt        {:.3} s wall, {o_cpu:.2} s CPU (median of {repeat}), exit {}",
        o_wall.as_secs_f64(),
        o_code.map_or("?".into(), |c| c.to_string())
    );
    match terraform {
        Ok((t_wall, t_cpu, t_code)) => {
            println!(
                "  terraform fmt    {:.3} s wall, {t_cpu:.2} s CPU (median of {repeat}), exit {}",
                t_wall.as_secs_f64(),
                t_code.map_or("?".into(), |c| c.to_string())
            );
            println!(
                "  orbis vs terraform  {:.1}x faster (wall), {:.1}x less CPU (goal: 5x)",
                t_wall.as_secs_f64() / o_wall.as_secs_f64(),
                t_cpu / o_cpu.max(0.01)
            );
        }
        Err(e) => println!("  terraform fmt    not measured: {e:#} (is terraform on PATH?)"),
    }
    Ok(())
}
