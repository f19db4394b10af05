//! Incremental re-parsing: after any sequence of edits, a `Document`'s model equals a fresh
//! parse of the same text.

use orbis_hcl::{parse_str, Document};

fn assert_same_as_fresh(doc: &Document) {
    let fresh = parse_str(doc.text(), "main.tf");
    assert_eq!(doc.file().body, fresh.body, "text:\n{}", doc.text());
    assert_eq!(doc.file().comments, fresh.comments);
    assert_eq!(doc.file().diagnostics, fresh.diagnostics);
}

#[test]
fn edits_reparse_to_the_same_model_as_a_fresh_parse() {
    let src = "# header\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs-${var.env}\"\n  tags   = { a = 1 }\n}\n\nlocals {\n  x = [for i in range(3) : i * 2]\n}\n";
    let mut doc = Document::new(src, "main.tf");
    assert_same_as_fresh(&doc);
    let at = src.find("logs").expect("logs");
    doc.edit(at..at + 4, "audit");
    assert_eq!(
        doc.file()
            .blocks_of("resource")
            .next()
            .and_then(|b| b.body.attribute("bucket"))
            .map(|a| a.expr.span.start_pos.line),
        Some(3)
    );
    assert_same_as_fresh(&doc);
    // Break the syntax, then repair it.
    let brace = doc.text().find("{ a").expect("brace");
    doc.edit(brace..brace + 1, "");
    assert!(doc.file().has_errors());
    assert_same_as_fresh(&doc);
    doc.edit(brace..brace, "{");
    assert!(!doc.file().has_errors());
    assert_same_as_fresh(&doc);
    // Insert a block at the start, delete a line, append; odd ranges are clamped.
    doc.edit(0..0, "variable \"env\" {}\n");
    doc.edit(10_000..20_000, "\noutput \"o\" { value = local.x }\n");
    let line = doc.text().find("  tags").expect("tags");
    let end = line + doc.text()[line..].find('\n').expect("eol") + 1;
    doc.edit(line..end, "");
    assert_same_as_fresh(&doc);
    assert_eq!(doc.file().blocks_of("output").count(), 1);
}

#[test]
fn many_pseudo_random_edits_stay_consistent() {
    let mut doc = Document::new("a = 1\nb = \"x ${a} é\"\nc { d = [1, 2] }\n", "t.tf");
    let pieces = [
        "{",
        "}",
        "\"",
        "${",
        "[",
        "x = 1\n",
        "\n",
        " # c\n",
        "é",
        "<<EOT\nz\nEOT\n",
    ];
    let mut x: u64 = 0x1234_5678_9abc_def1;
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = doc.text().len();
        let start = (x as usize) % (len + 1);
        let end = start + ((x >> 20) as usize % 4);
        let piece = pieces[(x >> 40) as usize % pieces.len()];
        doc.edit(
            start..end,
            if (x >> 50).is_multiple_of(3) {
                ""
            } else {
                piece
            },
        );
        assert_same_as_fresh(&doc);
    }
}
