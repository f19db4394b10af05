//! The checked-in `openapi.json` is the description the server generates
//! (`UPDATE_OPENAPI=1 cargo test -p orbis-server --test openapi` refreshes it).

#[test]
fn checked_in_openapi_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let generated = orbis_server::api::openapi::json() + "\n";
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "crates/server/openapi.json is stale: run UPDATE_OPENAPI=1 cargo test -p orbis-server --test openapi"
    );
}
