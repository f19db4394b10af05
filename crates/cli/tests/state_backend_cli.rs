//! `orbis state show --backend DIR`: the root module's remote state, read only. Without the
//! `cloud` feature it says so (exit 2); with it, an `http` backend served by a loopback server
//! is read, with the password from TF_HTTP_PASSWORD (never printed). The s3 backend against
//! moto is covered by orbis-cloud's and orbis-app's tests.

use std::process::Command;

fn orbis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orbis"))
}

#[cfg(feature = "cloud")]
/// Serves `body` at /state to requests carrying basic auth `ci:hunter2`; 401 otherwise.
fn server(body: &'static str) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = vec![0u8; 8192];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let ok = req.starts_with("GET /state ")
                && req.lines().any(|l| l.ends_with("Basic Y2k6aHVudGVyMg=="));
            let (status, text) = if ok {
                ("200 OK", body)
            } else {
                ("401 Unauthorized", "")
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    port
}

#[test]
fn a_workspace_without_backend_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"terraform_data\" \"x\" {}\n",
    )
    .unwrap();
    let out = orbis()
        .args(["state", "show", "--backend"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    if cfg!(feature = "cloud") {
        assert!(err.contains("[state.no_backend]"), "{err}");
    } else {
        assert!(err.contains("[state.cloud_not_built]"), "{err}");
    }
}

#[cfg(feature = "cloud")]
#[test]
fn the_http_backend_state_is_shown_with_the_password_from_the_environment() {
    let port = server(
        r#"{"version":4,"terraform_version":"1.11.4","serial":2,"lineage":"l","outputs":{},
        "resources":[{"mode":"managed","type":"terraform_data","name":"app",
        "provider":"provider[\"terraform.io/builtin/terraform\"]",
        "instances":[{"schema_version":0,"attributes":{"id":"d1","input":"v2"}}]}]}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backend.tf"),
        format!(
            "terraform {{\n  backend \"http\" {{\n    address  = \"http://127.0.0.1:{port}/state\"\n    username = \"ci\"\n  }}\n}}\n"
        ),
    )
    .unwrap();
    let show = |password: &str| {
        orbis()
            .args(["state", "show", "--format", "json", "--backend"])
            .arg(dir.path())
            .env("TF_HTTP_PASSWORD", password)
            .env_remove("TF_WORKSPACE")
            .output()
            .unwrap()
    };
    let out = show("hunter2");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resources"][0]["address"], "terraform_data.app");
    assert_eq!(v["resources"][0]["id"], "d1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot report a lock"));

    let out = show("wrong-password");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[cloud.denied]") && err.contains("HTTP 401"),
        "{err}"
    );
    assert!(!err.contains("wrong-password") && !err.contains("hunter2"));
}
