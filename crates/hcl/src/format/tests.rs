//! Unit tests of the formatter, one group per rule. Every expected output in `CASES` was
//! produced by `terraform fmt` (Terraform 1.11.4) from the input beside it, and every input
//! in `INVALID` is refused by it.

use super::*;

/// (rule/name, input, terraform fmt output)
const CASES: &[(&str, &str, &str)] = &[
    ("indent/nested_blocks", "resource \"a\" \"b\" {\nx = 1\nnested {\ny = 2\ndeeper {\nz = 3\n}\n}\n}\n", "resource \"a\" \"b\" {\n  x = 1\n  nested {\n    y = 2\n    deeper {\n      z = 3\n    }\n  }\n}\n"),
    ("indent/objects_and_tuples", "a = {\nb = [\n1,\n{\nc = 2\n},\n]\n}\n", "a = {\n  b = [\n    1,\n    {\n      c = 2\n    },\n  ]\n}\n"),
    ("indent/several_openers_one_line", "a = [[{\nb = 1\n}]]\nc = 2\n", "a = [[{\n  b = 1\n}]]\nc = 2\n"),
    ("indent/closers_first_on_line", "a = foo(bar(\n1\n), 2)\nb = [\n[1,\n2],\n3]\n", "a = foo(bar(\n  1\n), 2)\nb = [\n  [1,\n  2],\n3]\n"),
    ("indent/existing_indent_replaced", "    a = 1\n  b {\n        c = 2\n      }\n", "a = 1\nb {\n  c = 2\n}\n"),
    ("indent/comment_lines_follow_level", "a {\n# inside\n    // also\nb = 1\n}\n# outside\n", "a {\n  # inside\n  // also\n  b = 1\n}\n# outside\n"),
    ("indent/heredoc_brackets_ignored", "a {\nb = <<EOT\n{ [ (\nEOT\nc = 1\n}\n", "a {\n  b = <<EOT\n{ [ (\nEOT\n  c = 1\n}\n"),
    ("indent/multiline_call_args", "a = merge(\nvar.a,\n{\nb = 1\n},\n)\n", "a = merge(\n  var.a,\n  {\n    b = 1\n  },\n)\n"),
    ("align/consecutive_attributes", "a = 1\nbbb = 2\ncc = 3\n", "a   = 1\nbbb = 2\ncc  = 3\n"),
    ("align/blank_line_breaks_group", "a = 1\nbbb = 2\n\ncc = 3\nd = 4\n", "a   = 1\nbbb = 2\n\ncc = 3\nd  = 4\n"),
    ("align/comment_line_breaks_group", "a = 1\n# c\nbbb = 2\n", "a = 1\n# c\nbbb = 2\n"),
    ("align/multiline_value_breaks_group", "a = 1\nbbbb = {\nc = 1\ndddd = 2\n}\ne = 3\n", "a = 1\nbbbb = {\n  c    = 1\n  dddd = 2\n}\ne = 3\n"),
    ("align/single_line_object_value_aligns", "a = { x = 1 }\nbbbb = 2\n", "a    = { x = 1 }\nbbbb = 2\n"),
    ("align/object_keys", "a = {\nx = 1\n\"long key\" = 2\n(k) = 3\n}\n", "a = {\n  x          = 1\n  \"long key\" = 2\n  (k)        = 3\n}\n"),
    ("align/colon_keys_not_aligned", "a = {\nx : 1\nlonger : 2\n}\n", "a = {\n  x : 1\n  longer : 2\n}\n"),
    ("align/nested_block_separate_groups", "a = 1\nb {\nc = 1\nddd = 2\n}\neeeee = 3\n", "a = 1\nb {\n  c   = 1\n  ddd = 2\n}\neeeee = 3\n"),
    ("align/heredoc_value_in_group", "a = 1\nbbb = <<EOT\n  text\nEOT\ncc = 3\n", "a   = 1\nbbb = <<EOT\n  text\nEOT\ncc  = 3\n"),
    ("align/unicode_width_graphemes", "a = {\n\"é\" = 1\n\"e\\u0301\" = 2\n\"e\u{301}e\" = 5\n\"👍🏽\" = 3\nabcd = 4\n}\n", "a = {\n  \"é\"       = 1\n  \"e\\u0301\" = 2\n  \"e\u{301}e\"      = 5\n  \"👍🏽\"       = 3\n  abcd      = 4\n}\n"),
    ("align/attribute_equals_in_value", "a = b == c\nbbb = \"x=y\"\n", "a   = b == c\nbbb = \"x=y\"\n"),
    ("spacing/operators", "a=1+2*3-4/5%6\nb=a==b&&c!=d||e<f&&g>=h\nc=x?y:z\n", "a = 1 + 2 * 3 - 4 / 5 % 6\nb = a == b && c != d || e < f && g >= h\nc = x ? y : z\n"),
    ("spacing/commas_and_calls", "a = foo ( 1,2 , 3 )\nb = [ 1,2 ]\nc = f(a ...)\n", "a = foo(1, 2, 3)\nb = [1, 2]\nc = f(a...)\n"),
    ("spacing/traversals", "a = var . a [ 0 ] . b\nb = x [*] . y\nc = x . * . y\nd = x.0.y\n", "a = var.a[0].b\nb = x[*].y\nc = x.*.y\nd = x.0.y\n"),
    ("spacing/unary_minus", "a = -1\nb = 1 - -1\nc = (- 1)\nd = [ - 1, -x ]\ne = x ? - 1 : - 2\nf = 5 -1\ng = a*-1\n", "a = -1\nb = 1 - -1\nc = (-1)\nd = [-1, -x]\ne = x ? -1 : -2\nf = 5 - 1\ng = a * -1\n"),
    ("spacing/bang", "a = ! b\nc = ! (d)\ne = a && ! b\n", "a = !b\nc = !(d)\ne = a && !b\n"),
    ("spacing/braces", "a = {b=1}\nc = {}\nd = { }\ne {f=1}\ng {}\n", "a = { b = 1 }\nc = {}\nd = {}\ne { f = 1 }\ng {}\n"),
    ("spacing/for_expressions", "a = [ for x in var.l : x if x != null ]\nb = { for k , v in m : k => v ... }\nc = [for x in [1,2]: x]\n", "a = [for x in var.l : x if x != null]\nb = { for k, v in m : k => v... }\nc = [for x in [1, 2] : x]\n"),
    ("spacing/namespaced_function", "a = provider :: aws :: arn_parse ( x )\n", "a = provider::aws::arn_parse(x)\n"),
    ("spacing/template_sequences", "a = \"x ${ var.a } y ${ f( 1 ) }\"\nb = \"%{ if c }d%{ else }e%{ endif }\"\nc = \"${ {a=1} }x\"\n", "a = \"x ${var.a} y ${f(1)}\"\nb = \"%{if c}d%{else}e%{endif}\"\nc = \"${ { a = 1 } }x\"\n"),
    ("spacing/index_after_call_and_paren", "a = f(x) [0]\nb = (x) [1]\nc = [1] [0]\n", "a = f(x)[0]\nb = (x)[1]\nc = [1][0]\n"),
    ("spacing/splat_and_ellipsis", "a = b[ * ].c\nd = f(x , y...)\n", "a = b[*].c\nd = f(x, y...)\n"),
    ("comments/trailing_comments_aligned", "a = 1 # one\nbbbb = 2 // two\nc = 3 /* three */ # x\n", "a    = 1             # one\nbbbb = 2             // two\nc    = 3 /* three */ # x\n"),
    ("comments/comment_group_broken_by_plain_line", "a = 1 # one\nb = 2\nccc = 3 # three\n", "a   = 1 # one\nb   = 2\nccc = 3 # three\n"),
    ("comments/block_comment_kept", "/* a\n   b */\nx = 1\n", "/* a\n   b */\nx = 1\n"),
    ("comments/comment_in_expression", "a = [ # first\n1, # one\n2 /* two */,\n]\n", "a = [ # first\n  1,  # one\n  2 /* two */,\n]\n"),
    ("comments/comment_after_block_brace", "a { # c\nb = 1\n} # d\n", "a { # c\n  b = 1\n} # d\n"),
    ("comments/trailing_whitespace_in_comment_kept", "a = 1 # c   \n", "a = 1 # c   \n"),
    ("heredoc/body_untouched", "a = <<EOT\n   keep    this\n\tand this\nEOT\n", "a = <<EOT\n   keep    this\n\tand this\nEOT\n"),
    ("heredoc/indented_heredoc", "a {\nb = <<-EOT\n    x\n      y\n    EOT\n}\n", "a {\n  b = <<-EOT\n    x\n      y\n    EOT\n}\n"),
    ("heredoc/interpolation_spacing_normalised", "a = <<EOT\n${ var.x } and %{ if y }z%{ endif }\nEOT\n", "a = <<EOT\n${var.x} and %{if y}z%{endif}\nEOT\n"),
    ("heredoc/in_tuple", "a = [<<EOT\nx\nEOT\n, 2]\n", "a = [<<EOT\nx\nEOT\n, 2]\n"),
    ("heredoc/crlf", "a = <<EOT\r\nx\r\nEOT\r\n", "a = <<EOT\r\nx\r\nEOT\r\n"),
    ("file/blank_lines_kept", "\n\na = 1\n\n\n\nb = 2\n\n", "\n\na = 1\n\n\n\nb = 2\n\n"),
    ("file/no_final_newline_added", "a=1", "a = 1"),
    ("file/trailing_spaces_at_eof_kept", "a=1\n   ", "a = 1\n   "),
    ("file/crlf_kept", "a=1\r\nbb=2\r\n", "a  = 1\r\nbb = 2\r\n"),
    ("file/bom_removed", "\u{feff}a=1\n", "a = 1\n"),
    ("file/tabs_replaced", "a\t=\t1\n\tb {\n\t\tc = [\t1 ]\n\t}\n", "a = 1\nb {\n  c = [1]\n}\n"),
    ("file/empty", "", ""),
    ("file/only_comment_no_newline", "# c", "# c"),
    ("file/tfvars", "region=\"eu-west-1\"\ntags={\nName=\"x\"\n}\n", "region = \"eu-west-1\"\ntags = {\n  Name = \"x\"\n}\n"),
    ("labels/bare_labels_quoted", "resource aws_s3_bucket b {\n}\nmodule m {\n}\n", "resource \"aws_s3_bucket\" \"b\" {\n}\nmodule \"m\" {\n}\n"),
    ("labels/comments_between_labels_dropped", "resource /* a */ \"x\" /* b */ \"y\" /* c */ {\n}\n", "resource \"x\" \"y\" /* c */ {\n}\n"),
    ("labels/escapes_normalised", "resource \"a\" \"\\u0041\\t\" {\n}\nresource \"\\u00e9\" \"x\" {\n}\n", "resource \"a\" \"A\\t\" {\n}\nresource \"é\" \"x\" {\n}\n"),
    ("labels/nfc", "resource \"e\\u0301\" \"x\" {\n}\n", "resource \"é\" \"x\" {\n}\n"),
    ("labels/non_printable_escaped", "resource \"a\" \"\\u00a0\\u200b\" {\n}\n", "resource \"a\" \"\\u00a0\\u200b\" {\n}\n"),
    ("labels/empty_label", "resource \"a\" \"\" {\n}\n", "resource \"a\" \"\" {\n}\n"),
    ("labels/labels_in_nested_blocks", "a \"b\" {\nc d {\n}\n}\n", "a \"b\" {\n  c \"d\" {\n  }\n}\n"),
    ("unwrap/simple", "a = \"${var.a}\"\n", "a = var.a\n"),
    ("unwrap/any_body_level", "r \"x\" \"y\" {\nb = \"${var.b}\"\nn {\nc = \"${var.c}\"\n}\n}\n", "r \"x\" \"y\" {\n  b = var.b\n  n {\n    c = var.c\n  }\n}\n"),
    ("unwrap/not_in_objects_or_lists", "a = { b = \"${c}\" }\nd = [\"${e}\"]\n", "a = { b = \"${c}\" }\nd = [\"${e}\"]\n"),
    ("unwrap/not_with_literals_or_two_sequences", "a = \"x${y}\"\nb = \"${x}y\"\nc = \"${x}${y}\"\n", "a = \"x${y}\"\nb = \"${x}y\"\nc = \"${x}${y}\"\n"),
    ("unwrap/nested_quotes_ok", "a = \"${foo(\"${bar}\")}\"\nb = \"${a == \"b\" ? \"c\" : \"d\"}\"\n", "a = foo(\"${bar}\")\nb = a == \"b\" ? \"c\" : \"d\"\n"),
    ("unwrap/strip_markers", "a = \"${~ x ~}\"\n", "a = x\n"),
    ("unwrap/newlines_trimmed", "a = \"${\nx\n}\"\n", "a = x\n"),
    ("unwrap/multiline_gets_parens", "a = \"${x ?\n1 : 2}\"\nb = \"${foo(\n1)}\"\n", "a = (x ?\n1 : 2)\nb = (foo(\n1))\n"),
    ("unwrap/multiline_already_parenthesised", "a = \"${(x ?\n1 : 2)}\"\n", "a = (x ?\n1 : 2)\n"),
    ("unwrap/directive_not_unwrapped", "a = \"%{if x}y%{endif}\"\n", "a = \"%{if x}y%{endif}\"\n"),
    ("unwrap/comment_after_kept", "a = \"${x}\" # c\n", "a = x # c\n"),
    ("unwrap/object_interpolation", "a = \"${ {b=1} }\"\n", "a = { b = 1 }\n"),
    ("types/legacy_quoted", "variable \"a\" {\ntype = \"string\"\n}\nvariable \"b\" {\ntype = \"list\"\n}\nvariable \"c\" {\ntype = \"map\"\n}\n", "variable \"a\" {\n  type = string\n}\nvariable \"b\" {\n  type = list(string)\n}\nvariable \"c\" {\n  type = map(string)\n}\n"),
    ("types/bare_collections", "variable \"a\" {\ntype = list\n}\nvariable \"b\" {\ntype = map\n}\nvariable \"c\" {\ntype = set\n}\n", "variable \"a\" {\n  type = list(any)\n}\nvariable \"b\" {\n  type = map(any)\n}\nvariable \"c\" {\n  type = set(any)\n}\n"),
    ("types/unknown_left_alone", "variable \"a\" {\ntype = \"set\"\n}\nvariable \"b\" {\ntype = \"number\"\n}\nvariable \"c\" {\ntype = list(string)\n}\n", "variable \"a\" {\n  type = \"set\"\n}\nvariable \"b\" {\n  type = \"number\"\n}\nvariable \"c\" {\n  type = list(string)\n}\n"),
    ("types/single_line_variable", "variable \"a\" { type = \"string\" }\n", "variable \"a\" { type = string }\n"),
    ("types/only_top_level_variable_blocks", "resource \"a\" \"b\" {\ntype = \"string\"\nvariable {\ntype = list\n}\n}\nlocals {\ntype = \"list\"\n}\n", "resource \"a\" \"b\" {\n  type = \"string\"\n  variable {\n    type = list\n  }\n}\nlocals {\n  type = \"list\"\n}\n"),
    ("types/type_not_unwrapped", "variable \"a\" {\ntype = \"${string}\"\ndefault = \"${x}\"\n}\n", "variable \"a\" {\n  type    = \"${string}\"\n  default = x\n}\n"),
];

