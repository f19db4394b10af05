//! Remediation output is code a person can use: import blocks + skeletons for every recorded
//! cloud fixture parse without a diagnostic, are already `terraform fmt` output (checked with
//! the real terraform), and go through orbis-lint without parse errors or hard-coded secrets;
//! "accept into code" rewrites literal arguments of the found block and shows the diff.

use orbis_drift::inventory::load_file;
use orbis_drift::remediation::{accept_changes, import_blocks, skeleton_attributes};
use orbis_drift::{Change, ResourceDrift, Status};
use orbis_lang::ProviderSchemas;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn drift_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift")
}

#[test]
fn import_skeletons_of_every_cloud_fixture_parse_format_and_lint() {
    let index: Value =
        serde_json::from_slice(&std::fs::read(drift_corpus().join("INDEX.json")).unwrap()).unwrap();
    let schemas = ProviderSchemas::bundled();
    let mut fixtures = BTreeSet::new();
    for c in index["cases"]
        .as_array()
        .unwrap()
        .iter()
        .chain(index["cloud_only_cases"].as_array().unwrap())
    {
        if let (Some(g), Some(t)) = (
            c["cloud_expected_golden"].as_str(),
            c["cloud_resource_type"].as_str(),
        ) {
            fixtures.insert((g.to_string(), t.to_string()));
        }
    }
    let root = tempfile::tempdir().unwrap();
    let (mut resources, mut findings, mut dirs) = (0, Vec::new(), 0);
    for (golden, rtype) in &fixtures {
        let (inv, _) = load_file(&drift_corpus().join(golden), Some(rtype)).unwrap();
        if inv.resources.is_empty() {
            continue;
        }
        let live: Vec<_> = inv.resources.iter().collect();
        let text = import_blocks(&live, &schemas);
        let file = orbis_hcl::parse_str(&text, "imports.tf");
        assert!(
            file.diagnostics.is_empty(),
            "{golden}: {:?}\n{text}",
            file.diagnostics
        );
        assert_eq!(file.blocks_of("import").count(), live.len(), "{golden}");
        assert_eq!(file.blocks_of("resource").count(), live.len(), "{golden}");
        let formatted = orbis_hcl::format::format_source(&text).unwrap();
        assert!(!formatted.changed, "{golden}: not in canonical format");
        for r in &live {
            assert!(
                !skeleton_attributes(r, &schemas).contains(&"id".to_string()),
                "{golden}: id is computed"
            );
        }
        let dir = root.path().join(format!("d{dirs}"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("imports.tf"), &text).unwrap();
        dirs += 1;
        resources += live.len();
        let result =
            orbis_lint::lint_paths(std::slice::from_ref(&dir), &orbis_lint::Config::default())
                .unwrap();
        assert_eq!(result.summary.parse_errors, 0, "{golden}");
        for f in result.active() {
            assert_ne!(
                f.rule_id, "ORB-GOV-005",
                "{golden}: hard-coded secret written: {}",
                f.message
            );
            findings.push(format!("{} {}", f.rule_id, f.resource));
        }
    }
    // The real terraform agrees on the formatting of every generated file.
    let out = Command::new("terraform")
        .args(["fmt", "-check", "-recursive", "-list=true"])
        .current_dir(root.path())
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "terraform fmt would change: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    println!(
        "{dirs} fixtures, {resources} resources; lint findings on the observed configurations: {}",
        findings.len()
    );
    for f in findings.iter().take(15) {
        println!("  {f}");
    }
    assert!(resources > 100, "{resources}");
}

