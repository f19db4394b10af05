//! Kubernetes cluster views for TerraOrbis, with the user's own kubeconfigs exactly as kubectl
//! uses them (issue 11):
//!
//! - [`contexts`]: every context of `KUBECONFIG` / `~/.kube/config`, merged like kubectl, how
//!   each authenticates, and clear errors with the fix command — offline.
//! - [`connect`]: a kube-rs client for one context (exec plugins run as the user runs them),
//!   with connection and auth failures turned into [`ClusterError`]s.
//! - [`health`]: the plain-words state of a pod (CrashLoopBackOff, OOMKilled, Unschedulable…),
//!   a pure function.
//! - [`watch`]: one kube-rs watcher per kind feeding a [`ClusterState`] that sends the UI
//!   deltas of compact summaries, re-lists after 410 Gone or a dropped watch (with backoff),
//!   and marks kinds RBAC forbids as "no access".
//! - [`actions`]: scale, rollout restart, delete pod, cordon/uncordon — a preview in plain
//!   words, then the request kubectl would make, failures explained.
//! - [`apply`]: a multi-document YAML file applied server-side, after a dry-run diff per object.
//! - [`gitops`]: Argo CD and Flux application status when their CRDs are served.
//! - [`secrets`]: one Secret value on explicit reveal (watched Secrets carry keys only).
//!
//! This crate is the only one that depends on kube (Architecture Invariant); it is not a
//! default member of the workspace, so plain `cargo test` never builds it.

pub mod actions;
pub mod apply;
pub mod connect;
pub mod contexts;
pub mod detail;
mod env;
mod error;
pub mod gitops;
pub mod health;
pub mod helm;
pub mod kubeconfig;
pub mod links;
pub mod logs;
pub mod metrics;
pub mod overview;
pub mod platform;
pub mod pods;
pub mod secrets;
pub mod summary;
pub mod watch;

pub use connect::connect;
pub use contexts::{list_contexts, ContextList, ContextSummary};
pub use env::KubeEnv;
pub use error::{ClusterError, ErrorCode};
pub use kubeconfig::{AuthKind, Kubeconfigs};
pub use watch::{ClusterState, Delta, KindStatus};
