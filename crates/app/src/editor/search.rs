//! Find in files: text or regular expression over the workspace's files (gitignore-aware, in
//! parallel, open buffers searched instead of the disk, binary and huge files skipped, hits
//! capped), and a symbol search over the names Terraform files declare (variables, resources,
//! data sources, modules, outputs, locals, providers).

use super::disk::{self, DiskStamp};
use super::dto::{SearchHit, SearchQuery, SearchResults};
use super::utf16::{self, LineMap};
use crate::error::{AppError, ErrorCode};
use crate::workspace::Workspace;
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// At most this many hits are returned (`truncated` says when more were found).
pub const MAX_HITS: usize = 2_000;
/// Files larger than this are not searched.
pub const MAX_SEARCH_BYTES: u64 = 4 * 1024 * 1024;
/// Preview lines longer than this are cut around the match.
const PREVIEW_CHARS: usize = 200;

fn build_regex(q: &SearchQuery) -> Result<Regex, AppError> {
    let pattern = if q.regex {
        q.text.clone()
    } else {
        regex::escape(&q.text)
    };
    let pattern = if q.whole_word {
        format!(r"\b(?:{pattern})\b")
    } else {
        pattern
    };
    RegexBuilder::new(&pattern)
        .case_insensitive(!q.case_sensitive)
        .multi_line(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let detail = e.to_string();
            let last = detail.lines().last().unwrap_or("").trim().to_string();
            AppError::new(
                ErrorCode::SearchInvalid,
                format!("Invalid regular expression {:?}", q.text),
                if last.is_empty() {
                    "Check the expression's syntax, or turn off regular expressions to search the text as typed.".to_string()
                } else {
                    format!("{last}. Turn off regular expressions to search the text as typed.")
                },
            )
        })
}

fn millis(started: Instant) -> u32 {
    u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX)
}

/// Text of a file for searching: the open buffer, else the disk (`None`: binary, huge,
/// unreadable).
fn text_of(path: &Path, open: &HashMap<PathBuf, Arc<str>>) -> Option<Arc<str>> {
    if let Some(t) = open.get(path) {
        return Some(t.clone());
    }
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_SEARCH_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    Some(Arc::from(String::from_utf8_lossy(&bytes).as_ref()))
}

/// The line of a hit, cut to ~200 characters around the match, and the match's UTF-16 range
/// within that preview.
fn preview(map: &LineMap, start: usize, end: usize) -> (String, u32, u32) {
    let text = map.text();
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let (ms, me) = (
        start - line_start,
        end.min(line_end).max(start) - line_start,
    );
    // Trim leading whitespace (lists show code without indentation).
    let lead = line.len() - line.trim_start().len();
    let mut from = lead.min(ms);
    let mut to = line.trim_end().len().max(me);
    if line[from..to].chars().count() > PREVIEW_CHARS {
        // Keep ~60 chars before the match and the rest after it.
        let before: Vec<usize> = line[from..ms]
            .char_indices()
            .map(|(i, _)| from + i)
            .collect();
        if before.len() > 60 {
            from = before[before.len() - 60];
        }
        let end_at = line[from..]
            .char_indices()
            .nth(PREVIEW_CHARS)
            .map_or(to, |(i, _)| from + i);
        to = end_at.max(me).min(line.len());
    }
    let preview = line[from..to].trim_end_matches('\r').to_string();
    let pf = utf16::len(&line[from..ms]);
    let pt = pf + utf16::len(&line[ms..me]);
    (preview, pf, pt)
}

