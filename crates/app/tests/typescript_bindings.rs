//! The UI's TypeScript types are generated from the Rust DTOs; this fails when the checked-in
//! file no longer matches them (run `UPDATE_TS=1 cargo test -p orbis-app` to refresh it).

#[test]
fn generated_typescript_types_are_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated/types.ts");
    let fresh = orbis_app::typescript::render();
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(&path, &fresh).expect("write generated types");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "ui/src/generated/types.ts is stale: run `UPDATE_TS=1 cargo test -p orbis-app` and commit it"
    );
}
