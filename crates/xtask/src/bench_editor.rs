//! `cargo xtask bench editor`: the editor's Rust side through `orbis_app::Session`.
//! 1. Keystrokes: a 5,000-line `.tf` built from real corpus resources is opened, then 500
//!    single-character edits type attributes into resources spread over the file (then into
//!    the attributes of a 500-line `locals` block), with brackets and quotes auto-closed as
//!    the app's editor does and raw; each `edit_document` call (UTF-16 conversion,
//!    incremental parse, module lint, diagnostics) is timed, and the same edits on
//!    `orbis_hcl::Document` alone. Goal: p99 < 5 ms.
//! 2. Problems: the whole real-world corpus as one workspace, `workspace_problems` from cold:
//!    time to full diagnostics and RSS after indexing. Goals: < 2 s, < 300 MB. A second call
//!    after one edit shows the cache.

use anyhow::{bail, Context};
use orbis_app::editor::dto::TextChange;
use orbis_app::Session;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct EditorBenchArgs {
    /// Corpus folder (default: ../shared/corpora/realworld beside the repository).
    #[arg(long)]
    path: Option<PathBuf>,
    /// Lines of the generated file.
    #[arg(long, default_value_t = 5_000)]
    lines: usize,
    /// Single-character edits to replay.
    #[arg(long, default_value_t = 500)]
    edits: usize,
    /// Only the keystroke part (skip Problems of the whole corpus).
    #[arg(long)]
    keystrokes_only: bool,
}

pub(crate) fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld")
}

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
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

/// Current resident set size (VmRSS) in MiB.
fn rss_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Resource blocks of the corpus concatenated up to `lines` lines, with unique names.
pub(crate) fn big_file(corpus: &Path, lines: usize) -> String {
    let mut files = Vec::new();
    tf_files(corpus, &mut files);
    let mut text = String::new();
    let mut count = 0usize;
    let mut n = 0usize;
    'outer: for f in &files {
        let file = orbis_hcl::parse_file(f);
        if file.has_errors() {
            continue;
        }
        for b in file.blocks_of("resource") {
            let (Some(t), Some(name)) = (b.labels.first(), b.labels.get(1)) else {
                continue;
            };
            let body = file.text(&b.body.span);
            n += 1;
            let block = format!("resource \"{}\" \"{}_{n}\" {body}\n\n", t.value, name.value);
            count += block.lines().count();
            text.push_str(&block);
            if count >= lines {
                break 'outer;
            }
        }
    }
    text
}

/// Where keystrokes go: typing starts right after each anchor (each unique in the text).
struct Places {
    anchors: Vec<String>,
    what: &'static str,
}

