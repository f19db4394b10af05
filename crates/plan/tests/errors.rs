//! Bad input gives a positioned error with a hint, never a panic or a hang.

mod common;

use orbis_plan::load_bytes;
use std::time::{Duration, Instant};

#[test]
fn truncated_plan_reports_offset_line_column_and_hint() {
    let path = "json/terraform-json/basic.json";
    let full = common::read(path);
    let cut = &full[..full.len() * 2 / 3];
    let err = load_bytes(cut, path).expect_err("a truncated plan must not load");
    assert_eq!(err.code, "plan.truncated", "{err}");
    let offset = err.offset.expect("byte offset");
    assert!(
        offset <= cut.len() && offset + 64 >= cut.len(),
        "offset {offset} near the cut at {}",
        cut.len()
    );
    assert!(err.line.is_some() && err.column.is_some());
    assert!(err.hint.contains("cut short"), "{}", err.hint);
    let shown = err.to_string();
    assert!(shown.contains("byte") && shown.contains("hint:"), "{shown}");
}

#[test]
fn syntax_error_position_points_at_the_bad_byte() {
    let text = b"{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [ }\n}";
    let err = load_bytes(text, "bad").unwrap_err();
    assert_eq!(err.code, "plan.invalid_json");
    assert_eq!(err.line, Some(3));
    let at = err.offset.unwrap();
    assert_eq!(text[at], b'}', "offset {at} points at the offending byte");
}

#[test]
fn non_plan_inputs_are_errors_not_panics() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "plan.truncated"),
        (b"PK\x03\x04binary plan", "plan.binary_planfile"),
        (b"[1,2,3]", "plan.unexpected_shape"),
        (b"{\"hello\": 1}", "plan.unknown_document"),
        (b"{\"format_version\": 12}", "plan.unexpected_shape"),
        (b"\xff\xfe\x00\xd8", "plan.invalid_json"),
        (b"\x00\x01\x02garbage", "plan.invalid_json"),
    ];
    for (bytes, code) in cases {
        let err = load_bytes(bytes, "case").expect_err("must fail");
        assert_eq!(
            &err.code,
            code,
            "{:?}: {err}",
            String::from_utf8_lossy(bytes)
        );
        assert!(!err.hint.is_empty());
    }
}

#[test]
fn deep_nesting_and_big_garbage_fail_fast() {
    let mut deep = String::from("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"create\"],\"after\":");
    deep.push_str(&"[".repeat(100_000));
    let start = Instant::now();
    assert!(load_bytes(deep.as_bytes(), "deep").is_err());
    // 20 MB of an unterminated string: linear scan, then a clear error.
    let mut big = b"{\"format_version\":\"".to_vec();
    big.resize(20 << 20, b'a');
    let err = load_bytes(&big, "big").unwrap_err();
    assert_eq!(err.code, "plan.truncated");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}
