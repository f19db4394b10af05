use orbis_app::dto::{EntryKind, FileLanguage};
use orbis_app::Session;
use orbis_store::Store;
use std::fs;

#[test]
fn tree_respects_gitignore_and_hides_tool_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    fs::write(ws.join(".gitignore"), "*.tfstate\nbuild/\n").unwrap();
    fs::write(ws.join("main.tf"), "").unwrap();
    fs::write(ws.join("terraform.tfstate"), "{}").unwrap();
    fs::write(ws.join("prod.tfvars"), "").unwrap();
    fs::write(ws.join("terragrunt.hcl"), "").unwrap();
    for d in [
        ".terraform/providers",
        ".git",
        "build",
        "modules/net",
        "Zeta",
    ] {
        fs::create_dir_all(ws.join(d)).unwrap();
    }
    fs::write(ws.join("modules/net/main.tf"), "").unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(ws).unwrap();

    let root = session.list_dir("").unwrap();
    let names: Vec<_> = root.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "modules",
            "Zeta",
            ".gitignore",
            "main.tf",
            "prod.tfvars",
            "terragrunt.hcl"
        ]
    );
    assert_eq!(root.entries[0].kind, EntryKind::Dir);
    let lang = |n: &str| root.entries.iter().find(|e| e.name == n).unwrap().language;
    assert_eq!(lang("main.tf"), FileLanguage::Terraform);
    assert_eq!(lang("prod.tfvars"), FileLanguage::Tfvars);
    assert_eq!(lang("terragrunt.hcl"), FileLanguage::Terragrunt);

    let sub = session.list_dir("modules/net").unwrap();
    assert_eq!(sub.path, "modules/net");
    assert_eq!(sub.entries[0].path, "modules/net/main.tf");

    // With "show ignored files" on, ignored files appear but tool folders stay hidden.
    let mut settings = session.settings().unwrap();
    settings.show_ignored = true;
    session.save_settings(&settings).unwrap();
    let all: Vec<_> = session
        .list_dir("")
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(all.contains(&"terraform.tfstate".to_string()) && all.contains(&"build".to_string()));
    assert!(!all.contains(&".terraform".to_string()) && !all.contains(&".git".to_string()));
}

#[test]
fn a_folder_of_ten_thousand_files_lists_completely() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        fs::write(tmp.path().join(format!("f{i:05}.tf")), "").unwrap();
    }
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(tmp.path()).unwrap();
    let listing = session.list_dir("").unwrap();
    assert_eq!(listing.entries.len(), 10_000);
    assert_eq!(listing.entries[0].name, "f00000.tf");
    assert_eq!(listing.entries[9_999].name, "f09999.tf");
}

#[test]
fn invalid_utf8_and_binary_files_are_flagged_not_failed() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("latin1.tf"), b"name = \"caf\xe9\"\n").unwrap();
    fs::write(tmp.path().join("blob.bin"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(tmp.path()).unwrap();
    let text = session.read_file("latin1.tf").unwrap();
    assert!(text.lossy && !text.binary);
    assert!(text.text.contains("caf\u{FFFD}"));
    let blob = session.read_file("blob.bin").unwrap();
    assert!(blob.binary && blob.text.is_empty());
}

#[test]
fn demo_workspace_is_written_once_and_user_edits_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    for rel in [
        "main.tf",
        "terraform.tfvars",
        "modules/network/main.tf",
        "k8s/deployment.yaml",
        "plans/sample-plan.json",
    ] {
        assert!(root.join(rel).is_file(), "demo lacks {rel}");
    }
    assert_eq!(orbis_app::demo::files().len(), walk_count(&root));
    fs::write(root.join("main.tf"), "# my edit").unwrap();
    orbis_app::demo::materialize(tmp.path()).unwrap();
    assert_eq!(
        fs::read_to_string(root.join("main.tf")).unwrap(),
        "# my edit"
    );

    let session = Session::new(Store::open_in_memory().unwrap(), Some(root.clone()));
    let info = session.open_startup_workspace().unwrap();
    assert!(info.demo, "with no recent workspace the demo opens");
    // Plans never go to the editor as text (they hold secrets in clear): the file is flagged
    // for Plan Review, where it must load.
    let plan = session.read_file("plans/sample-plan.json").unwrap();
    assert!(plan.plan && plan.text.is_empty());
    let review = session
        .open_plan("plans/sample-plan.json")
        .expect("sample plan loads");
    assert_eq!(review.changes.len(), 7);
}

#[test]
fn startup_reopens_the_last_workspace_that_still_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("orbis.sqlite3");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    {
        let s = Session::new(Store::open(&db).unwrap(), None);
        s.open_workspace(&a).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        s.open_workspace(&b).unwrap();
    }
    let s = Session::new(Store::open(&db).unwrap(), None);
    assert_eq!(s.open_startup_workspace().unwrap().name, "b");
    fs::remove_dir_all(&b).unwrap();
    let s = Session::new(Store::open(&db).unwrap(), None);
    assert_eq!(
        s.open_startup_workspace().unwrap().name,
        "a",
        "a deleted folder is skipped"
    );
}

fn walk_count(dir: &std::path::Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { walk_count(&p) } else { 1 })
        .sum()
}