/// `text` with a `locals` block of `lines` attributes in its middle (replacing nothing), and
/// the end of each of its attribute lines as places to type.
fn with_locals_block(text: &str, lines: usize) -> (String, Places) {
    let middle = text[text.len() / 2..]
        .find("\nresource ")
        .map_or(text.len(), |i| text.len() / 2 + i + 1);
    let attrs: String = (0..lines)
        .map(|i| format!("  l{i} = \"v{i}-${{var.region}}\"\n"))
        .collect();
    let with = format!(
        "{}locals {{\n{attrs}}}\n\n{}",
        &text[..middle],
        &text[middle..]
    );
    let anchors = (0..lines)
        .map(|i| format!("\n  l{i} = \"v{i}-${{var.region}}\""))
        .collect();
    (
        with,
        Places {
            anchors,
            what: "attributes of a 500-line locals block",
        },
    )
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Types `tags = { Team = "x" }` as new attributes into resources spread over the file,
/// one keystroke at a time. With `auto_close`, as the app's CodeMirror does (closeBrackets):
/// `{` and `"` insert their closing character too, and typing a closing character in front of
/// the same one only moves the cursor (no edit). Without it, every character is an edit, so
/// braces and quotes stay unbalanced while typing (the worst case for the parser's error
/// recovery).
fn keystrokes(
    corpus: &Path,
    text: &str,
    edits: usize,
    auto_close: bool,
    places: &Places,
) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    std::fs::write(tmp.path().join("main.tf"), text)?;
    std::fs::write(
        tmp.path().join("variables.tf"),
        "variable \"region\" {\n  default = \"eu-west-1\"\n}\n",
    )?;
    let session = Session::new(orbis_store::Store::open_in_memory()?, None);
    session
        .open_workspace(tmp.path())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = Instant::now();
    let doc = session
        .open_document("main.tf")
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let open_time = started.elapsed();
    let line_count = doc.text.lines().count();
    let attr = "\n  tags = { Team = \"x\" }";
    let typed_per_place = attr.chars().count();
    let wanted = edits.div_ceil(typed_per_place).max(1);
    let step = (places.anchors.len() / wanted).max(1);
    let mut version = doc.version;
    let mut current = doc.text.clone();
    let mut times = Vec::with_capacity(edits);
    // The same keystrokes on the parser alone (`orbis_hcl::Document`), to tell the parse from
    // the rest of the call (UTF-16 conversion, module lint, diagnostics).
    let mut parser_doc = orbis_hcl::Document::new(doc.text.clone(), tmp.path().join("main.tf"));
    let mut parse_times = Vec::with_capacity(edits);
    let mut completion_times = Vec::with_capacity(edits);
    let mut approximate = 0usize;
    let mut keys = 0usize;
    let mut diags = 0usize;
    // JSON bytes of each answer, as the app sends them to the webview.
    let mut answer_bytes = Vec::with_capacity(edits);
    let mut typed_places = 0usize;
    'typing: for anchor in places.anchors.iter().step_by(step) {
        // The place moved by what was typed before it: find it again by its anchor (unique).
        let mut at_b = current.find(anchor.as_str()).context("anchor")? + anchor.len();
        typed_places += 1;
        for ch in attr.chars() {
            if keys == edits {
                break 'typing;
            }
            keys += 1;
            let next = current[at_b..].chars().next();
            let insert = match ch {
                '}' | '"' if auto_close && next == Some(ch) => {
                    // Typing over the auto-inserted closing character: no edit.
                    at_b += 1;
                    continue;
                }
                '{' if auto_close => "{}".to_string(),
                '"' if auto_close => "\"\"".to_string(),
                c => c.to_string(),
            };
            let at = current[..at_b].encode_utf16().count() as u32;
            let change = TextChange {
                from: at,
                to: at,
                insert: insert.clone(),
            };
            let t = Instant::now();
            let r = session
                .edit_document("main.tf", version, std::slice::from_ref(&change))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed());
            answer_bytes.push(serde_json::to_vec(&r)?.len());
            let t = Instant::now();
            parser_doc.edit(at_b..at_b, &insert);
            parse_times.push(t.elapsed());
            approximate += usize::from(parser_doc.is_approximate());
            version = r.document.version;
            diags = r.document.diagnostics.len();
            current.insert_str(at_b, &insert);
            at_b += ch.len_utf8();
            // The app's editor asks for completions as a word is typed.
            if ch.is_alphanumeric() {
                let at = current[..at_b].encode_utf16().count() as u32;
                let t = Instant::now();
                let _ = session.completions("main.tf", at);
                completion_times.push(t.elapsed());
            }
        }
    }
    let final_doc = session
        .open_document("main.tf")
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if final_doc.text != current {
        bail!("the buffer differs from the replayed text");
    }
    times.sort();
    parse_times.sort();
    println!(
        "bench editor: keystrokes on a {line_count}-line file ({} bytes) from {}, {}",
        doc.text.len(),
        corpus.display(),
        if auto_close {
            "brackets and quotes auto-closed (as the app's editor types)"
        } else {
            "raw characters (braces and quotes unbalanced while typing)"
        }
    );
    println!(
        "  open_document     {:.1} ms (first parse + module lint)",
        ms(open_time)
    );
    println!(
        "  keystrokes        {keys} typed as attributes into {typed_places} {}: {} edit_document calls",
        places.what,
        times.len()
    );
    println!(
        "  per edit          p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (whole edit_document call; goal p99 < 5 ms)",
        ms(pct(&times, 0.5)),
        ms(pct(&times, 0.99)),
        ms(*times.last().context("no edits")?)
    );
    println!(
        "  parse alone       p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (orbis_hcl::Document::edit; {approximate} edits left syntax errors, the model block-local)",
        ms(pct(&parse_times, 0.5)),
        ms(pct(&parse_times, 0.99)),
        ms(*parse_times.last().context("no edits")?)
    );
    completion_times.sort();
    if !completion_times.is_empty() {
        println!(
            "  completions       p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} requests, one per letter typed, as the editor asks)",
            ms(pct(&completion_times, 0.5)),
            ms(pct(&completion_times, 0.99)),
            ms(*completion_times.last().context("no completions")?),
            completion_times.len()
        );
    }
    answer_bytes.sort_unstable();
    println!(
        "  diagnostics       {diags} on the last edit; answer p50 {} bytes, max {} bytes of JSON",
        answer_bytes
            .get(answer_bytes.len() / 2)
            .copied()
            .unwrap_or(0),
        answer_bytes.last().copied().unwrap_or(0)
    );
    Ok(())
}