/// Inputs terraform refuses as syntax errors: left alone, reported as `HCL001`.
const INVALID: &[(&str, &str)] = &[
    ("missing_value", "a = \n"),
    ("unclosed_block", "resource \"a\" \"b\" {\nx = 1\n"),
    ("duplicate_attribute", "a = 1\na = 2\n"),
    ("comma_between_attributes", "a = 1, b = 2\n"),
    ("single_quotes", "a = 'x'\n"),
    ("semicolon", "a = 1;\n"),
    ("heredoc_without_final_newline", "a = <<EOT\nx\nEOT"),
    ("bad_number", "a = 1.2.3\n"),
    ("bad_escape", "a = \"\\q\"\n"),
    ("interpolation_in_label", "resource \"a${b}\" \"c\" {\n}\n"),
    ("chained_legacy_index", "a = b.0.1\n"),
    ("tuple_for_with_key", "a = [for k, v in m: k => v]\n"),
    ("unclosed_directive", "a = \"%{ if x }y\"\n"),
    ("newline_in_object_value", "a = {\nb = 1 +\n2\n}\n"),
    ("single_line_block_not_closed", "a { b = 1\n}\n"),
    ("newline_in_string", "a = \"x\ny\"\n"),
    ("quoted_attribute_name", "\"a\" = 1\n"),
    ("block_header_newline", "resource \"a\"\n{\n}\n"),
    ("equals_in_block_header", "a \"b\" = {\n}\n"),
    ("two_attributes_single_line_block", "a { b = 1, c = 2 }\n"),
    ("unexpected_close", "}\n"),
    ("curly_quote", "a = “x”\n"),
    ("lone_carriage_return", "a = 1\rb = 2\n"),
    ("nbsp", "a =\u{a0}1\n"),
];

