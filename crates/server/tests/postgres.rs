//! The same behaviour tests against PostgreSQL: each test starts a throw-away cluster
//! (initdb in a temp dir, free loopback port). The sync test runs two server instances on
//! one database, as behind a load balancer.

mod common;

use common::{governance, requests, scenarios, Backend};

macro_rules! postgres_tests {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            // A hung test fails after 3 minutes instead of stalling the suite.
            tokio::time::timeout(std::time::Duration::from_secs(180), async {
                scenarios::$name(&Backend::postgres().await).await;
            })
            .await
            .expect("the test finished within 3 minutes");
        }
    )*};
}

postgres_tests!(
    health_openapi_and_bad_input,
    two_clients_sync_through_outage,
    cross_tenant_access_is_refused,
    roles_are_enforced,
    expired_and_revoked_tokens,
    audit_chain_detects_tampering,
    no_secret_in_logs,
    rate_limit_per_token,
    kill9_keeps_acknowledged_writes,
    workspace_metadata_compare_and_set,
);

// Self-service requests and webhooks (common/requests.rs).
macro_rules! request_tests {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            tokio::time::timeout(std::time::Duration::from_secs(180), async {
                requests::$name(&Backend::postgres().await).await;
            })
            .await
            .expect("the test finished within 3 minutes");
        }
    )*};
}

request_tests!(self_service_requests, dead_webhook_never_blocks_requests);

/// Budgets and policy packs (common/governance.rs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budgets_and_policy_packs() {
    tokio::time::timeout(std::time::Duration::from_secs(180), async {
        governance::budgets_and_policy_packs(&Backend::postgres().await).await;
    })
    .await
    .expect("the test finished within 3 minutes");
}

/// Instances started at the same moment on an empty database apply each migration once
/// (the write lock serializes them) and all come up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_starts_migrate_once() {
    let backend = Backend::postgres().await;
    let (a, b, c) = tokio::join!(
        common::Server::start(&backend, &[]),
        common::Server::start(&backend, &[]),
        common::Server::start(&backend, &[]),
    );
    for s in [&a, &b, &c] {
        let (status, health) =
            common::call("GET", &format!("{}/healthz", s.base), None, None).await;
        assert_eq!(status, 200);
        assert_eq!(health["schema_version"], orbis_server::db::SCHEMA_VERSION);
    }
    let rows = backend
        .sql_text("SELECT CAST(COUNT(*) AS TEXT) FROM schema_migrations")
        .await;
    assert_eq!(rows, orbis_server::db::SCHEMA_VERSION.to_string());
}
