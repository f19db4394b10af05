//! orbis-sync: what a TerraOrbis desktop needs to talk to the team server (`orbis-server`),
//! and nothing of the server itself: the JSON types of the API (`wire`, shared with the
//! server, which derives its OpenAPI schemas from them with the `openapi` feature) and an
//! HTTP client with outbox/replica helpers (`client`). Light: serde + reqwest, so the app
//! can take it behind its `team` feature without axum or database drivers.

pub mod client;
pub mod events;
pub mod governance;
pub mod oidc;
pub mod requests;
pub mod wire;

pub use client::{
    http_client, run_item, use_ring_for_tls, ClientError, FlushReport, Outbox, Queued, Replica,
    SyncClient,
};
pub use events::{EventStream, LiveEvent};
pub use governance::*;
pub use requests::*;
pub use wire::*;

/// The largest run log a record carries (the server refuses longer ones; clients keep the
/// tail).
pub const MAX_LOG_BYTES: usize = 256 * 1024;