fn fmt(input: &str) -> String {
    match format_source(input) {
        Ok(f) => f.text,
        Err(d) => panic!("refused {input:?}: {}", d.message),
    }
}

fn check_group(group: &str) {
    let mut n = 0;
    for (name, input, expected) in CASES.iter().filter(|c| c.0.starts_with(group)) {
        let got = fmt(input);
        assert_eq!(got, *expected, "{name}");
        // Formatting is idempotent.
        assert_eq!(fmt(&got), got, "{name}: second pass");
        let f = format_source(input).unwrap();
        assert_eq!(f.changed, input != expected, "{name}: changed flag");
        n += 1;
    }
    assert!(n > 0, "no cases for {group}");
}

#[test]
fn indentation_by_bracket_nesting() {
    check_group("indent/");
}

#[test]
fn alignment_of_equals_signs() {
    check_group("align/");
}

#[test]
fn spacing_between_tokens() {
    check_group("spacing/");
}

#[test]
fn comments() {
    check_group("comments/");
}

#[test]
fn heredocs_untouched() {
    check_group("heredoc/");
}

#[test]
fn file_level_rules() {
    check_group("file/");
}

#[test]
fn block_labels_quoted_and_normalised() {
    check_group("labels/");
}

#[test]
fn interpolation_only_values_unwrapped() {
    check_group("unwrap/");
}

