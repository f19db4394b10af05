//! `orbis cost breakdown|diff --chart FILE.svg|FILE.png`: the chart files are written from the
//! corpus example plan and the demo workspace, name the groups the JSON report has, and bad
//! chart options fail with exit code 2 before anything is estimated.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn orbis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .output()
        .expect("run orbis")
}

fn example_plan() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/cost/infracost/plan_json/breakdown_terraform_plan_json/example_plan.json")
        .to_string_lossy()
        .into_owned()
}

fn demo_workspace() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app/demo-workspace")
        .to_string_lossy()
        .into_owned()
}

fn ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Width and height from a PNG's IHDR chunk (the file's first chunk, at a fixed offset).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

fn out_file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn a_plan_breakdown_writes_an_svg_naming_every_service_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = out_file(&dir, "services.svg");
    let plan = example_plan();
    let out = orbis(&[
        "cost",
        "breakdown",
        &plan,
        "--format",
        "json",
        "--chart",
        svg_path.to_str().unwrap(),
    ]);
    ok(&out);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report on stdout");
    let svg = std::fs::read_to_string(&svg_path).expect("chart written");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("Estimated monthly cost by service"));
    let services = report["chargeback"]["service"].as_array().unwrap();
    assert!(!services.is_empty());
    for g in services {
        let key = g["key"].as_str().unwrap();
        assert!(svg.contains(key), "{key} not in the chart");
    }
}

#[test]
fn a_plan_diff_writes_a_png_of_before_and_after_by_module() {
    let dir = tempfile::tempdir().unwrap();
    let png_path = out_file(&dir, "delta.PNG");
    let plan = example_plan();
    let out = orbis(&[
        "cost",
        "diff",
        &plan,
        "--chart",
        png_path.to_str().unwrap(),
        "--group-by",
        "module",
        "--chart-theme",
        "dark",
    ]);
    ok(&out);
    let bytes = std::fs::read(&png_path).expect("chart written");
    let (w, h) = png_size(&bytes);
    assert_eq!(w, 900);
    assert!((240..=1800).contains(&h), "height {h}");
    assert!(bytes.len() > 2000, "a real picture, not an empty image");
}

#[test]
fn a_folder_breakdown_charts_by_tag_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_workspace();
    for name in ["tags.svg", "tags.png"] {
        let path = out_file(&dir, name);
        let out = orbis(&[
            "cost",
            "breakdown",
            &ws,
            "--chart",
            path.to_str().unwrap(),
            "--group-by",
            "tag:Environment",
        ]);
        ok(&out);
        let bytes = std::fs::read(&path).expect("chart written");
        if name.ends_with(".png") {
            assert_eq!(png_size(&bytes).0, 900);
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            assert!(svg.contains("monthly cost by tag Environment"), "{svg}");
        }
    }
}

#[test]
fn bad_chart_options_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_plan();
    let jpg = out_file(&dir, "chart.jpg");
    let out = orbis(&["cost", "breakdown", &plan, "--chart", jpg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".svg or .png"));
    assert!(!jpg.exists());

    let svg = out_file(&dir, "chart.svg");
    let out = orbis(&[
        "cost",
        "breakdown",
        &plan,
        "--chart",
        svg.to_str().unwrap(),
        "--group-by",
        "tag:",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tag:KEY"));

    // --group-by means nothing without --chart.
    let out = orbis(&["cost", "breakdown", &plan, "--group-by", "module"]);
    assert_eq!(out.status.code(), Some(2));
}
