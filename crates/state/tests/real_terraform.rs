//! The readers against states the real terraform (1.11) wrote: raw v4 and `show -json` of the
//! same state must give the same instances, and no sensitive value may survive either.

mod common;

use common::{applied, SECRET};
use orbis_state::{explorer, read_bytes, read_file, Mode, StateFormat, REDACTED};

#[test]
fn raw_v4_state_reads_with_modules_dependencies_and_redaction() {
    let w = applied();
    let state = read_file(&w.path.join("terraform.tfstate"), None).unwrap();
    assert_eq!(state.format, StateFormat::V4);
    assert_eq!(state.terraform_version.as_deref(), Some("1.11.4"));
    let addrs: Vec<&str> = state.instances.iter().map(|i| i.address.as_str()).collect();
    assert_eq!(
        addrs,
        [
            "terraform_data.a",
            "terraform_data.b",
            "module.child.terraform_data.c[0]",
            "module.child.terraform_data.c[1]"
        ]
    );
    let a = &state.instances[0];
    assert_eq!(a.sensitive_paths, ["triggers_replace.password"]);
    // Raw v4 wraps terraform_data's dynamic values as {"value", "type"}.
    assert_eq!(
        a.attributes["triggers_replace"]["value"]["password"],
        REDACTED
    );
    assert!(a.id.as_deref().is_some_and(|id| id.len() == 36));
    assert_eq!(state.instances[1].dependencies, ["terraform_data.a"]);
    assert_eq!(
        explorer::dependents(&state, "terraform_data.a"),
        ["terraform_data.b"]
    );
    let pw = state.outputs.iter().find(|o| o.name == "pw").unwrap();
    assert!(pw.sensitive && pw.value.is_none());
    let json = serde_json::to_string(&state).unwrap();
    assert!(!json.contains(SECRET), "a sensitive value survived reading");
}

#[test]
fn show_json_of_the_same_state_gives_the_same_instances() {
    let w = applied();
    let raw = read_file(&w.path.join("terraform.tfstate"), None).unwrap();
    let shown = read_bytes(&w.show_json, "show.json", None).unwrap();
    assert_eq!(shown.format, StateFormat::ShowJson);
    let key = |s: &orbis_state::State| -> Vec<(String, Option<String>, Mode)> {
        s.instances
            .iter()
            .map(|i| (i.address.clone(), i.id.clone(), i.mode))
            .collect()
    };
    assert_eq!(key(&raw), key(&shown));
    assert_eq!(
        shown.instances[0].attributes["triggers_replace"]["password"],
        REDACTED
    );
    assert_eq!(
        shown.instances[0].sensitive_paths,
        ["triggers_replace.password"]
    );
    assert_eq!(shown.instances[2].module.as_deref(), Some("module.child"));
    assert_eq!(
        shown
            .outputs
            .iter()
            .find(|o| o.name == "name")
            .unwrap()
            .value,
        Some("alpha".into())
    );
    assert!(!serde_json::to_string(&shown).unwrap().contains(SECRET));
    let tree = explorer::tree(&shown);
    assert_eq!(tree[0].module, "root");
    assert_eq!(tree[1].module, "module.child");
    assert_eq!(tree[1].types[0].addresses.len(), 2);
}

#[test]
fn search_finds_values_but_never_redacted_ones() {
    let w = applied();
    let state = read_file(&w.path.join("terraform.tfstate"), None).unwrap();
    let hits: Vec<&str> = explorer::search(&state, "ALPHA")
        .iter()
        .map(|i| i.address.as_str())
        .collect();
    assert_eq!(hits, ["terraform_data.a", "terraform_data.b"]);
    assert!(explorer::search(&state, "hunter2").is_empty());
    assert!(explorer::search(&state, "sensitive value").is_empty());
    assert_eq!(explorer::search(&state, "child").len(), 2);
}