#[test]
fn legacy_type_constraints() {
    check_group("types/");
}

#[test]
fn syntax_errors_are_refused() {
    for (name, input) in INVALID {
        match format_source(input) {
            Ok(f) => panic!("{name}: formatted instead of refused: {:?}", f.text),
            Err(d) => {
                assert_eq!(d.code, codes::SYNTAX, "{name}: {}", d.message);
                assert!(!d.message.is_empty());
            }
        }
    }
}

#[test]
fn errors_carry_positions() {
    let d = format_source("a = 1\nb = [\n  1,\n  2\n  3\n]\n").unwrap_err();
    assert_eq!((d.span.start_pos.line, d.span.start_pos.column), (5, 3));
    assert!(
        d.message.starts_with("Missing item separator"),
        "{}",
        d.message
    );
    // The byte order mark counts in offsets.
    let d = format_source("\u{feff}a = \n").unwrap_err();
    assert_eq!(d.span.start, 7);
}

#[test]
fn bytes_that_are_not_utf8_are_kept_in_comments_and_refused_elsewhere() {
    let f = format_bytes(b"a=1 # caf\xe9\n").unwrap();
    assert_eq!(f.bytes, b"a = 1 # caf\xe9\n");
    for bad in [
        &b"a\xff = 1\n"[..],
        b"a = \"caf\xe9\"\n",
        b"a = <<EOT\n\xff\nEOT\n",
    ] {
        let d = format_bytes(bad).unwrap_err();
        assert_eq!(d.code, codes::SYNTAX);
        assert!(d.message.contains("UTF-8"), "{}", d.message);
    }
}

