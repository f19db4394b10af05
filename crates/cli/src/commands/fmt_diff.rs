//! Unified diff of two texts by lines (Myers' O(ND) algorithm), for `orbis fmt --diff`. The
//! headers follow what `terraform fmt -diff` prints (`--- old/PATH`, `+++ new/PATH`).

/// One edit of the line script.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Keep,
    Delete,
    Insert,
}

/// Lines with their terminator, so a missing final newline shows.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// An edit script from `a` to `b`. Formatting changes lines in place far more often than it
/// removes any, so after trimming the common ends, equal-length middles are paired line by
/// line; otherwise Myers' shortest edit script is used, bounded (past `MAX_D` edits the middle
/// is shown as replaced whole, still a correct diff).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Keep; prefix];
    if am.len() == bm.len() {
        let mut k = 0;
        while k < am.len() {
            if am[k] == bm[k] {
                ops.push(Op::Keep);
                k += 1;
                continue;
            }
            let run = (k..am.len()).take_while(|&i| am[i] != bm[i]).count();
            ops.extend(std::iter::repeat_n(Op::Delete, run));
            ops.extend(std::iter::repeat_n(Op::Insert, run));
            k += run;
        }
    } else {
        match myers(am, bm) {
            Some(middle) => ops.extend(middle),
            None => {
                ops.extend(std::iter::repeat_n(Op::Delete, am.len()));
                ops.extend(std::iter::repeat_n(Op::Insert, bm.len()));
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Keep, suffix));
    ops
}

const MAX_D: isize = 2000;

/// Myers' algorithm; the frontier of step `d` is kept for diagonals `-d..=d` only.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let get = |v: &[isize], d: isize, k: isize| -> isize {
        // v holds diagonals -d..=d of one step; outside them, the start value 0.
        if k < -d || k > d {
            0
        } else {
            v[(k + d) as usize]
        }
    };
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut prev: Vec<isize> = Vec::new();
    let mut found = None;
    for d in 0..=(n + m).min(MAX_D) {
        let mut cur = vec![0isize; (2 * d + 1) as usize];
        let pd = d - 1;
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && get(&prev, pd, k - 1) < get(&prev, pd, k + 1));
            let mut x = if d == 0 {
                0
            } else if down {
                get(&prev, pd, k + 1)
            } else {
                get(&prev, pd, k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            cur[(k + d) as usize] = x;
            if x >= n && y >= m {
                found = Some(d);
                break;
            }
            k += 2;
        }
        trace.push(cur.clone());
        prev = cur;
        if found.is_some() {
            break;
        }
    }
    let dmax = found?;
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=dmax).rev() {
        let v = &trace[(d - 1) as usize];
        let pd = d - 1;
        let k = x - y;
        let prev_k = if k == -d || (k != d && get(v, pd, k - 1) < get(v, pd, k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = get(v, pd, prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Keep);
            x -= 1;
            y -= 1;
        }
        ops.push(if x == prev_x { Op::Insert } else { Op::Delete });
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        ops.push(Op::Keep);
        x -= 1;
        y -= 1;
    }
    ops.reverse();
    Some(ops)
}

/// A unified diff with three lines of context; empty when the texts are equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (a, b) = (lines(old), lines(new));
    let ops = script(&a, &b);
    // Positions (in a and b) before each op.
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Keep => {
                i += 1;
                j += 1;
            }
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }
    pos.push((i, j));
    const CONTEXT: usize = 3;
    let mut out = format!("--- old/{path}\n+++ new/{path}\n");
    let mut k = 0;
    while k < ops.len() {
        if ops[k] == Op::Keep {
            k += 1;
            continue;
        }
        // A hunk: from CONTEXT keeps before the change through the last change followed by
        // fewer than 2*CONTEXT keeps, plus CONTEXT keeps after it.
        let start = k.saturating_sub(CONTEXT);
        let start = (start..k)
            .find(|&s| ops[s..k].iter().all(|o| *o == Op::Keep))
            .unwrap_or(k);
        let mut end = k;
        let mut e = k;
        while e < ops.len() {
            if ops[e] != Op::Keep {
                end = e + 1;
                e += 1;
                continue;
            }
            let run = ops[e..].iter().take_while(|o| **o == Op::Keep).count();
            if e + run < ops.len() && run <= 2 * CONTEXT {
                e += run;
            } else {
                break;
            }
        }
        let stop = (end + CONTEXT).min(ops.len());
        let stop = (end..stop)
            .take_while(|&s| ops[s] == Op::Keep)
            .last()
            .map_or(end, |s| s + 1);
        let (a0, b0) = pos[start];
        let (a1, b1) = pos[stop];
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a0, a1 - a0),
            range(b0, b1 - b0)
        ));
        for idx in start..stop {
            let (ai, bi) = pos[idx];
            let (mark, line) = match ops[idx] {
                Op::Keep => (' ', a[ai]),
                Op::Delete => ('-', a[ai]),
                Op::Insert => ('+', b[bi]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        k = stop;
    }
    out
}

fn range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, diff: &str) -> String {
        // Rebuild the new text from the old one and the hunks, to check the diff.
        let a = lines(old);
        let mut out = String::new();
        let mut i = 0;
        let mut body = diff.lines().skip(2).peekable();
        while let Some(h) = body.next() {
            let spec = h.trim_start_matches("@@ -").split(' ').next().unwrap();
            let (s, len) = spec.split_once(',').unwrap_or((spec, "1"));
            let (s, len): (usize, usize) = (s.parse().unwrap(), len.parse().unwrap());
            let s = if len == 0 { s } else { s - 1 };
            while i < s {
                out.push_str(a[i]);
                i += 1;
            }
            while let Some(l) = body.peek() {
                if l.starts_with("@@") {
                    break;
                }
                let l = body.next().unwrap();
                let no_nl = body.peek() == Some(&"\\ No newline at end of file");
                if no_nl {
                    body.next();
                }
                let text = if no_nl {
                    l[1..].to_string()
                } else {
                    format!("{}\n", &l[1..])
                };
                match &l[..1] {
                    " " => {
                        out.push_str(&text);
                        i += 1;
                    }
                    "-" => i += 1,
                    _ => out.push_str(&text),
                }
            }
        }
        while i < a.len() {
            out.push_str(a[i]);
            i += 1;
        }
        out
    }

    #[test]
    fn diffs_apply_back() {
        let cases = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("", "x\n"),
            ("x\n", ""),
            ("a=1\nbb=2\n", "a  = 1\nbb = 2\n"),
            (
                "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
                "1\n2x\n3\n4\n5\n6\n7\n8\n9\n10\n11x\n12\n",
            ),
            ("a\nb", "a\nb\n"),
            ("p\nq\nr\ns\n", "q\nr\nt\ns\nu\n"),
            ("a = \"${\nx\n}\"\nb = 1\n", "a = x\nb = 1\n"),
            ("x\ny\nz\n", "y\n"),
        ];
        for (old, new) in cases {
            let d = unified("f.tf", old, new);
            assert!(d.starts_with("--- old/f.tf\n+++ new/f.tf\n@@ -"), "{d}");
            assert_eq!(apply(old, &d), new, "diff:\n{d}");
        }
        assert_eq!(unified("f.tf", "same\n", "same\n"), "");
    }

    #[test]
    fn hunks_have_context() {
        let old: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let new = old.replace("l10\n", "L10\n");
        let d = unified("f.tf", &old, &new);
        assert!(
            d.contains("@@ -7,7 +7,7 @@\n l7\n l8\n l9\n-l10\n+L10\n l11\n l12\n l13\n"),
            "{d}"
        );
    }
}
