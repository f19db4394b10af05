//! A small unified line diff (`--- a`, `+++ b`, `@@` hunks with 3 lines of context) for the
//! "accept into code" edits. Resource blocks are short, so a plain LCS table is enough; past
//! a size bound the whole range is shown as replaced rather than spending quadratic time.

const CONTEXT: usize = 3;
const MAX_CELLS: usize = 4_000_000;

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Same,
    Del,
    Add,
}

/// Unified diff of `old` → `new` labelled `path`; empty when equal. `first_line` is the
/// 1-based line of `old`'s first line in its file, so hunk headers point at the real lines.
pub fn unified_diff(path: &str, old: &str, new: &str, first_line: usize) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = script(&a, &b);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    // Walk the edit script, emitting hunks around runs of changes.
    let mut i = 0;
    while i < ops.len() {
        if ops[i].0 == Op::Same {
            i += 1;
            continue;
        }
        let start = i.saturating_sub(CONTEXT);
        let mut end = i;
        let mut quiet = 0;
        while end < ops.len() && quiet <= 2 * CONTEXT {
            quiet = if ops[end].0 == Op::Same { quiet + 1 } else { 0 };
            end += 1;
        }
        let end = end - quiet.saturating_sub(CONTEXT).min(quiet);
        let hunk = &ops[start..end];
        let (oa, ob) = (hunk[0].1, hunk[0].2);
        let dels = hunk.iter().filter(|o| o.0 != Op::Add).count();
        let adds = hunk.iter().filter(|o| o.0 != Op::Del).count();
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            oa + first_line,
            dels,
            ob + first_line,
            adds
        ));
        for &(op, ia, ib) in hunk {
            match op {
                Op::Same => out.push_str(&format!(" {}\n", a[ia])),
                Op::Del => out.push_str(&format!("-{}\n", a[ia])),
                Op::Add => out.push_str(&format!("+{}\n", b[ib])),
            }
        }
        i = end;
    }
    out
}

/// (op, index in a, index in b) for every line.
fn script(a: &[&str], b: &[&str]) -> Vec<(Op, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n * m > MAX_CELLS {
        let mut v: Vec<_> = (0..n).map(|i| (Op::Del, i, 0)).collect();
        v.extend((0..m).map(|j| (Op::Add, n, j)));
        return v;
    }
    // lcs[i][j] = LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((Op::Same, i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j]) {
            out.push((Op::Add, i, j));
            j += 1;
        } else {
            out.push((Op::Del, i, j));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_gives_one_hunk() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let d = unified_diff("main.tf", old, new, 10);
        assert_eq!(
            d,
            "--- a/main.tf\n+++ b/main.tf\n@@ -11,7 +11,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified_diff("x", "same\n", "same\n", 1), "");
    }
}
