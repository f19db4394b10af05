//! The State Explorer through `Session`: the demo workspace's state (hand-written v4, with a
//! sensitive password and a module) and the real-world states of ../shared/corpora/drift.

use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};

fn demo() -> (tempfile::TempDir, PathBuf, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&root).unwrap();
    (tmp, root, session)
}

#[test]
fn the_demo_state_opens_grouped_redacted_and_linked_to_its_code() {
    let (_tmp, root, session) = demo();
    let view = session.open_state("terraform.tfstate").unwrap();
    assert_eq!(view.format, "terraform.tfstate v4");
    assert_eq!(view.instances, 8);
    assert_eq!(view.redacted_values, 2);
    let modules: Vec<&str> = view.modules.iter().map(|m| m.module.as_str()).collect();
    assert_eq!(modules, ["root", "module.network"]);
    let secret = std::fs::read_to_string(root.join("terraform.tfstate")).unwrap();
    assert!(secret.contains("demo-not-a-real-password"));
    let all = serde_json::to_string(&view).unwrap();
    assert!(
        !all.contains("demo-not-a-real-password"),
        "the view leaks a secret"
    );
    let db_password = view
        .outputs
        .iter()
        .find(|o| o.name == "db_password")
        .unwrap();
    assert!(db_password.sensitive && db_password.value.is_none());

    let db = session.state_instance("aws_db_instance.app").unwrap();
    let password = db.attributes.iter().find(|a| a.name == "password").unwrap();
    assert!(password.sensitive);
    assert!(!serde_json::to_string(&db)
        .unwrap()
        .contains("demo-not-a-real-password"));
    let code = db.code.expect("declared in storage.tf");
    assert_eq!(code.path, "storage.tf");
    assert_eq!(code.preview, r#"resource "aws_db_instance" "app" {"#);
    let text = std::fs::read_to_string(root.join("storage.tf")).unwrap();
    let line: String = text
        .encode_utf16()
        .skip(code.range.from as usize)
        .take((code.range.to - code.range.from) as usize)
        .map(|u| u as u8 as char)
        .collect();
    assert_eq!(line, code.preview);

    // An instance of a counted resource in a child module: found in the module's folder.
    let subnet = session
        .state_instance("module.network.aws_subnet.public[1]")
        .unwrap();
    assert_eq!(subnet.code.unwrap().path, "modules/network/main.tf");
    assert!(subnet
        .dependencies
        .contains(&"module.network.aws_vpc.this".to_string()));
    // A dependency names a resource: its first instance opens.
    let first = session
        .state_instance("module.network.aws_subnet.public")
        .unwrap();
    assert_eq!(first.address, "module.network.aws_subnet.public[0]");
    assert_eq!(password.value, "(sensitive value)");
    let vpc = session
        .state_instance("module.network.aws_vpc.this")
        .unwrap();
    assert!(vpc
        .dependents
        .iter()
        .any(|d| d.starts_with("module.network.aws_subnet.public")));

    let found = session.search_state("sg-0c0ffee").unwrap();
    assert!(
        found.contains(&"aws_security_group.web".to_string()),
        "{found:?}"
    );
    assert!(session
        .search_state("demo-not-a-real-password")
        .unwrap()
        .is_empty());
}

#[test]
fn the_editor_refuses_states_and_bad_states_say_what_to_do() {
    let (_tmp, root, session) = demo();
    let err = session.open_document("terraform.tfstate").unwrap_err();
    assert!(err.hint.contains("State Explorer"), "{err:?}");
    std::fs::write(
        root.join("broken.tfstate"),
        r#"{"version": 4, "resources": [{"#,
    )
    .unwrap();
    let err = session.open_state("broken.tfstate").unwrap_err();
    assert_eq!(err.code, ErrorCode::StateInvalid);
    assert!(!err.hint.is_empty());
    // An OpenTofu encrypted state: the hint says what works, since the app asks no passphrase.
    std::fs::write(
        root.join("secret.tfstate"),
        r#"{"meta": {"key_provider.pbkdf2.main": "e30="}, "encrypted_data": "AAAA", "encryption_version": "v0"}"#,
    )
    .unwrap();
    let err = session.open_state("secret.tfstate").unwrap_err();
    assert_eq!(err.code, ErrorCode::StateInvalid);
    assert!(err.message.contains("encrypted"), "{err:?}");
    assert!(
        err.hint.contains("orbis state show") && err.hint.contains("--passphrase-env"),
        "{err:?}"
    );
    let err = session.state_instance("aws_instance.web").unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NoState,
        "a failed open leaves no state behind"
    );
    let err = session.open_state("../outside.tfstate").unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideWorkspace);
}

#[test]
fn every_corpus_state_opens_and_every_instance_has_a_detail() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/drift");
    let mut states = Vec::new();
    let mut stack = vec![corpus.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tfstate") {
                states.push(p);
            }
        }
    }
    assert!(states.len() > 50, "corpus states found: {}", states.len());
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&corpus).unwrap();
    let mut instances = 0;
    let mut empty = 0;
    for p in &states {
        let rel = p
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let view = match session.open_state(&rel) {
            Ok(v) => v,
            // driftctl's tests keep empty files among their states: refused, with the reason.
            Err(e) if std::fs::metadata(p).unwrap().len() == 0 => {
                assert_eq!(e.code, ErrorCode::StateInvalid);
                assert!(e.message.contains("empty"), "{e:?}");
                empty += 1;
                continue;
            }
            Err(e) => panic!("{rel}: {e:?}"),
        };
        for m in &view.modules {
            for t in &m.types {
                for i in &t.instances {
                    session.state_instance(&i.address).unwrap();
                    instances += 1;
                }
            }
        }
    }
    assert!(instances > 100, "{instances}");
    assert!(empty < 5, "{empty} empty states");
}