pub fn search_text(
    ws: &Workspace,
    q: &SearchQuery,
    open: &HashMap<PathBuf, Arc<str>>,
) -> Result<SearchResults, AppError> {
    let started = Instant::now();
    if q.text.is_empty() {
        return Ok(SearchResults {
            hits: Vec::new(),
            files_searched: 0,
            truncated: false,
            millis: 0,
        });
    }
    let re = build_regex(q)?;
    let root = ws.root();
    let hits: Mutex<Vec<(PathBuf, usize, SearchHit)>> = Mutex::new(Vec::new());
    let count = AtomicU32::new(0);
    let searched = AtomicU32::new(0);
    let truncated = AtomicBool::new(false);
    let search_one = |path: &Path| -> bool {
        let Some(text) = text_of(path, open) else {
            return true;
        };
        searched.fetch_add(1, Ordering::Relaxed);
        let mut matches = re.find_iter(&text).filter(|m| !m.is_empty()).peekable();
        if matches.peek().is_none() {
            return true;
        }
        let map = LineMap::new(&text);
        let rel = ws
            .relative(path)
            .unwrap_or_else(|| path.display().to_string());
        let mut found = Vec::new();
        let mut more = true;
        for m in matches {
            if count.fetch_add(1, Ordering::Relaxed) as usize >= MAX_HITS {
                truncated.store(true, Ordering::Relaxed);
                more = false;
                break;
            }
            let (p, pf, pt) = preview(&map, m.start(), m.end());
            found.push((
                path.to_path_buf(),
                m.start(),
                SearchHit {
                    path: rel.clone(),
                    range: map.range(m.start(), m.end()),
                    preview: p,
                    preview_from: pf,
                    preview_to: pt,
                    kind: None,
                },
            ));
        }
        hits.lock().unwrap_or_else(|p| p.into_inner()).extend(found);
        more
    };
    // Open buffers first (they may not exist on disk), then the disk.
    for p in open.keys() {
        if p.starts_with(root) && !search_one(p) {
            break;
        }
    }
    if !truncated.load(Ordering::Relaxed) {
        ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .ignore(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && super::problems::SKIP_DIRS
                        .iter()
                        .any(|s| e.file_name() == *s))
            })
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    let Ok(e) = entry else {
                        return ignore::WalkState::Continue;
                    };
                    if !e.file_type().is_some_and(|t| t.is_file())
                        || disk::is_temp(e.path())
                        || open.contains_key(e.path())
                    {
                        return ignore::WalkState::Continue;
                    }
                    if search_one(e.path()) {
                        ignore::WalkState::Continue
                    } else {
                        ignore::WalkState::Quit
                    }
                })
            });
    }
    let mut hits = hits.into_inner().unwrap_or_else(|p| p.into_inner());
    hits.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    hits.truncate(MAX_HITS);
    Ok(SearchResults {
        hits: hits.into_iter().map(|(_, _, h)| h).collect(),
        files_searched: searched.load(Ordering::Relaxed),
        truncated: truncated.load(Ordering::Relaxed),
        millis: millis(started),
    })
}

/// A declared name in a Terraform file.
#[derive(Clone, Debug)]
struct Symbol {
    /// `var.region` style is not used: the name as declared (`aws_s3_bucket.logs` for
    /// resources, `data.aws_ami.ubuntu` for data sources).
    name: String,
    kind: &'static str,
    start: usize,
    end: usize,
}

/// A file's stamp, its symbols and its text.
type SymbolEntry = (DiskStamp, Arc<Vec<Symbol>>, Arc<str>);

/// Symbols per file, kept while the file's stamp is unchanged.
#[derive(Default)]
pub struct SymbolCache {
    files: HashMap<PathBuf, SymbolEntry>,
}

fn symbols_of(file: &orbis_hcl::File) -> Vec<Symbol> {
    let mut out = Vec::new();
    for b in &file.body.blocks {
        let kind: &'static str = match b.kind.name.as_str() {
            "variable" => "variable",
            "resource" => "resource",
            "data" => "data",
            "module" => "module",
            "output" => "output",
            "provider" => "provider",
            "locals" => {
                for a in &b.body.attributes {
                    out.push(Symbol {
                        name: a.name.name.clone(),
                        kind: "local",
                        start: a.name.span.start as usize,
                        end: a.name.span.end as usize,
                    });
                }
                continue;
            }
            _ => continue,
        };
        let (name, span) = match (kind, b.labels.as_slice()) {
            ("resource", [t, n, ..]) => (format!("{}.{}", t.value, n.value), t.span.to(&n.span)),
            ("data", [t, n, ..]) => (format!("data.{}.{}", t.value, n.value), t.span.to(&n.span)),
            (_, [l, ..]) => (l.value.clone(), l.span),
            _ => continue,
        };
        out.push(Symbol {
            name,
            kind,
            start: span.start as usize,
            end: span.end as usize,
        });
    }
    out
}

