//! Bad input gives a clear error with a hint, never a panic: truncated JSON, wrong version,
//! invalid UTF-8, empty files, plans instead of states, binary plan files, and a 100 MB state.

mod common;

use orbis_state::{read_bytes, read_file};
use std::io::Write;

fn err(bytes: &[u8]) -> orbis_state::StateError {
    read_bytes(bytes, "input", None).unwrap_err()
}

#[test]
fn truncated_state_says_it_was_cut_short() {
    let w = common::applied();
    let full = std::fs::read(w.path.join("terraform.tfstate")).unwrap();
    for cut in [1, full.len() / 3, full.len() / 2, full.len() - 2] {
        let e = err(&full[..cut]);
        assert_eq!(e.code, "state.truncated", "cut at {cut}: {e}");
        assert!(e.hint.contains("cut short"));
    }
}

#[test]
fn invalid_utf8_empty_and_garbage_are_named() {
    assert_eq!(
        err(b"{\"version\": 4, \"x\": \"\xff\xfe\"}").code,
        "state.not_utf8"
    );
    assert_eq!(err(b"").code, "state.empty");
    assert_eq!(err(b"  \n").code, "state.empty");
    assert_eq!(
        err(b"PK\x03\x04\x14\x00binary plan").code,
        "state.binary_planfile"
    );
    assert_eq!(err(b"\x00\x9f\x92\x96").code, "state.not_utf8");
    assert_eq!(err(b"hello").code, "state.invalid_json");
    assert_eq!(err(b"[1,2]").code, "state.unexpected_shape");
    assert_eq!(err(b"{\"serial\": 1}").code, "state.unexpected_shape");
    assert_eq!(err(b"{\"version\": 2}").code, "state.unsupported_version");
    assert_eq!(
        err(b"{\"version\": 4, \"resources\": 7}").code,
        "state.unexpected_shape"
    );
    assert_eq!(
        err(b"{\"version\": 4, \"resources\": [{\"name\": \"x\"}]}").code,
        "state.unexpected_shape"
    );
    // Deep nesting stops at serde_json's recursion limit instead of overflowing the stack.
    let deep = format!(
        "{{\"version\":4,\"resources\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(err(deep.as_bytes()).code, "state.invalid_json");
}

#[test]
fn a_plan_is_refused_with_the_right_command() {
    let plan = common::corpus().join("plans/json/opentofu-equivalence/drift_refresh_only.json");
    let e = read_file(&plan, None).unwrap_err();
    assert_eq!(e.code, "state.is_plan");
    assert!(e.hint.contains("orbis plan review"));
}

#[test]
fn a_folder_and_a_missing_file_are_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        read_file(dir.path(), None).unwrap_err().code,
        "state.is_directory"
    );
    assert_eq!(
        read_file(&dir.path().join("nope.tfstate"), None)
            .unwrap_err()
            .code,
        "state.io"
    );
}

#[test]
fn a_100_mb_state_reads() {
    // 100 MB of real-shaped v4 resources (the corpus's EC2 instance, repeated with new ids).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.tfstate");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(f, "{{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":1,\"lineage\":\"x\",\"outputs\":{{}},\"resources\":[").unwrap();
    let blob = "x".repeat(2000);
    let mut written = 0usize;
    let mut n = 0usize;
    while written < 100 * 1024 * 1024 {
        let r = format!(
            "{}{{\"mode\":\"managed\",\"type\":\"aws_instance\",\"name\":\"i{n}\",\"provider\":\"provider[\\\"hashicorp/aws\\\"]\",\"instances\":[{{\"schema_version\":1,\"attributes\":{{\"id\":\"i-{n:016x}\",\"ami\":\"ami-1\",\"user_data\":\"{blob}\",\"tags\":{{\"Name\":\"n{n}\"}}}},\"sensitive_attributes\":[[{{\"type\":\"get_attr\",\"value\":\"user_data\"}}]]}}]}}",
            if n == 0 { "" } else { "," }
        );
        f.write_all(r.as_bytes()).unwrap();
        written += r.len();
        n += 1;
    }
    write!(f, "]}}").unwrap();
    drop(f);
    let state = read_file(&path, None).unwrap();
    assert_eq!(state.instances.len(), n);
    assert_eq!(state.redacted_values, n);
    assert_eq!(
        state.instances[n - 1].id.as_deref(),
        Some(format!("i-{:016x}", n - 1).as_str())
    );
}
