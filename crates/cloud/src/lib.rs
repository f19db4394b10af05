//! Cloud credentials for TerraOrbis, exactly as they already work in the user's terminal:
//!
//! - [`discover`]: what is configured — AWS profiles (config + credentials files, SSO
//!   sessions, environment variables), Azure CLI accounts, gcloud configurations and
//!   Application Default Credentials, kubeconfig contexts. Files only: no network, fast.
//! - [`doctor`]: per cloud and profile, which identity would be used, whether it works, when
//!   it expires, and the exact command that fixes it (`aws sso login --profile X`, `az login`,
//!   `gcloud auth application-default login`). AWS through aws-config + STS
//!   GetCallerIdentity, Azure through azure_identity's Azure CLI credential, Google through
//!   gcp_auth; Kubernetes contexts are checked offline (exec plugins on PATH).
//! - [`aws::AwsSession`]: a profile's SDK configuration, and the EC2 reads (DescribeRegions,
//!   DescribeInstances) the inventory builds on.
//! - [`inventory::scan_aws`]: the live AWS inventory (EC2 instances, VPCs, subnets, security
//!   groups, EBS volumes per region; S3 buckets) as orbis-drift's snapshot; per-type failures are
//!   recorded, never fatal.
//! - [`remote_state`]: read-only remote state backends (S3 with the DynamoDB and S3-native
//!   lock holders, HTTP): bytes and lock records for `orbis_state`, never a write.
//! - [`secrets::SecretStore`]: run secrets in the OS keychain (keyring), handed to the runner
//!   for the child process only; refused, never written in plain text, when there is no
//!   keychain.
//!
//! Everything that reads configuration takes a [`Context`] (home folder + environment), so
//! tests and the desktop app can point it anywhere without touching the process environment.
//! Errors carry a stable code, a message and a hint ([`CloudError`]); no message contains a
//! secret, a token or a stack trace.
//!
//! This crate holds the heavy cloud SDKs (Architecture Invariant: only `cloud` and `clusters`
//! depend on them); engines never depend on it.

pub mod aks;
pub mod aws;
mod context;
pub mod discover;
pub mod doctor;
pub mod eks;
mod error;
pub mod gke;
mod ini;
pub mod inventory;
pub mod remote_state;
mod rest;
pub mod secrets;
mod timefmt;
pub mod tokens;

pub use context::Context;
pub use discover::{discover, Discovery};
pub use doctor::{doctor, offline_report, Check, Cloud, DoctorOptions, DoctorReport, Status};
pub use error::{CloudError, ErrorCode};
pub use secrets::SecretStore;