pub fn search_symbols(
    ws: &Workspace,
    q: &SearchQuery,
    open: &HashMap<PathBuf, Arc<str>>,
    cache: &mut SymbolCache,
) -> Result<SearchResults, AppError> {
    let started = Instant::now();
    let re = build_regex(q)?;
    let root = ws.root();
    let mut files = super::problems::walk(root, |p| {
        p.extension().is_some_and(|e| e == "tf" || e == "tofu")
    });
    for p in open.keys() {
        if p.starts_with(root)
            && p.extension().is_some_and(|e| e == "tf" || e == "tofu")
            && !files.contains(p)
        {
            files.push(p.clone());
        }
    }
    let mut hits = Vec::new();
    let mut truncated = false;
    for path in &files {
        let entry = match open.get(path) {
            Some(text) => {
                let file = orbis_hcl::parse_str(text, path.as_path());
                (Arc::new(symbols_of(&file)), text.clone())
            }
            None => {
                let known = cache.files.get(path).map(|e| e.0);
                let stamp = DiskStamp::current(path, &known.unwrap_or_else(DiskStamp::missing))
                    .unwrap_or_else(|_| DiskStamp::missing());
                match cache.files.get(path) {
                    Some((s, syms, text)) if *s == stamp => (syms.clone(), text.clone()),
                    _ => {
                        let Some(text) = text_of(path, &HashMap::new()) else {
                            continue;
                        };
                        let file = orbis_hcl::parse_str(&text, path.as_path());
                        let syms = Arc::new(symbols_of(&file));
                        cache
                            .files
                            .insert(path.clone(), (stamp, syms.clone(), text.clone()));
                        (syms, text)
                    }
                }
            }
        };
        let (syms, text) = entry;
        let matching: Vec<&Symbol> = syms
            .iter()
            .filter(|s| q.text.is_empty() || re.is_match(&s.name))
            .collect();
        if matching.is_empty() {
            continue;
        }
        let map = LineMap::new(&text);
        let rel = ws
            .relative(path)
            .unwrap_or_else(|| path.display().to_string());
        for s in matching {
            if hits.len() >= MAX_HITS {
                truncated = true;
                break;
            }
            let (p, pf, pt) = preview(&map, s.start, s.end);
            hits.push(SearchHit {
                path: rel.clone(),
                range: map.range(s.start, s.end),
                preview: p,
                preview_from: pf,
                preview_to: pt,
                kind: Some(s.kind.to_string()),
            });
        }
    }
    cache.files.retain(|p, _| files.contains(p));
    Ok(SearchResults {
        hits,
        files_searched: files.len() as u32,
        truncated,
        millis: millis(started),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_marks_the_match_in_utf16() {
        let text = "a\n    x = \"é😀 needle\"\nb";
        let map = LineMap::new(text);
        let start = text.find("needle").unwrap();
        let (p, f, t) = preview(&map, start, start + 6);
        assert_eq!(p, "x = \"é😀 needle\"");
        let units: Vec<u16> = p.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[f as usize..t as usize]).unwrap(),
            "needle"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let text = format!("{}needle{}", "a".repeat(500), "b".repeat(500));
        let map = LineMap::new(&text);
        let (p, f, t) = preview(&map, 500, 506);
        assert!(p.chars().count() <= PREVIEW_CHARS + 6, "{}", p.len());
        assert_eq!(&p[f as usize..t as usize], "needle");
    }
}
