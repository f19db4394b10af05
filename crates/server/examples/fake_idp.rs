//! The tests' fake OpenID Connect provider (tests/common/idp.rs) as a program, for the
//! desktop e2e test (tests/e2e/test_team_oidc.py): starts on a free 127.0.0.1 port, prints
//! its issuer URL on the first line, consents at once for alice@example.com (subject
//! `sub-alice`), and runs until it is killed.

#[allow(dead_code)]
#[path = "../tests/common/certs.rs"]
mod certs;
#[allow(dead_code)]
#[path = "../tests/common/idp.rs"]
mod idp;

use std::io::Write;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let provider = idp::FakeIdp::start().await;
    println!("{}", provider.issuer);
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
}
