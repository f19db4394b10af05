//! Accuracy against other tools' fixtures, for every Checkov check and KICS query that one of
//! our rules lists as related. The corpora are read from `../shared/corpora` (never copied).
//!
//! - Checkov (`lint/checkov/expectations.json`): the case's folder is linted with only the
//!   rule; flagged resources ∩ failing = true positives, failing not flagged = false
//!   negatives, passing but flagged = false positives.
//! - KICS (`lint/kics/<query>/test`): each positive/negative `.tf` file alone; an expected
//!   (file, line) is matched by a finding whose span starts on that line or whose resource
//!   block contains it (one finding per expectation); unmatched findings in positives and every
//!   finding in negatives are false positives.
//!
//! The test writes `ACCURACY.md` (per rule figures and every miss) and fails when the overall
//! recall or precision drops below the floors below (set to what the rules reach today).

use orbis_lint::{load, Config, Rule};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const MIN_RECALL: f64 = 0.951;
const MIN_PRECISION: f64 = 0.969;

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/lint")
}

#[derive(Default, Clone)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    misses: Vec<String>,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "tf")
            || p.file_name().is_some_and(|n| n == "terraform.tfvars")
        {
            out.push(p);
        }
    }
}

fn lint_files(rule: &'static dyn Rule, files: &[PathBuf]) -> orbis_lint::LintResult {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let ws = load::load_sources(&refs);
    orbis_lint::lint_workspace(ws, &Config::default(), vec![rule], Instant::now())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn checkov_score(rule: &'static dyn Rule, ckv: &str, cases: &[Value]) -> Score {
    let mut s = Score::default();
    for c in cases
        .iter()
        .filter(|c| c["check_id"] == ckv && c["runner"] == "terraform")
    {
        let (Some(_), Some(_)) = (
            c["passing_resources"].as_array(),
            c["failing_resources"].as_array(),
        ) else {
            continue;
        };
        let mut files = Vec::new();
        for d in strings(&c["dirs"]) {
            files_under(&corpora().join("checkov").join(d), &mut files);
        }
        files.sort();
        let res = lint_files(rule, &files);
        let flagged: BTreeSet<String> = res.active().map(|f| f.resource.clone()).collect();
        let failing: BTreeSet<String> = strings(&c["failing_resources"]).into_iter().collect();
        let passing: BTreeSet<String> = strings(&c["passing_resources"]).into_iter().collect();
        let dir = strings(&c["dirs"]).join(",");
        for r in &failing {
            if flagged.contains(r) {
                s.tp += 1;
            } else {
                s.fn_ += 1;
                s.misses.push(format!("FN {ckv} {dir}: {r}"));
            }
        }
        for r in &passing {
            if flagged.contains(r) {
                s.fp += 1;
                s.misses.push(format!("FP {ckv} {dir}: {r}"));
            }
        }
    }
    s
}

fn kics_score(rule: &'static dyn Rule, query: &Value) -> Score {
    let mut s = Score::default();
    let dir = corpora()
        .join("kics")
        .join(query["dir"].as_str().unwrap_or(""));
    let qdir = query["dir"].as_str().unwrap_or("");
    let expected: Vec<Value> =
        std::fs::read_to_string(dir.join("test/positive_expected_result.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
    let positives = strings(&query["positives"]);
    for p in positives.iter().filter(|p| p.ends_with(".tf")) {
        let fname = Path::new(p)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut want: Vec<u32> = expected
            .iter()
            .filter(|e| {
                let f = e
                    .get("fileName")
                    .or_else(|| e.get("filename"))
                    .and_then(Value::as_str);
                f.map_or(positives.len() == 1, |f| f == fname)
            })
            .filter_map(|e| e["line"].as_u64().map(|l| l as u32))
            .collect();
        want.sort();
        let res = lint_files(rule, &[dir.join(p)]);
        let mut used = vec![false; want.len()];
        for f in res.active() {
            // Prefer an exact line match, else any expectation inside the finding's block.
            let exact = want
                .iter()
                .enumerate()
                .position(|(i, l)| !used[i] && *l == f.span.start_line);
            let inside = || {
                want.iter().enumerate().position(|(i, l)| {
                    !used[i] && *l >= f.object_span.start_line && *l <= f.object_span.end_line
                })
            };
            match exact.or_else(inside) {
                Some(i) => {
                    used[i] = true;
                    s.tp += 1;
                }
                None => {
                    s.fp += 1;
                    s.misses.push(format!(
                        "FP {qdir}/{p}:{} {}",
                        f.span.start_line, f.resource
                    ));
                }
            }
        }
        for (i, l) in want.iter().enumerate() {
            if !used[i] {
                s.fn_ += 1;
                s.misses.push(format!("FN {qdir}/{p}:{l}"));
            }
        }
    }
    for n in strings(&query["negatives"])
        .iter()
        .filter(|p| p.ends_with(".tf"))
    {
        let res = lint_files(rule, &[dir.join(n)]);
        for f in res.active() {
            s.fp += 1;
            s.misses.push(format!(
                "FP {qdir}/{n}:{} {}",
                f.span.start_line, f.resource
            ));
        }
    }
    s
}

#[test]
fn accuracy_on_checkov_and_kics_fixtures() {
    let root = corpora();
    let ckv: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("checkov/expectations.json"))
            .expect("shared corpora missing: ../shared/corpora/lint"),
    )
    .unwrap();
    let cases = ckv["cases"].as_array().cloned().unwrap_or_default();
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root.join("kics/INDEX.json")).unwrap())
            .unwrap();
    let by_id: BTreeMap<&str, &Value> = index
        .iter()
        .filter_map(|q| q["id"].as_str().map(|id| (id, q)))
        .collect();
    let known_ckv: BTreeSet<&str> = cases
        .iter()
        .filter_map(|c| c["check_id"].as_str())
        .collect();

    // Every KICS id a rule lists must be a real query (a typo would silently measure nothing).
    for rule in orbis_lint::all_rules() {
        for k in rule.meta().kics {
            assert!(
                by_id.contains_key(k),
                "{}: KICS id {k} is not in kics/INDEX.json",
                rule.meta().id
            );
        }
    }

    let mut total = Score::default();
    let mut table = String::new();
    let mut misses = String::new();
    for rule in orbis_lint::all_rules() {
        let m = rule.meta();
        let mut rule_score = Score::default();
        let mut sources = Vec::new();
        for c in m.checkov.iter().filter(|c| known_ckv.contains(*c)) {
            let s = checkov_score(rule, c, &cases);
            rule_score.add(&s);
            rule_score.misses.extend(s.misses);
            sources.push(c.to_string());
        }
        for k in m.kics {
            if let Some(q) = by_id.get(k) {
                let s = kics_score(rule, q);
                rule_score.add(&s);
                rule_score.misses.extend(s.misses);
                sources.push(format!("KICS {}", q["dir"].as_str().unwrap_or("")));
            }
        }
        if sources.is_empty() {
            continue;
        }
        total.add(&rule_score);
        let _ = writeln!(
            table,
            "| {} | {} | {} | {} | {} | {:.0}% | {:.0}% |",
            m.id,
            sources.join(", "),
            rule_score.tp,
            rule_score.fp,
            rule_score.fn_,
            rule_score.recall() * 100.0,
            rule_score.precision() * 100.0
        );
        for miss in &rule_score.misses {
            let _ = writeln!(misses, "- {}: {}", m.id, miss);
        }
    }
    let doc = format!(
        "# Accuracy on Checkov and KICS fixtures\n\n\
         Generated by `cargo test -p orbis-lint --test accuracy` (do not edit). Only the Checkov checks\n\
         and KICS queries a rule lists as related are measured; see the test for the matching rules.\n\n\
         **Overall: {} true positives, {} false positives, {} false negatives — recall {:.1}%, precision {:.1}%.**\n\n\
         | rule | fixtures | TP | FP | FN | recall | precision |\n|---|---|---|---|---|---|---|\n{table}\n\
         ## Every miss\n\n{}\n",
        total.tp,
        total.fp,
        total.fn_,
        total.recall() * 100.0,
        total.precision() * 100.0,
        if misses.is_empty() { "None.\n".to_string() } else { misses }
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ACCURACY.md");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(doc.as_str()) {
        std::fs::write(&path, &doc).unwrap();
    }
    println!(
        "overall TP {} FP {} FN {} recall {:.3} precision {:.3}",
        total.tp,
        total.fp,
        total.fn_,
        total.recall(),
        total.precision()
    );
    assert!(total.tp > 0, "no related fixture was measured");
    assert!(
        total.recall() >= MIN_RECALL,
        "recall {:.3} fell below {MIN_RECALL}",
        total.recall()
    );
    assert!(
        total.precision() >= MIN_PRECISION,
        "precision {:.3} fell below {MIN_PRECISION}",
        total.precision()
    );
}
