//! Pathological inputs: parsing and evaluation must return (with diagnostics), never panic,
//! hang or overflow the stack.

use orbis_hcl::{
    codes, parse_bytes, parse_str, parse_str_with, Module, ModuleOptions, ParseLimits, Value,
};
use std::time::{Duration, Instant};

fn has_code(f: &orbis_hcl::File, code: &str) -> bool {
    f.diagnostics.iter().any(|d| d.code == code)
}

#[test]
fn grammar_looping_inputs_finish_with_diagnostics() {
    for src in [
        "-+-*a(//",
        "-+-*a(//\n",
        "x = -+-*a(//",
        "a = \"${",
        "a = <<EOT\n${",
        "a=<<-E\n%{for",
        "{{{{",
        "}}}}",
        "= = =",
        "\u{0}\u{1}",
    ] {
        let t = Instant::now();
        let f = parse_str(src, "x.tf");
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "{src:?} took {:?}",
            t.elapsed()
        );
        assert!(
            f.has_errors(),
            "{src:?} should be reported as a syntax error"
        );
        assert!(
            f.diagnostics
                .iter()
                .all(|d| d.span.end as usize <= src.len()),
            "spans stay inside the input"
        );
    }
}

#[test]
fn a_deadline_stops_a_parse_and_says_so() {
    // A large input with a zero deadline: the grammar is stopped at its first progress check.
    let src = "a = [1, 2, 3]\n".repeat(200_000);
    let limits = ParseLimits {
        deadline: Duration::ZERO,
        deadline_per_mib: Duration::ZERO,
        ..ParseLimits::default()
    };
    let f = parse_str_with(&src, "big.tf", limits);
    assert!(has_code(&f, codes::PARSE_TIMEOUT), "{:?}", f.diagnostics);
    assert!(f.body.attributes.is_empty());
    // The same thread parses normally afterwards (the parser was reset).
    assert!(parse_str("a = 1\n", "ok.tf").diagnostics.is_empty());
}

#[test]
fn deep_nesting_is_cut_off_not_overflowed() {
    for (open, close) in [
        ("[", "]"),
        ("(", ")"),
        ("{a=", "}"),
        ("\"${", "}\""),
        ("f(", ")"),
        ("-", ""),
    ] {
        let n = 100_000;
        let src = format!("x = {}1{}\n", open.repeat(n), close.repeat(n));
        // Run on a thread with a small stack, as an editor worker might.
        let f = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                let f = parse_str(&src, "deep.tf");
                let v = f
                    .body
                    .attribute("x")
                    .map(|a| orbis_hcl::eval_static(&a.expr));
                (f, v)
            })
            .expect("spawn")
            .join()
            .expect("no stack overflow");
        assert!(
            has_code(&f.0, codes::TOO_DEEP) || f.0.has_errors(),
            "{open}: {:?}",
            f.0.diagnostics.first()
        );
        assert!(
            !f.1.unwrap_or(Value::Unknown).is_known(),
            "{open}: the cut-off part is unknown"
        );
    }
}

#[test]
fn unclosed_deep_nesting_is_reported() {
    let src = "x = ".to_string() + &"[".repeat(100_000);
    let f = parse_str(&src, "open.tf");
    assert!(f.has_errors());
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_diagnostic() {
    let mut bytes = b"a = \"caf".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"\"\nb = 2\n");
    let f = parse_bytes(&bytes, "bad.tf");
    assert!(has_code(&f, codes::INVALID_UTF8));
    assert_eq!(f.diagnostics[0].span.line(), 1);
    assert_eq!(
        f.body
            .attribute("b")
            .map(|a| orbis_hcl::eval_static(&a.expr)),
        Some(Value::Number(2.0))
    );
    assert!(f.source.contains('\u{FFFD}'));
}

#[test]
fn binary_garbage_parses_to_diagnostics() {
    // A deterministic pseudo-random byte soup (xorshift), 64 KiB.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let f = parse_bytes(&bytes, "garbage.tf");
    assert!(f.has_errors());
    assert!(
        f.diagnostics.len() <= 60,
        "syntax diagnostics are capped: {}",
        f.diagnostics.len()
    );
}

#[test]
fn a_50_mb_file_parses() {
    // 50 MiB: 1 MiB of resource blocks and 49 MiB of comment lines. The grammar's speed per
    // byte of code in an unoptimised (test) build is ~0.5 MB/s, so the bulk is comments, which
    // still go through the lexer, the tree and the comment collection.
    let block = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"name-${var.x}\"\n  tags = { a = 1, b = [1, 2, 3] }\n}\n";
    let blocks = 1024 * 1024 / block.len();
    let comment = format!("# {}\n", "c".repeat(1021));
    let mut src = block.repeat(blocks);
    src.push_str(&comment.repeat(49 * 1024 + 1));
    assert!(src.len() >= 50 * 1024 * 1024);
    let t = Instant::now();
    let f = parse_str(&src, "huge.tf");
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics.first());
    assert_eq!(f.body.blocks.len(), blocks);
    assert_eq!(f.comments.len(), 49 * 1024 + 1);
    assert_eq!(
        f.comments.last().map(|c| c.line() as usize),
        Some(blocks * 4 + 49 * 1024 + 1)
    );
    eprintln!("50 MiB parsed into the model in {:?}", t.elapsed());
}

#[test]
fn evaluation_is_bounded_in_size_and_work() {
    let cases = [
        "x = range(100000000)",
        "x = [for i in range(100000) : [for j in range(100000) : j]]",
        "x = join(\"\", [for i in range(100000) : format(\"%01000d\", i)])",
        "x = indent(1000, join(\"\\n\", range(100000)))",
        "x = setproduct(range(1000), range(1000), range(1000))",
        "x = formatlist(\"%s\", range(100000000))",
    ];
    for src in cases {
        let t = Instant::now();
        let f = parse_str(src, "e.tf");
        let v = orbis_hcl::eval_static(&f.body.attribute("x").expect("x").expr);
        assert_eq!(v, Value::Unknown, "{src}: over-limit work is unknown");
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "{src} took {:?}",
            t.elapsed()
        );
    }
}

#[test]
fn mutually_recursive_references_terminate() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut src = String::new();
    // Ten resources each referring to all others: a fan-out cycle.
    for i in 0..10 {
        src.push_str(&format!(
            "resource \"t\" \"r{i}\" {{\n  a = [{}]\n}}\n",
            (0..10)
                .map(|j| format!("t.r{j}.a"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    src.push_str("locals {\n  x = t.r0.a\n}\n");
    std::fs::write(tmp.path().join("main.tf"), src).expect("write");
    let t = Instant::now();
    let m = Module::load(tmp.path(), &ModuleOptions::default());
    let _ = m.local("x");
    for r in m.resources() {
        let _ = r.attr("a");
    }
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t.elapsed()
    );
}
