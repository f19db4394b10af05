use std::process::Command;

fn orbis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
}

#[test]
fn tree_lists_the_demo_workspace_like_the_app() {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/demo-workspace");
    let out = orbis()
        .arg("tree")
        .arg(&demo)
        .arg("--paths")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let paths: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    for expected in [
        "main.tf",
        "modules/network/main.tf",
        "k8s/deployment.yaml",
        "plans/sample-plan.json",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} missing from {paths:?}"
        );
    }
    let indented = orbis().arg("tree").arg(&demo).output().unwrap();
    let text = String::from_utf8(indented.stdout).unwrap();
    assert!(
        text.contains("modules/\n  network/\n    main.tf\n"),
        "{text}"
    );
}

#[test]
fn tree_of_a_missing_folder_exits_2_with_a_hint() {
    let out = orbis()
        .args(["tree", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("Cannot open /definitely/not/here") && err.contains("hint:"),
        "{err}"
    );
}