#[test]
fn skeleton_follows_the_schema_and_never_copies_secrets() {
    let r = orbis_drift::LiveResource {
        resource_type: "aws_instance".into(),
        id: "i-0abc".into(),
        region: Some("eu-west-3".into()),
        account: None,
        attributes: json!({
            "id": "i-0abc", "arn": "arn:aws:ec2:eu-west-3:1:instance/i-0abc", "ami": "ami-1",
            "instance_type": "t3.nano", "user_data": "echo ${HOME} %{x}", "public_ip": "1.2.3.4",
            "root_block_device": [{"volume_size": 8, "volume_type": "gp2", "volume_id": "vol-1"}],
            "tags": {"Name": "web", "kubernetes.io/role": "node"}
        })
        .as_object()
        .unwrap()
        .clone(),
        tags: Default::default(),
    };
    let text = import_blocks(&[&r], &ProviderSchemas::bundled());
    assert!(
        text.contains("import {\n  to = aws_instance.i_0abc\n  id = \"i-0abc\"\n}"),
        "{text}"
    );
    assert!(text.contains("instance_type = \"t3.nano\""), "{text}");
    assert!(!text.contains("arn:aws"), "computed arn copied:\n{text}");
    assert!(
        text.contains("$${HOME} %%{x}"),
        "interpolation not escaped:\n{text}"
    );
    assert!(text.contains("\"kubernetes.io/role\" = \"node\""), "{text}");
    let file = orbis_hcl::parse_str(&text, "x.tf");
    assert!(file.diagnostics.is_empty());

    let secret = orbis_drift::LiveResource {
        resource_type: "some_unknown_type".into(),
        id: "k1".into(),
        region: None,
        account: None,
        attributes: json!({"id": "k1", "name": "n", "db_password": "hunter2"})
            .as_object()
            .unwrap()
            .clone(),
        tags: Default::default(),
    };
    let text = import_blocks(&[&secret], &ProviderSchemas::bundled());
    assert!(
        !text.contains("hunter2") && text.contains("# db_password: sensitive"),
        "{text}"
    );
}

#[test]
fn accept_rewrites_literals_and_reports_expressions() {
    let dir = tempfile::tempdir().unwrap();
    let main = "variable \"ami\" {\n  type = string\n}\n\nresource \"aws_instance\" \"web\" {\n  ami           = var.ami\n  instance_type = \"t3.micro\"\n\n  tags = {\n    Name = \"web\"\n  }\n}\n";
    std::fs::write(dir.path().join("main.tf"), main).unwrap();
    let drift = ResourceDrift {
        resource_type: "aws_instance".into(),
        id: "i-1".into(),
        status: Status::Changed,
        address: Some("aws_instance.web".into()),
        region: None,
        account: None,
        changes: vec![
            Change {
                attribute: "instance_type".into(),
                state: json!("t3.micro"),
                live: json!("t3.nano"),
            },
            Change {
                attribute: "tags.Owner".into(),
                state: json!(null),
                live: json!("ops"),
            },
            Change {
                attribute: "ami".into(),
                state: json!("ami-1"),
                live: json!("ami-2"),
            },
            Change {
                attribute: "monitoring".into(),
                state: json!(false),
                live: json!(true),
            },
        ],
    };
    let edits = accept_changes(dir.path(), &[drift]);
    assert_eq!(edits.len(), 1);
    let e = &edits[0];
    assert_eq!(
        e.file.as_deref(),
        Some(dir.path().join("main.tf").as_path())
    );
    assert_eq!(e.notes, ["ami: set by an expression, update it by hand"]);
    assert!(
        e.diff.starts_with("--- a/main.tf\n+++ b/main.tf\n@@ -5,"),
        "{}",
        e.diff
    );
    assert!(
        e.diff
            .contains("-  instance_type = \"t3.micro\"\n+  instance_type = \"t3.nano\"\n"),
        "{}",
        e.diff
    );
    assert!(e.diff.contains("+    Owner = \"ops\""), "{}", e.diff);
    assert!(e.diff.contains("+  monitoring = true"), "{}", e.diff);
    let new = e.new_text.as_deref().unwrap();
    let file = orbis_hcl::parse_str(new, "main.tf");
    assert!(file.diagnostics.is_empty(), "{new}");
    // The file itself is untouched: accepting is the caller's decision.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        main
    );

    let missing = ResourceDrift {
        address: Some("module.net.aws_vpc.main".into()),
        ..edits_base()
    };
    let e = &accept_changes(dir.path(), &[missing])[0];
    assert!(e.diff.is_empty() && e.notes[0].contains("child module"));
}

fn edits_base() -> ResourceDrift {
    ResourceDrift {
        resource_type: "aws_vpc".into(),
        id: "vpc-1".into(),
        status: Status::Changed,
        address: None,
        region: None,
        account: None,
        changes: vec![Change {
            attribute: "cidr_block".into(),
            state: json!("10.0.0.0/16"),
            live: json!("10.1.0.0/16"),
        }],
    }
}
