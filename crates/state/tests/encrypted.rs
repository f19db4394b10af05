//! OpenTofu encrypted state. No OpenTofu binary and no real encrypted sample with a known
//! passphrase are available here, so the envelopes are written by the independent writer
//! below, following OpenTofu's documented format (see src/encrypted.rs); the key derivation
//! is cross-checked against the known answer published in OpenTofu's pbkdf2 key provider
//! example (passphrase "correct-horse-battery-staple", 600,000 rounds of SHA-512).

mod common;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use orbis_state::{derive_key, read_bytes, read_file, HashFunction, Passphrase, Pbkdf2Meta};
use serde_json::json;

const PASS: &str = "correct-horse-battery-staple-2026";

/// Writes an envelope the way OpenTofu's pbkdf2 + aes_gcm configuration does.
fn encrypt(
    plain: &[u8],
    pass: &str,
    hash: HashFunction,
    key_len: usize,
    meta_as_base64: bool,
) -> Vec<u8> {
    let salt: Vec<u8> = (0..32u8)
        .map(|i| i.wrapping_mul(7).wrapping_add(3))
        .collect();
    let meta = Pbkdf2Meta {
        salt: salt.clone(),
        iterations: 600_000,
        hash_function: hash,
        key_length: key_len,
    };
    let key = derive_key(&Passphrase::new(pass), &meta);
    let nonce = [9u8; 12];
    let sealed = match key_len {
        16 => Aes128Gcm::new_from_slice(&key)
            .unwrap()
            .encrypt(Nonce::from_slice(&nonce), plain)
            .unwrap(),
        _ => Aes256Gcm::new_from_slice(&key)
            .unwrap()
            .encrypt(Nonce::from_slice(&nonce), plain)
            .unwrap(),
    };
    let mut data = nonce.to_vec();
    data.extend(sealed);
    let meta_json = json!({
        "salt": STANDARD.encode(&salt),
        "iterations": 600_000,
        "hash_function": if hash == HashFunction::Sha256 { "sha256" } else { "sha512" },
        "key_length": key_len,
    });
    let meta_value = if meta_as_base64 {
        json!(STANDARD.encode(meta_json.to_string()))
    } else {
        meta_json
    };
    serde_json::to_vec(&json!({
        "serial": 5,
        "lineage": "525228dc-b6bd-3ef3-9c9a-ff2b62f0fb11",
        "meta": {"key_provider.pbkdf2.mykey": meta_value},
        "encrypted_data": STANDARD.encode(&data),
        "encryption_version": "v0",
    }))
    .unwrap()
}

fn plain_state() -> Vec<u8> {
    std::fs::read(common::applied().path.join("terraform.tfstate")).unwrap()
}

#[test]
fn key_derivation_matches_opentofus_published_example() {
    let salt = [
        0x10, 0xec, 0x3d, 0x3f, 0xe0, 0x2a, 0xd2, 0xbe, 0xe6, 0xf1, 0xf5, 0x54, 0x0f, 0x8e, 0x6b,
        0xbe, 0x3b, 0x8b, 0x29, 0x44, 0x5c, 0xf5, 0x02, 0xd2, 0x7d, 0x47, 0xad, 0x55, 0x4a, 0xa8,
        0x97, 0x1f,
    ];
    let meta = Pbkdf2Meta {
        salt: salt.to_vec(),
        iterations: 600_000,
        hash_function: HashFunction::Sha512,
        key_length: 32,
    };
    let key = derive_key(&Passphrase::new("correct-horse-battery-staple"), &meta);
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "225872367198760137e0a18580433447bbf578fbe2b87ff36aef3c175fe5709c"
    );
}

#[test]
fn encrypted_state_decrypts_in_memory_to_the_same_state() {
    let plain = read_bytes(&plain_state(), "plain", None).unwrap();
    // 1.7/1.8 wrote the key provider metadata as base64 JSON, later versions as an object.
    for (hash, len, b64) in [
        (HashFunction::Sha512, 32, true),
        (HashFunction::Sha256, 16, false),
    ] {
        let env = encrypt(&plain_state(), PASS, hash, len, b64);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terraform.tfstate");
        std::fs::write(&path, &env).unwrap();
        let state = read_file(&path, Some(&Passphrase::new(PASS))).unwrap();
        assert!(state.encrypted);
        assert_eq!(
            serde_json::to_value(&state.instances).unwrap(),
            serde_json::to_value(&plain.instances).unwrap()
        );
        // The file on disk is untouched: decryption happens in memory only.
        assert_eq!(std::fs::read(&path).unwrap(), env);
        assert!(!serde_json::to_string(&state)
            .unwrap()
            .contains(common::SECRET));
    }
}

#[test]
fn wrong_or_missing_passphrase_is_a_clear_error() {
    let env = encrypt(&plain_state(), PASS, HashFunction::Sha512, 32, true);
    let e = read_bytes(
        &env,
        "s.tfstate",
        Some(&Passphrase::new("not-the-passphrase")),
    )
    .unwrap_err();
    assert_eq!(e.code, "state.wrong_passphrase");
    assert!(!e.message.contains("not-the-passphrase") && !e.hint.contains("not-the-passphrase"));
    let e = read_bytes(&env, "s.tfstate", None).unwrap_err();
    assert_eq!(e.code, "state.encrypted");
    assert!(e.hint.contains("--passphrase-env"));
    assert_eq!(format!("{:?}", Passphrase::new(PASS)), "Passphrase(..)");
}

#[test]
fn tampered_or_foreign_envelopes_are_refused() {
    let env = encrypt(&plain_state(), PASS, HashFunction::Sha512, 32, false);
    let mut doc: serde_json::Value = serde_json::from_slice(&env).unwrap();
    let mut data = STANDARD
        .decode(doc["encrypted_data"].as_str().unwrap())
        .unwrap();
    data[20] ^= 1;
    doc["encrypted_data"] = json!(STANDARD.encode(&data));
    let pass = Passphrase::new(PASS);
    let e = read_bytes(&serde_json::to_vec(&doc).unwrap(), "s", Some(&pass)).unwrap_err();
    assert_eq!(e.code, "state.wrong_passphrase");

    let kms = json!({"meta": {"key_provider.aws_kms.k": "e30="}, "encrypted_data": "AAAA", "encryption_version": "v0"});
    let e = read_bytes(kms.to_string().as_bytes(), "s", Some(&pass)).unwrap_err();
    assert_eq!(e.code, "state.encryption_key_provider");
    assert!(e.message.contains("key_provider.aws_kms.k"));

    let future = json!({"meta": {}, "encrypted_data": "AAAA", "encryption_version": "v9"});
    assert_eq!(
        read_bytes(future.to_string().as_bytes(), "s", Some(&pass))
            .unwrap_err()
            .code,
        "state.encryption_version"
    );

    let mut doc: serde_json::Value = serde_json::from_slice(&env).unwrap();
    doc["meta"]["key_provider.pbkdf2.mykey"]["iterations"] = json!(4_000_000_000u64);
    let e = read_bytes(&serde_json::to_vec(&doc).unwrap(), "s", Some(&pass)).unwrap_err();
    assert_eq!(e.code, "state.encryption_metadata");

    let mut doc: serde_json::Value = serde_json::from_slice(&env).unwrap();
    doc["encrypted_data"] = json!("not base64!");
    assert_eq!(
        read_bytes(&serde_json::to_vec(&doc).unwrap(), "s", Some(&pass))
            .unwrap_err()
            .code,
        "state.encryption_payload"
    );
}
