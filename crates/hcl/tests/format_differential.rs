//! The formatter against `terraform fmt`, on real data.
//!
//! - Every file of `realworld/` that `terraform fmt` processes (`.tf`, `.tfvars`, `.tftest.hcl`,
//!   `.tfmock.hcl`; the corpus is fmt-clean) comes out unchanged.
//! - A variant of each with every line's indentation removed and the alignment padding before
//!   `=` collapsed (outside strings, comments and heredocs) is formatted back to the original
//!   byte for byte, as `terraform fmt` does. Known exceptions would be listed with a reason in
//!   `tests/format_expected_mismatches.txt`; any other mismatch fails the test.
//! - Live, when `terraform` is on PATH: variants of a sample of corpus files (indentation
//!   removed or shuffled, messy spacing and tabs, extra blank lines, comments in odd places)
//!   plus hand-written edge cases go through one `terraform fmt -recursive` run and through
//!   the formatter; outputs (or the refusal of a file with syntax errors) must agree.
//!
//! `ORBIS_FMT_DUMP_VARIANTS=DIR` writes the stripped variants to DIR, to check the variant
//! generator against terraform itself (`terraform fmt -recursive DIR`, then compare).
//! `ORBIS_FMT_LIVE_VERBOSE=1` lists the live cases both tools refused.

use orbis_hcl::format::{format_bytes, is_formattable};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn realworld() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/realworld");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: shared corpora not found at {}", p.display());
        None
    }
}

fn formattable_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            formattable_files(&p, out);
        } else if is_formattable(&p) {
            out.push(p);
        }
    }
}

fn corpus_files() -> Option<(PathBuf, Vec<PathBuf>)> {
    let root = realworld()?;
    let mut files = Vec::new();
    formattable_files(&root, &mut files);
    assert!(files.len() > 2000, "realworld has {} files", files.len());
    Some((root, files))
}

#[test]
fn realworld_files_are_left_unchanged() {
    let Some((root, files)) = corpus_files() else {
        return;
    };
    let mut changed = Vec::new();
    for p in &files {
        let src = std::fs::read(p).unwrap();
        match format_bytes(&src) {
            Ok(f) if !f.changed && f.bytes == src => {}
            Ok(_) => changed.push(format!("{}: reformatted", rel(&root, p))),
            Err(d) => changed.push(format!("{}: refused: {}", rel(&root, p), d.message)),
        }
    }
    let ok = files.len() - changed.len();
    println!(
        "realworld unchanged by the formatter: {ok}/{} ({:.2}%)",
        files.len(),
        100.0 * ok as f64 / files.len() as f64
    );
    assert!(
        changed.is_empty(),
        "files changed or refused:\n{}",
        changed.join("\n")
    );
}

#[test]
fn stripped_variants_are_restored() {
    let Some((root, files)) = corpus_files() else {
        return;
    };
    let expected = expected_mismatches();
    let dump = std::env::var_os("ORBIS_FMT_DUMP_VARIANTS").map(PathBuf::from);
    let (mut restored, mut differing, mut unexpected) = (0usize, 0usize, Vec::new());
    for p in &files {
        let src = std::fs::read(p).unwrap();
        let Ok(text) = String::from_utf8(src.clone()) else {
            continue;
        };
        let variant = strip_variant(&text);
        let name = rel(&root, p);
        if let Some(d) = &dump {
            let out = d.join(&name);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(out, &variant).unwrap();
        }
        if variant.as_bytes() != src.as_slice() {
            differing += 1;
        }
        let ok = matches!(format_bytes(variant.as_bytes()), Ok(f) if f.bytes == src);
        if ok {
            restored += 1;
        } else if !expected.contains_key(&name) {
            unexpected.push(name);
        }
    }
    println!(
        "stripped variants restored: {restored}/{} ({:.2}%); \
            {differing} variants differ from their original",
        files.len(),
        100.0 * restored as f64 / files.len() as f64
    );
    assert!(
        differing > files.len() * 9 / 10,
        "the variant generator changed only {differing} files"
    );
    assert!(
        unexpected.is_empty(),
        "variants not restored (and not in format_expected_mismatches.txt):\n{}",
        unexpected.join("\n")
    );
}

