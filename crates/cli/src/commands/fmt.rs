//! `orbis fmt [--check] [--diff] [--no-recursive] [PATH...]`: rewrite Terraform files in the
//! canonical layout, byte for byte what `terraform fmt` writes (`orbis_hcl::format`).
//!
//! - Without `--check`, changed files are rewritten in place (a temporary file in the same
//!   folder, then a rename; permissions kept; a symlinked file is rewritten at its target) and
//!   listed, one path per line.
//! - `--check` lists the files that would change and writes nothing: exit 1 if any.
//! - `--diff` also prints a unified diff of each change.
//! - Folders are walked recursively (terraform needs `-recursive`; `--no-recursive` gives its
//!   default), skipping hidden entries (`.terraform`, `.git`, `.terragrunt-cache`, ...),
//!   editor backups (`name~`, `#name#`) and `node_modules`. Only the files `terraform fmt`
//!   formats are read: `.tf`, `.tfvars`, `.tftest.hcl`, `.tfmock.hcl`; a file argument with
//!   another name is an error, as with terraform (JSON variants and other `.hcl` files such as
//!   Terragrunt's are not Terraform native syntax files).
//! - `-` reads standard input and writes the result to standard output (like `terraform fmt -`,
//!   the output always ends with a newline); with `--check` it prints nothing, with `--diff`
//!   only the diff.
//! - A file that does not parse is reported with its first syntax error and left untouched.
//!
//! Exit codes: 0 done (or nothing to change with `--check`), 1 `--check` found files to
//! change, 2 a file could not be parsed, read or written, or a usage error.

use super::fmt_diff;
use orbis_hcl::format::{format_bytes, is_formattable, FormattedBytes};
use orbis_hcl::Diagnostic;
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct FmtArgs {
    /// Files or folders (default: the current folder); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Print a unified diff of the changes.
    #[arg(long)]
    pub diff: bool,
    /// Only the files directly in the given folders (terraform fmt's default).
    #[arg(long, conflicts_with = "recursive")]
    pub no_recursive: bool,
    /// Walk folders recursively (the default; accepted for terraform habits).
    #[arg(long)]
    pub recursive: bool,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    /// Changed (and written unless `--check`): old and new text, for `--diff`.
    Changed {
        old: Vec<u8>,
        new: Vec<u8>,
    },
    Syntax(Diagnostic),
    Io {
        code: &'static str,
        message: String,
        hint: &'static str,
    },
}

pub fn run(args: FmtArgs) -> u8 {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() != 1 {
            return usage("`-` (standard input) cannot be combined with other paths");
        }
        return stdin(&args);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = 0usize;
    let mut files = Vec::new();
    for p in &paths {
        match std::fs::metadata(p) {
            Err(e) => {
                report(
                    "ORB-FMT-001",
                    &format!("no file or folder at {} ({e})", p.display()),
                    "pass existing Terraform files or folders",
                );
                errors += 1;
            }
            Ok(m) if m.is_dir() => walk(p, !args.no_recursive, &mut files),
            Ok(_) if is_formattable(p) => files.push(p.clone()),
            Ok(_) => {
                report(
                    "ORB-FMT-002",
                    &format!(
                        "{}: only .tf, .tfvars, .tftest.hcl and .tfmock.hcl files can be formatted",
                        p.display()
                    ),
                    "JSON configuration and other .hcl files (Terragrunt, \
                        Packer) are not Terraform native syntax; terraform fmt \
                        skips them too",
                );
                errors += 1;
            }
        }
    }
    // The same file named twice (`orbis fmt . main.tf`) is formatted once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    let write = !args.check;
    let outcomes: Vec<Outcome> = files.par_iter().map(|p| process(p, write)).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut changed = 0usize;
    for (path, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Changed { old, new } => {
                changed += 1;
                let _ = writeln!(out, "{}", path.display());
                if args.diff {
                    let name = path.display().to_string();
                    let d = fmt_diff::unified(
                        &name,
                        &String::from_utf8_lossy(&old),
                        &String::from_utf8_lossy(&new),
                    );
                    let _ = out.write_all(d.as_bytes());
                }
            }
            Outcome::Syntax(d) => {
                let _ = out.flush();
                report_syntax(&path.display().to_string(), &d);
                errors += 1;
            }
            Outcome::Io {
                code,
                message,
                hint,
            } => {
                let _ = out.flush();
                report(code, &message, hint);
                errors += 1;
            }
        }
    }
    let _ = out.flush();
    if errors > 0 {
        2
    } else if args.check && changed > 0 {
        1
    } else {
        0
    }
}

