//! OpenTofu (1.7+) encrypted state, decrypted in memory only. The envelope OpenTofu writes is
//! JSON: `{"serial", "lineage", "meta": {"key_provider.pbkdf2.NAME": META}, "encrypted_data":
//! BASE64, "encryption_version": "v0"}`. META is the PBKDF2 key provider's metadata
//! `{"salt": BASE64, "iterations", "hash_function": "sha256"|"sha512", "key_length"}`, written
//! as base64 of that JSON by 1.7/1.8 and as the JSON object itself by later versions (both are
//! read). The payload is AES-GCM: a 12-byte nonce, then ciphertext and 16-byte tag, no AAD
//! unless the configuration sets one. The key is PBKDF2-HMAC(passphrase, salt, iterations).

use crate::StateError;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;
use std::fmt;

/// A passphrase held only in memory; Debug never prints it.
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(s: impl Into<String>) -> Self {
        Passphrase(s.into())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bounds the key derivation so a crafted file cannot hang the reader (OpenTofu's default is
/// 600,000; its minimum 200,000).
const MAX_ITERATIONS: u64 = 20_000_000;

/// The PBKDF2 key provider's metadata as stored in the envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Pbkdf2Meta {
    pub salt: Vec<u8>,
    pub iterations: u32,
    pub hash_function: HashFunction,
    pub key_length: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashFunction {
    Sha256,
    Sha512,
}

pub fn is_envelope(doc: &Value) -> bool {
    doc.get("encryption_version").is_some() && doc.get("encrypted_data").is_some()
}

/// Decrypts an envelope to the plain state bytes.
pub fn decrypt(
    doc: &Value,
    label: &str,
    passphrase: Option<&Passphrase>,
) -> Result<Vec<u8>, StateError> {
    let version = doc
        .get("encryption_version")
        .and_then(Value::as_str)
        .unwrap_or("");
    if version != "v0" {
        return Err(StateError::new(
            "state.encryption_version",
            format!("{label} uses encryption version `{version}`; only `v0` is known"),
            "read it with the OpenTofu version that wrote it: `tofu state pull > plain.json` \
             (keep that file private)",
        ));
    }
    let meta = doc.get("meta").and_then(Value::as_object);
    let providers: Vec<&String> = meta.into_iter().flat_map(|m| m.keys()).collect();
    let Some((name, raw)) = meta
        .into_iter()
        .flatten()
        .find(|(k, _)| k.starts_with("key_provider.pbkdf2."))
    else {
        return Err(StateError::new(
            "state.encryption_key_provider",
            format!(
                "{label} is encrypted with key provider(s) {}; only the pbkdf2 (passphrase) \
                 provider can be decrypted here",
                if providers.is_empty() {
                    "none named".to_string()
                } else {
                    join(&providers)
                }
            ),
            "KMS-based keys need the cloud: run `tofu state pull > plain.json` where the key is \
             available, and read that file",
        ));
    };
    let Some(passphrase) = passphrase else {
        return Err(StateError::new(
            "state.encrypted",
            format!("{label} is an OpenTofu encrypted state ({name})"),
            "give the passphrase of the pbkdf2 key provider (`--passphrase-env VAR` names an \
             environment variable holding it); it is used in memory only",
        ));
    };
    let meta = parse_meta(raw).map_err(|why| {
        StateError::new(
            "state.encryption_metadata",
            format!("{label}: the {name} metadata is unusable: {why}"),
            "the encrypted state was damaged or edited; restore it from the backend's history",
        )
    })?;
    let data = doc
        .get("encrypted_data")
        .and_then(Value::as_str)
        .and_then(|s| STANDARD.decode(s).ok())
        .filter(|d| d.len() >= NONCE_LEN + TAG_LEN)
        .ok_or_else(|| {
            StateError::new(
                "state.encryption_payload",
                format!("{label}: `encrypted_data` is not a base64 AES-GCM payload"),
                "the encrypted state was damaged or truncated; restore it from the backend's history",
            )
        })?;
    let key = derive_key(passphrase, &meta);
    open(&key, &data).ok_or_else(|| {
        StateError::new(
            "state.wrong_passphrase",
            format!("the passphrase does not decrypt {label}"),
            "check the passphrase (the one in the `key_provider \"pbkdf2\"` block that wrote this \
             state; after a key rotation, the old one); a configured AES-GCM `aad` is not supported",
        )
    })
}

/// PBKDF2-HMAC key derivation as the metadata says.
pub fn derive_key(passphrase: &Passphrase, meta: &Pbkdf2Meta) -> Vec<u8> {
    let mut key = vec![0u8; meta.key_length];
    let pass = passphrase.0.as_bytes();
    match meta.hash_function {
        HashFunction::Sha256 => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pass, &meta.salt, meta.iterations, &mut key)
        }
        HashFunction::Sha512 => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(pass, &meta.salt, meta.iterations, &mut key)
        }
    }
    key
}

/// AES-GCM open of `nonce || ciphertext || tag`; None when the key or data is wrong.
fn open(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let (nonce, body) = data.split_at(NONCE_LEN);
    let nonce = Nonce::from_slice(nonce);
    match key.len() {
        16 => Aes128Gcm::new_from_slice(key)
            .ok()?
            .decrypt(nonce, body)
            .ok(),
        24 => AesGcm::<aes::Aes192, aes_gcm::aead::consts::U12>::new_from_slice(key)
            .ok()?
            .decrypt(nonce, body)
            .ok(),
        32 => Aes256Gcm::new_from_slice(key)
            .ok()?
            .decrypt(nonce, body)
            .ok(),
        _ => None,
    }
}

fn parse_meta(raw: &Value) -> Result<Pbkdf2Meta, String> {
    let obj = match raw {
        Value::Object(_) => raw.clone(),
        // 1.7/1.8: a base64 string of the JSON.
        Value::String(s) => {
            let bytes = STANDARD.decode(s).map_err(|_| "not base64".to_string())?;
            serde_json::from_slice(&bytes).map_err(|_| "not JSON".to_string())?
        }
        _ => return Err("neither an object nor a base64 string".into()),
    };
    let salt = obj
        .get("salt")
        .and_then(Value::as_str)
        .and_then(|s| STANDARD.decode(s).ok())
        .filter(|s| !s.is_empty())
        .ok_or("no salt")?;
    let iterations = obj
        .get("iterations")
        .and_then(Value::as_u64)
        .filter(|&i| i > 0)
        .ok_or("no iterations")?;
    if iterations > MAX_ITERATIONS {
        return Err(format!(
            "{iterations} iterations is over the {MAX_ITERATIONS} limit"
        ));
    }
    let hash_function = match obj.get("hash_function").and_then(Value::as_str) {
        Some("sha256") => HashFunction::Sha256,
        Some("sha512") => HashFunction::Sha512,
        other => return Err(format!("unknown hash function {other:?}")),
    };
    let key_length = obj.get("key_length").and_then(Value::as_u64).unwrap_or(0) as usize;
    if ![16, 24, 32].contains(&key_length) {
        return Err(format!("key length {key_length} is not 16, 24 or 32 bytes"));
    }
    Ok(Pbkdf2Meta {
        salt,
        iterations: iterations as u32,
        hash_function,
        key_length,
    })
}

fn join(v: &[&String]) -> String {
    v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}