/// `path<TAB>reason` lines; `#` starts a comment.
fn expected_mismatches() -> BTreeMap<String, String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/format_expected_mismatches.txt");
    let text = std::fs::read_to_string(p).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

// ---- variant generation -------------------------------------------------------------------

/// Where a byte of a file is, for the mutators: only `Code` may be touched.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Zone {
    Code,
    /// Start of a line in code (its indentation may change).
    LineStart,
    Protected,
}

/// Classifies each byte: strings, comments and heredocs (introducer through closing marker)
/// are protected; brackets inside `${ }` are tracked so the string resumes after `}`.
fn zones(src: &[u8]) -> Vec<Zone> {
    #[derive(PartialEq)]
    enum Ctx {
        Code,
        Str,
        Interp,
        Brace,
    }
    let mut z = vec![Zone::Code; src.len()];
    let mut stack = vec![Ctx::Code];
    let mut i = 0;
    let mut line_start = true;
    while i < src.len() {
        let c = src[i];
        let top = stack.last().unwrap_or(&Ctx::Code);
        if *top == Ctx::Str {
            z[i] = Zone::Protected;
            match c {
                b'\\' => {
                    if i + 1 < src.len() {
                        z[i + 1] = Zone::Protected;
                    }
                    i += 2;
                    continue;
                }
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if src.get(i + 1) == Some(&c) && src.get(i + 2) == Some(&b'{') => {
                    z[i + 1] = Zone::Protected;
                    z[i + 2] = Zone::Protected;
                    i += 3;
                    continue;
                }
                b'$' | b'%' if src.get(i + 1) == Some(&b'{') => {
                    z[i + 1] = Zone::Protected;
                    stack.push(Ctx::Interp);
                    i += 2;
                    continue;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        // Code, interpolation or braces inside them.
        if line_start {
            let mut j = i;
            while j < src.len() && (src[j] == b' ' || src[j] == b'\t') {
                z[j] = Zone::LineStart;
                j += 1;
            }
            line_start = false;
            if j > i {
                i = j;
                continue;
            }
        }
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'#' => i = protect_until_newline(&mut z, src, i),
            b'/' if src.get(i + 1) == Some(&b'/') => i = protect_until_newline(&mut z, src, i),
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = find(src, i + 2, b"*/").map_or(src.len(), |e| e + 2);
                z[i..end].fill(Zone::Protected);
                i = end;
            }
            b'"' => {
                z[i] = Zone::Protected;
                stack.push(Ctx::Str);
                i += 1;
            }
            b'{' => {
                stack.push(Ctx::Brace);
                i += 1;
            }
            b'}' => {
                if *top == Ctx::Interp {
                    z[i] = Zone::Protected;
                }
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            b'<' if src.get(i + 1) == Some(&b'<') => match heredoc_end(src, i) {
                Some(end) => {
                    z[i..end].fill(Zone::Protected);
                    i = end;
                    line_start = true;
                }
                None => i += 2,
            },
            _ => i += 1,
        }
    }
    z
}

fn protect_until_newline(z: &mut [Zone], src: &[u8], i: usize) -> usize {
    let end = src[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |p| i + p + 1);
    z[i..end].fill(Zone::Protected);
    end
}

fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    src.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// `<<EOT` / `<<-EOT` at `i` followed by a newline: the end of its closing marker line.
fn heredoc_end(src: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 2;
    if src.get(j) == Some(&b'-') {
        j += 1;
    }
    let s = j;
    while j < src.len() && (src[j].is_ascii_alphanumeric() || src[j] == b'_' || src[j] == b'-') {
        j += 1;
    }
    if j == s {
        return None;
    }
    let marker = &src[s..j];
    if src.get(j) == Some(&b'\r') {
        j += 1;
    }
    if src.get(j) != Some(&b'\n') {
        return None;
    }
    let mut line = j + 1;
    while line < src.len() {
        let end = src[line..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(src.len(), |p| line + p + 1);
        let text = std::str::from_utf8(&src[line..end]).unwrap_or("");
        if text.trim().as_bytes() == marker {
            return Some(end);
        }
        line = end;
    }
    None
}

/// Indentation removed, runs of spaces before an assignment `=` collapsed to one.
fn strip_variant(text: &str) -> String {
    let src = text.as_bytes();
    let z = zones(src);
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        match z[i] {
            Zone::LineStart => {
                i += 1;
                continue;
            }
            Zone::Code if src[i] == b' ' => {
                let mut j = i;
                while j < src.len() && src[j] == b' ' && z[j] == Zone::Code {
                    j += 1;
                }
                let assign = src.get(j) == Some(&b'=')
                    && z[j] == Zone::Code
                    && !matches!(src.get(j + 1), Some(b'=' | b'>'));
                if assign {
                    out.push(b' ');
                } else {
                    out.extend_from_slice(&src[i..j]);
                }
                i = j;
                continue;
            }
            _ => out.push(src[i]),
        }
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII spaces removed")
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn is_operator_byte(b: u8) -> bool {
    b"=<>!&|:.*+-/%?~^".contains(&b)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Random whitespace changes that keep the token sequence: indentation replaced by 0-7
/// spaces or tabs, extra spaces and tabs between tokens, spaces removed where a token
/// boundary stays visible.
fn messy_variant(text: &str, rng: &mut Rng) -> String {
    let src = text.as_bytes();
    let z = zones(src);
    let mut out = Vec::with_capacity(src.len() * 2);
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        match z[i] {
            Zone::LineStart => {
                let mut j = i;
                while j < src.len() && z[j] == Zone::LineStart {
                    j += 1;
                }
                for _ in 0..rng.below(8) {
                    out.push(if rng.chance(20) { b'\t' } else { b' ' });
                }
                i = j;
                continue;
            }
            Zone::Code if c == b' ' || c == b'\t' => {
                let prev = out.last().copied().unwrap_or(b'\n');
                let next = src.get(i + 1).copied().unwrap_or(b'\n');
                // Dropping a space is safe only between punctuation that cannot merge.
                let droppable = !is_word_byte(prev)
                    && !is_word_byte(next)
                    && !is_operator_byte(prev)
                    && !is_operator_byte(next)
                    && prev != b'"'
                    && next != b'"';
                if droppable && rng.chance(50) {
                } else {
                    out.push(c);
                    for _ in 0..rng.below(3) {
                        out.push(if rng.chance(25) { b'\t' } else { b' ' });
                    }
                }
            }
            Zone::Code if matches!(c, b',' | b'(' | b'[' | b'{' | b'?') => {
                out.push(c);
                if z.get(i + 1) == Some(&Zone::Code)
                    && !matches!(src.get(i + 1), Some(b'\n' | b'\r'))
                    && rng.chance(30)
                {
                    out.extend(std::iter::repeat_n(b' ', 1 + rng.below(3) as usize));
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII whitespace changed")
}

/// Extra blank lines, comments at line ends and after `=`/`(`/block headers.
fn commented_variant(text: &str, rng: &mut Rng) -> String {
    let src = text.as_bytes();
    let z = zones(src);
    let mut out = Vec::with_capacity(src.len() * 2);
    for (i, &c) in src.iter().enumerate() {
        let code = z[i] == Zone::Code;
        if c == b'\n' && code && out.last() != Some(&b'\r') {
            if rng.chance(15) {
                out.extend_from_slice(if rng.chance(50) {
                    b" # note"
                } else {
                    b" // note"
                });
            } else if rng.chance(5) {
                out.extend_from_slice(b" /* c */");
            }
            out.push(b'\n');
            if rng.chance(8) {
                out.push(b'\n');
            }
            continue;
        }
        out.push(c);
        if code
            && (c == b'=' || c == b'(')
            && !is_operator_byte(src.get(i + 1).copied().unwrap_or(b' '))
            && !is_operator_byte(if i > 0 { src[i - 1] } else { b' ' })
            && rng.chance(10)
        {
            out.extend_from_slice(b" /* x */ ");
        }
        // Between block labels: `"a" "b"` → `"a" /* c */ "b"` (terraform drops those).
        if c == b'"'
            && z[i] == Zone::Protected
            && src.get(i + 1) == Some(&b' ')
            && src.get(i + 2) == Some(&b'"')
            && rng.chance(50)
        {
            out.extend_from_slice(b" /* between labels */");
        }
    }
    String::from_utf8(out).expect("ASCII inserted")
}

/// Hand-written cases: rules and corners that the corpus does not exercise.
const EDGE_CASES: &[(&str, &str)] = &[
    ("align.tf", "a=1\nbbb=2\n\ncc = 3\nd={\nx=1\nyyyy=2\n}\n"),
    ("comments.tf", "a = 1 # one\nbbbb = 2 // two\n# alone\nc = 3 /* three */\nd = [ # open\n1, # one\n]\n"),
    ("labels.tf", "resource aws_s3_bucket b {\n}\nresource \"a\" /* x */ \"b\" /* y */ {\n}\nmodule m {\nsource = \"./m\"\n}\nresource \"x\" \"\\u0041\\t\" {}\n"),
    ("interp.tf", "a = \"${var.a}\"\nb = \"${x}${y}\"\nc = \"x${y}\"\nd = \"${ \"${z}\" }\"\ne = \"${\nfoo\n}\"\nf = \"${x ? 1 : 2}\"\ng = \"${foo(\n1)}\"\nh = \"${(x)}\"\n"),
    ("types.tf", "variable \"a\" {\ntype = \"string\"\n}\nvariable \"b\" {\ntype = \"list\"\n}\nvariable \"c\" {\ntype = \"map\"\n}\nvariable \"d\" {\ntype = list\n}\nvariable \"e\" {\ntype = map\n}\nvariable \"f\" {\ntype = set\n}\nvariable \"g\" { type = \"string\" }\nresource \"r\" \"n\" {\ntype = \"string\"\nvariable {\ntype = list\n}\n}\n"),
    ("heredoc.tf", "a = <<EOT\n  keep   this\n${ var.x }\nEOT\nb = <<-EOT\n    indented\n  EOT\nc = [<<EOT\nx\nEOT\n, 1]\nlocals {\n    d = <<EOF\n${ foo(\n1) } x\nEOF\n}\n"),
    ("for.tf", "a = [for x in var.l: x if x != null]\nb = {for k,v in var.m: k=>v...}\nc = [for x in [1,2]: x]\nd = [ for i, x in y : { (i) = x } ]\n"),
    ("nested.tf", "a = {\nb = [\n{\nc = 1\n},\n{ d = [1,2,[3,[4]]] }\n]\ne = { f = { g = {} } }\n}\nx = [\n[\n1,\n2],\n3]\n"),
    ("ops.tf", "a = -1\nb = 1 - -2\nc = !true\nd = a == b && c != d || e < f\ne = x ? -1 : 2\nf = a.b[0].c[*].d\ng = a.*.b\nh = foo(a, b...)\ni = provider::aws::arn_parse(x)\nj = 1 * 2 / 3 % 4\nk = a.0.b\n"),
    ("unicode.tf", "a = {\n\"ключ\" = 1\n\"é\" = 2\nabc = 3\n\"👍🏽\" = 4 # c\nx = 5 # d\n}\nключ = 1\n"),
    ("blocks.tf", "terraform {\nrequired_version = \">= 1.0\"\n}\nresource \"a\" \"b\" { count = 1 }\ndynamic \"x\" {\nfor_each = var.y\ncontent {\nz = x.value\n}\n}\n"),
    ("tabs.tf", "resource \"a\" \"b\" {\n\tname\t=\t\"x\"\n\tv = [\t1,\t2 ]\n}\n"),
    ("crlf.tf", "a = 1\r\nbb = 2\r\nc = {\r\nd = 3\r\n}\r\n"),
    ("bom.tf", "\u{feff}a=1\n"),
    ("eof.tf", "a=1"),
    ("eof_spaces.tf", "a=1\n   "),
    ("eof_comment.tf", "a=1 # c"),
    ("empty.tf", ""),
    ("blank_lines.tf", "\n\n\na = 1\n\n\n\nb = 2\n\n\n"),
    ("template_directives.tf", "a = \"%{ if x }yes%{ else }no%{ endif }\"\nb = <<EOT\n%{ for i in l ~}\n${ i }\n%{ endfor ~}\nEOT\n"),
    ("object_forms.tf", "a = { x = 1, y = 2 }\nb = { \"k\" : 1 }\nc = { (var.k) = 1 }\nd = {}\ne = []\nf = (1)\n"),
    ("multiline_cond.tf", "a = (\nx\n? 1\n: 2\n)\nb = foo(\na,\nb,\n)\n"),
    ("vars.tfvars", "region=\"eu-west-1\"\ntags={\nName=\"x\"\nEnv=\"y\"\n}\n"),
    ("test.tftest.hcl", "run \"x\" {\ncommand=plan\nassert {\ncondition=true\nerror_message=\"m\"\n}\n}\n"),
    ("labels_special.tf", "resource \"a\" \"100%\" {\n}\n"),
    // Syntax errors: both must refuse (and leave the file alone).
    ("err_missing_value.tf", "a = \n"),
    ("err_unclosed.tf", "resource \"a\" \"b\" {\nx = 1\n"),
    ("err_duplicate.tf", "a = 1\na = 2\n"),
    ("err_comma.tf", "a = 1, b = 2\n"),
    ("err_single_quote.tf", "a = 'x'\n"),
    ("err_semicolon.tf", "a = 1;\n"),
    ("err_heredoc_eof.tf", "a = <<EOT\nx\nEOT"),
    ("err_number.tf", "a = 1.2.3\n"),
    ("err_escape.tf", "a = \"\\q\"\n"),
    ("err_label_interp.tf", "resource \"a${b}\" \"c\" {\n}\n"),
    ("err_legacy_index.tf", "a = b.0.1\n"),
    ("err_for_tuple_key.tf", "a = [for k, v in m: k => v]\n"),
    ("err_directive.tf", "a = \"%{ if x }y\"\n"),
    ("err_object_newline.tf", "a = {\nb = 1 +\n2\n}\n"),
    ("replacement_char.tf", "a = \"\u{fffd}\"\n"),
    ("err_single_line_block.tf", "a { b = 1\n}\n"),
    ("err_tab_string.tf", "a = \"x\ny\"\n"),
    ("err_quoted_name.tf", "\"a\" = 1\n"),
];

/// Deliberate differences: terraform drops a block label containing `$` or `%`
/// (`resource "a" "100%"` becomes `resource "a"`), which changes the configuration; orbis
/// keeps the label. (name, orbis output)
const DELIBERATE: &[(&str, &str)] = &[("labels_special.tf", "resource \"a\" \"100%\" {\n}\n")];

/// Files that are not valid UTF-8 cannot be written from `&str` literals.
const EDGE_CASES_BYTES: &[(&str, &[u8])] = &[
    ("bad_utf8_comment.tf", b"a=1 # caf\xe9\n"),
    ("err_bad_utf8_ident.tf", b"a\xff = 1\n"),
    ("err_bad_utf8_string2.tf", b"a = \"caf\xe9\"\n"),
    ("err_lone_cr.tf", b"a = 1\rb = 2\n"),
];

fn terraform_available() -> bool {
    Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn agrees_with_terraform_fmt_live() {
    if !terraform_available() {
        println!("SKIPPED: live differential test needs `terraform` on PATH (not found)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let mut inputs: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, text) in EDGE_CASES {
        inputs.insert(format!("edge/{name}"), text.as_bytes().to_vec());
    }
    for (name, bytes) in EDGE_CASES_BYTES {
        inputs.insert(format!("edge/{name}"), bytes.to_vec());
    }
    if let Some((root, files)) = corpus_files() {
        let mut rng = Rng(0x5EED_F0F0_1234_5678);
        // Every 12th file: a sample spread over all module repositories.
        for (n, p) in files.iter().enumerate().filter(|(n, _)| n % 12 == 0) {
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let name = rel(&root, p).replace('/', "__");
            inputs.insert(
                format!("strip/{n}_{name}"),
                strip_variant(&text).into_bytes(),
            );
            inputs.insert(
                format!("messy/{n}_{name}"),
                messy_variant(&text, &mut rng).into_bytes(),
            );
            inputs.insert(
                format!("comments/{n}_{name}"),
                commented_variant(&text, &mut rng).into_bytes(),
            );
            let both = commented_variant(&messy_variant(&text, &mut rng), &mut rng);
            inputs.insert(format!("both/{n}_{name}"), both.into_bytes());
        }
    }
    for (name, bytes) in &inputs {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
    }
    let rc = tmp.path().join("empty.tfrc");
    std::fs::write(&rc, "").unwrap();
    let out = Command::new("terraform")
        .args(["fmt", "-recursive", "-no-color", "-list=false", "cases"])
        .current_dir(tmp.path())
        .env("TF_CLI_CONFIG_FILE", &rc)
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("run terraform fmt");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Files terraform refused: "on cases/<name> line N:".
    let refused: BTreeSet<String> = stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("on cases/"))
        .filter_map(|l| l.rsplit_once(" line ").map(|(p, _)| p.to_string()))
        .collect();
    let (mut agree, mut deliberate, mut mismatches) = (0usize, 0usize, Vec::new());
    for (name, input) in &inputs {
        let theirs = std::fs::read(dir.join(name)).unwrap();
        let ours = format_bytes(input);
        if let Some((_, expected)) = DELIBERATE
            .iter()
            .find(|(n, _)| format!("edge/{n}") == *name)
        {
            // Known, intended difference: terraform's output is checked to still be what it
            // was, ours to be the expected one.
            let ours = ours.map(|f| f.bytes).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                *expected,
                "{name}: orbis output"
            );
            assert_ne!(
                theirs, ours,
                "{name}: terraform now agrees; drop it from DELIBERATE"
            );
            deliberate += 1;
            continue;
        }
        let verdict = match (&ours, refused.contains(name)) {
            (Err(_), true) => Ok(()),
            (Err(d), false) => Err(format!(
                "orbis refused ({}) but terraform formatted it",
                d.message
            )),
            (Ok(_), true) => Err("terraform refused it but orbis formatted it".to_string()),
            (Ok(f), false) if f.bytes == theirs => Ok(()),
            (Ok(f), false) => Err(format!(
                "outputs differ\n--- terraform\n{}\n--- orbis\n{}",
                String::from_utf8_lossy(&theirs),
                String::from_utf8_lossy(&f.bytes)
            )),
        };
        match verdict {
            Ok(()) => agree += 1,
            Err(why) => mismatches.push(format!("{name}: {why}")),
        }
    }
    let refused_count = refused.len();
    if std::env::var_os("ORBIS_FMT_LIVE_VERBOSE").is_some() {
        println!("refused by both: {refused:?}");
    }
    println!(
        "live differential vs terraform fmt: {agree}/{} files \
            agree ({refused_count} refused by both as syntax \
            errors, {deliberate} deliberate differences)",
        inputs.len() - deliberate
    );
    assert!(inputs.len() > 700, "only {} live cases", inputs.len());
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n\n")
    );
}
