//! The behaviour tests against the real binary with its embedded SQLite database.

mod common;

use common::{governance, requests, scenarios, Backend};

macro_rules! sqlite_tests {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            // A hung test fails after 3 minutes instead of stalling the suite.
            tokio::time::timeout(std::time::Duration::from_secs(180), async {
                scenarios::$name(&Backend::sqlite()).await;
            })
            .await
            .expect("the test finished within 3 minutes");
        }
    )*};
}

sqlite_tests!(
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
                requests::$name(&Backend::sqlite()).await;
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
        governance::budgets_and_policy_packs(&Backend::sqlite()).await;
    })
    .await
    .expect("the test finished within 3 minutes");
}