fn process(path: &Path, write: bool) -> Outcome {
    let old = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Io {
                code: "ORB-FMT-003",
                message: format!("cannot read {}: {e}", path.display()),
                hint: "check the file's permissions",
            }
        }
    };
    let FormattedBytes { bytes, changed } = match format_bytes(&old) {
        Ok(f) => f,
        Err(d) => return Outcome::Syntax(d),
    };
    if !changed {
        return Outcome::Unchanged;
    }
    if write {
        if let Err(e) = write_atomically(path, &bytes) {
            return Outcome::Io {
                code: "ORB-FMT-004",
                message: format!("cannot write {}: {e}", path.display()),
                hint: "check the folder's permissions; the file was left as it was",
            };
        }
    }
    Outcome::Changed { old, new: bytes }
}

/// Writes `bytes` to a temporary file beside the target, with the target's permissions, and
/// renames it over the target: readers see the old or the new file, never a partial one. A
/// symlink is followed, so the link stays a link.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let perms = std::fs::metadata(&target)?.permissions();
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.orbis-fmt.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Formattable files under `dir`, sorted, as `terraform fmt` selects them (hidden entries and
/// editor backups skipped), plus `node_modules` skipped; symlinked folders are not followed.
fn walk(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(PathBuf, bool)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !ignored(&e.file_name().to_string_lossy()))
        .map(|e| {
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            // `main.tf`, not `./main.tf`, as terraform prints it.
            let path = if dir == Path::new(".") {
                PathBuf::from(e.file_name())
            } else {
                e.path()
            };
            (path, is_dir)
        })
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            if recursive {
                walk(&path, recursive, out);
            }
        } else if is_formattable(&path) {
            out.push(path);
        }
    }
}

fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "node_modules"
}

fn stdin(args: &FmtArgs) -> u8 {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        report(
            "ORB-FMT-003",
            &format!("cannot read standard input: {e}"),
            "pipe the file's text to `orbis fmt -`",
        );
        return 2;
    }
    let formatted = match format_bytes(&input) {
        Ok(f) => f,
        Err(d) => {
            report_syntax("<stdin>", &d);
            return 2;
        }
    };
    let mut out = std::io::stdout().lock();
    if args.diff && formatted.changed {
        let d = fmt_diff::unified(
            "<stdin>",
            &String::from_utf8_lossy(&input),
            &String::from_utf8_lossy(&formatted.bytes),
        );
        let _ = out.write_all(d.as_bytes());
    } else if !args.check && !args.diff {
        let mut bytes = formatted.bytes;
        if bytes.last() != Some(&b'\n') {
            bytes.push(b'\n');
        }
        let _ = out.write_all(&bytes);
    }
    let _ = out.flush();
    u8::from(args.check && formatted.changed)
}

fn usage(message: &str) -> u8 {
    report("ORB-FMT-005", message, "see `orbis fmt --help`");
    2
}

fn report(code: &str, message: &str, hint: &str) {
    eprintln!("error[{code}]: {message}\n  hint: {hint}");
}

fn report_syntax(path: &str, d: &Diagnostic) {
    let pos = d.span.start_pos;
    report(
        d.code,
        &format!("{path}:{}:{}: {}", pos.line, pos.column, d.message),
        "fix the syntax error first; the file was not changed (terraform fmt refuses it too)",
    );
}
