//! orbis-state: read-only Terraform/OpenTofu state for the state explorer and drift.
//!
//! Bytes in (a local file, `terraform state pull`, later a remote backend's object), a
//! redacted [`State`] out: `terraform.tfstate` v3 and v4, `terraform show -json` of a state,
//! and OpenTofu encrypted states (PBKDF2 passphrase + AES-GCM, decrypted in memory only).
//! Sensitive values (v4 `sensitive_attributes`, show-json `sensitive_values`, sensitive
//! outputs) are replaced by [`REDACTED`] while reading. No network, no writes: nothing in this
//! crate writes a state or a lock.
//!
//! ```no_run
//! let state = orbis_state::read_file("terraform.tfstate".as_ref(), None)?;
//! for group in orbis_state::explorer::tree(&state) { println!("{}", group.module); }
//! # Ok::<(), orbis_state::StateError>(())
//! ```

pub mod backend;
mod cloud_locations;
mod encrypted;
mod error;
pub mod explorer;
mod flatmap;
pub mod lock;
mod model;
mod read;
pub mod redact;
mod show_json;
mod v3;
mod v4;

pub use backend::{
    AzureLocation, BackendConfig, GcsLocation, HttpLocation, S3Location, TfeLocation,
};
pub use encrypted::{derive_key, HashFunction, Passphrase, Pbkdf2Meta};
pub use error::StateError;
pub use lock::{local_lock, parse_lock_info, LockInfo};
pub use model::{Instance, Mode, Output, State, StateFormat};
pub use read::{read_bytes, read_file, MAX_STATE_BYTES};
pub use redact::REDACTED;