#[test]
fn labels_with_template_characters_are_kept() {
    // terraform fmt drops such a label (`resource "a" {`); that would change the
    // configuration, so this formatter keeps it (and still normalises the rest).
    assert_eq!(
        fmt("resource a \"100%\"   {\n}\n"),
        "resource \"a\" \"100%\" {\n}\n"
    );
    assert_eq!(fmt("x \"$${a}\" {}\n"), "x \"$${a}\" {}\n");
}

#[test]
fn nested_interpolations_lose_one_level_per_pass_like_terraform() {
    assert_eq!(fmt("a = \"${\"${x}\"}\"\n"), "a = \"${x}\"\n");
    assert_eq!(fmt("a = \"${x}\"\n"), "a = x\n");
}

#[test]
fn unchanged_input_reports_unchanged() {
    let src = "resource \"a\" \"b\" {\n  x   = 1\n  yyy = [1, 2]\n}\n";
    let f = format_source(src).unwrap();
    assert!(!f.changed);
    assert_eq!(f.text, src);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for (open, close) in [
        ("[", "]"),
        ("(", ")"),
        ("{a=", "}"),
        ("-", ""),
        ("!", ""),
        ("\"${", "}\""),
    ] {
        let n = 50_000;
        let src = format!("a = {}1{}\n", open.repeat(n), close.repeat(n));
        let d = format_source(&src).unwrap_err();
        assert_eq!(d.code, codes::TOO_DEEP, "{open}: {}", d.message);
    }
    let blocks = format!("{}{}", "b {\n".repeat(50_000), "}\n".repeat(50_000));
    assert_eq!(format_source(&blocks).unwrap_err().code, codes::TOO_DEEP);
    // Within the bound, nesting formats (and runs on a small thread stack).
    let src = format!("a = {}1{}\n", "[".repeat(1000), "]".repeat(1000));
    let out = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || format_source(&src).map(|f| f.text.len()))
        .unwrap()
        .join()
        .unwrap();
    assert!(out.is_ok());
}

