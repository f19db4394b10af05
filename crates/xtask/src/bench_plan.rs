//! `cargo xtask bench plan`: generates a ~100 MB plan JSON from corpus resource changes
//! (replicated with distinct addresses), then times load + summary + risk and reports the
//! peak RSS of exactly that phase against the file size. Goal: < 1.5 s and < 3× the size.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct PlanBenchArgs {
    /// Size of the generated plan in MB.
    #[arg(long, default_value_t = 100)]
    pub size_mb: u64,
    /// Timed runs (best and median are reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}

fn corpus_plans() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/plans")
}

/// Every resource change of the corpus plans, as the pool to replicate.
fn change_pool() -> Result<Vec<Value>> {
    let root = corpus_plans();
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("INDEX.json")).context("corpus INDEX.json")?,
    )?;
    let mut pool = Vec::new();
    for entry in index["plans"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["kind"] == "plan" && p["encoding"].is_null())
    {
        let path = root.join(entry["path"].as_str().unwrap_or_default());
        let Ok(doc) = serde_json::from_slice::<Value>(&std::fs::read(&path)?) else {
            continue;
        };
        pool.extend(
            doc["resource_changes"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
    }
    if pool.is_empty() {
        bail!("no resource changes found under {}", root.display());
    }
    Ok(pool)
}

/// Writes the plan change by change (never holding it in memory) and returns its size.
fn generate(path: &Path, target_bytes: u64) -> Result<(u64, usize)> {
    let pool = change_pool()?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(br#"{"format_version":"1.2","terraform_version":"1.11.4","resource_changes":["#)?;
    let (mut written, mut n) = (0u64, 0usize);
    while written < target_bytes {
        let mut change = pool[n % pool.len()].clone();
        let address = change["address"].as_str().unwrap_or("x.y").to_owned();
        change["address"] = Value::String(format!("module.bench[{n}].{address}"));
        change["module_address"] = Value::String(format!("module.bench[{n}]"));
        let text = serde_json::to_vec(&change)?;
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(&text)?;
        written += text.len() as u64 + 1;
        n += 1;
    }
    out.write_all(b"]}")?;
    out.flush()?;
    Ok((std::fs::metadata(path)?.len(), n))
}

/// CPU time (user + system, all threads) of this process in seconds: unlike wall time it
/// does not grow when other work competes for the cores.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: PlanBenchArgs) -> Result<()> {
    let dir = tempfile_dir()?;
    let path = dir.join("bench-plan.json");
    let t = Instant::now();
    let (size, changes) = generate(&path, args.size_mb << 20)?;
    println!(
        "generated {} ({:.1} MB, {changes} resource changes) in {:.2?}",
        path.display(),
        size as f64 / 1e6,
        t.elapsed()
    );

    // Reset the peak-RSS mark so VmHWM measures the review phase only (Linux clear_refs 5).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_before = proc_status_kb("VmRSS:").unwrap_or(0);
    // The machine is shared: time several runs and report the best and the median.
    let mut times = Vec::new();
    let mut last = None;
    let mut first_peak_kb = None;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let cpu = cpu_seconds();
        let plan = orbis_plan::load_file(&path).map_err(|e| anyhow::anyhow!("{e}"))?;
        let loaded = t.elapsed();
        let summary = orbis_plan::Summary::of(&plan);
        let review = orbis_plan::Review::new(vec![plan]);
        times.push((t.elapsed(), loaded, cpu_seconds() - cpu));
        // Peak of one review; later runs reuse (fragmented) freed memory and would blur it.
        first_peak_kb.get_or_insert_with(|| proc_status_kb("VmHWM:").unwrap_or(0));
        last = Some((summary, review.max_risk()));
        drop(review);
    }
    let peak_kb = first_peak_kb.unwrap_or(0);
    times.sort_by_key(|run| run.0);
    let (best, best_load, best_cpu) = times[0];
    let (median, _, _) = times[times.len() / 2];
    let ratio = (peak_kb * 1024) as f64 / size as f64;
    let load_avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load + summary + risk: best {best:.2?} (load alone {best_load:.2?}, CPU {best_cpu:.2} s), median {median:.2?} of {} runs (goal < 1.5 s); load average {}",
        times.len(),
        load_avg.split_whitespace().next().unwrap_or("?")
    );
    if let Some((summary, max)) = last {
        println!(
            "changes: {} create, {} update, {} delete, {} replace, {} no-op; highest risk {}",
            summary.create,
            summary.update,
            summary.delete,
            summary.replace,
            summary.no_op,
            max.name()
        );
    }
    println!(
        "peak RSS (VmHWM): {:.1} MB (RSS before load {:.1} MB) = {ratio:.2}x the file size (goal < 3x)",
        peak_kb as f64 / 1024.0,
        rss_before as f64 / 1024.0
    );
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir(&dir);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("orbis-bench-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