pub fn run(args: EditorBenchArgs) -> anyhow::Result<()> {
    let corpus = args.path.unwrap_or_else(default_corpus);
    if !corpus.is_dir() {
        bail!("corpus not found: {} (pass --path)", corpus.display());
    }

    // 1. Keystrokes on a 5,000-line file: into resources spread over the file, then into the
    //    attributes of one 500-line `locals` block in its middle.
    let text = big_file(&corpus, args.lines);
    let resources = Places {
        // Typing right after a resource's header (unique: every resource got a numbered name).
        anchors: text
            .match_indices("\nresource ")
            .map(|(i, _)| {
                let header = &text[i..];
                header[..header.find('{').unwrap_or(0) + 1].to_string()
            })
            .collect(),
        what: "resources",
    };
    for auto_close in [true, false] {
        keystrokes(&corpus, &text, args.edits, auto_close, &resources)?;
    }
    let (with_locals, locals) = with_locals_block(&text, 500);
    for auto_close in [true, false] {
        keystrokes(&corpus, &with_locals, args.edits, auto_close, &locals)?;
    }
    if args.keystrokes_only {
        return Ok(());
    }

    // 2. The whole corpus as one workspace.
    let session = Session::new(orbis_store::Store::open_in_memory()?, None);
    session
        .open_workspace(&corpus)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let rss_before = rss_mib("VmRSS:");
    let t = Instant::now();
    let p = session
        .workspace_problems()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let cold = t.elapsed();
    let rss_after = rss_mib("VmRSS:");
    let t = Instant::now();
    let again = session
        .workspace_problems()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let warm = t.elapsed();
    // One edit in an open document: only its module is linted again.
    let first_tf = again
        .files
        .iter()
        .find(|f| f.path.ends_with(".tf"))
        .map(|f| f.path.clone())
        .context("no .tf file with problems")?;
    let d = session
        .open_document(&first_tf)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    session
        .edit_document(
            &first_tf,
            d.version,
            &[TextChange {
                from: 0,
                to: 0,
                insert: "# edited\n".into(),
            }],
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let t = Instant::now();
    session
        .workspace_problems()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let after_edit = t.elapsed();
    println!("bench editor: workspace_problems on {}", corpus.display());
    println!(
        "  indexed           {} files, {} with problems ({} errors, {} warnings, {} infos)",
        p.indexed_files,
        p.files.len(),
        p.errors,
        p.warnings,
        p.infos
    );
    println!("  threads           {}", rayon::current_num_threads());
    println!(
        "  cold              {:.3} s to full diagnostics (goal < 2 s)",
        cold.as_secs_f64()
    );
    println!("  again (cached)    {:.1} ms", ms(warm));
    println!("  after one edit    {:.1} ms", ms(after_edit));
    match (rss_before, rss_after, rss_mib("VmHWM:")) {
        (Some(b), Some(a), Some(peak)) => println!(
            "  RSS               {a:.0} MiB after indexing (was {b:.0} MiB before; peak {peak:.0} MiB; goal < 300 MB)"
        ),
        _ => println!("  RSS               n/a"),
    }
    Ok(())
}