/// A small deterministic generator (xorshift64*).
fn rand(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[test]
fn arbitrary_bytes_never_panic() {
    const PIECES: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b"(",
        b")",
        b"\"",
        b"=",
        b",",
        b".",
        b":",
        b"?",
        b"<<EOT\n",
        b"EOT\n",
        b"${",
        b"%{",
        b"~}",
        b"#",
        b"/*",
        b"*/",
        b"\\",
        b"\n",
        b"\r",
        b"\t",
        b" ",
        b"a",
        b"1",
        b"1.5e3",
        b"for",
        b"in",
        b"if",
        b"...",
        b"=>",
        b"-",
        b"!",
        b"\xff",
        b"\xc3",
        b"\xe2\x80\x9c",
        b"\xc2\xa0",
        b"$",
        b"%",
        b"x = 1\n",
        b"b {\n",
        b"<<-X\n",
        b"X\n",
    ];
    let mut state = 0x1234_5678_9ABC_DEF1u64;
    for _ in 0..20_000 {
        let len = (rand(&mut state) % 40) as usize;
        let mut input = Vec::new();
        for _ in 0..len {
            if rand(&mut state).is_multiple_of(4) {
                input.push(rand(&mut state) as u8);
            } else {
                input.extend_from_slice(PIECES[(rand(&mut state) % PIECES.len() as u64) as usize]);
            }
        }
        if let Ok(f) = format_bytes(&input) {
            // Whatever it accepts, it formats to text that parses. (Not always to a fixed
            // point: like terraform, `"${"${x}"}"` loses one level of quotes per pass.)
            assert!(
                format_bytes(&f.bytes).is_ok(),
                "output does not parse: {input:?}"
            );
        }
    }
}

#[test]
fn large_input_is_linear() {
    let block = "resource \"a\" \"b\" {\n  x = [1, 2, 3]\n  y = { k = \"v\" } # c\n}\n";
    let src = block.repeat(20_000); // ~1 MB
    let t = std::time::Instant::now();
    let f = format_source(&src).unwrap();
    assert!(!f.changed);
    // Generous: debug build on a loaded machine; it takes well under a second.
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    // Many unterminated block comment openers do not go quadratic.
    let src = format!("a = 1\n{}", "/*".repeat(200_000));
    assert!(format_source(&src).is_err());
}

#[test]
fn hcl_flavor_changes_whitespace_only() {
    let src = "include root {\npath=find_in_parent_folders()\n}\ninputs = {\nname=\"${local.n}\"\n}\nx = \"${y}\"\n";
    let f = format_source_as(src, Flavor::Hcl).unwrap();
    assert_eq!(
        f.text,
        "include root {\n  path = find_in_parent_folders()\n}\ninputs = {\n  name = \"${local.n}\"\n}\nx = \"${y}\"\n"
    );
    // The same input the terraform way: labels quoted, the interpolation unwrapped.
    let t = format_source(src).unwrap().text;
    assert!(
        t.starts_with("include \"root\" {\n") && t.ends_with("x = y\n"),
        "{t}"
    );
    assert_eq!(
        format_source_as("a = \n", Flavor::Hcl).unwrap_err().code,
        codes::SYNTAX
    );
    assert_eq!(flavor_of(Path::new("terragrunt.hcl")), Some(Flavor::Hcl));
    assert_eq!(
        flavor_of(Path::new("a.tftest.hcl")),
        Some(Flavor::Terraform)
    );
    assert_eq!(flavor_of(Path::new("main.tf")), Some(Flavor::Terraform));
    assert_eq!(flavor_of(Path::new("main.tf.json")), None);
}

#[test]
fn extensions_follow_terraform() {
    for yes in [
        "main.tf",
        "x.tfvars",
        "a.tftest.hcl",
        "m.tfmock.hcl",
        "dir/v.auto.tfvars",
    ] {
        assert!(is_formattable(Path::new(yes)), "{yes}");
    }
    for no in [
        "main.tf.json",
        "x.tfvars.json",
        "terragrunt.hcl",
        "a.hcl",
        "README.md",
        "tf",
    ] {
        assert!(!is_formattable(Path::new(no)), "{no}");
    }
}
