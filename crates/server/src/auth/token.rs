//! Bearer tokens: `orbis_<id>_<secret>`, 16 random bytes of id and 32 of secret, hex. The
//! id finds the row; only sha256(secret) is stored, and compared in constant time. Session
//! tokens (after a password sign-in; OIDC sign-ins will mint the same kind) and API tokens
//! (for CI: scoped to workspaces and a maximum role, always expiring) share the format.

use sha2::{Digest, Sha256};

pub const PREFIX: &str = "orbis_";

pub struct NewToken {
    pub id: String,
    /// The whole bearer string: shown once, never stored or logged.
    pub bearer: String,
    pub secret_hash: String,
}

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("the OS random source works");
    hex::encode(buf)
}

pub fn mint() -> NewToken {
    let id = random_hex(16);
    let secret = random_hex(32);
    NewToken {
        bearer: format!("{PREFIX}{id}_{secret}"),
        secret_hash: hash_secret(&secret),
        id,
    }
}

pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// (id, secret) of a well-formed bearer string.
pub fn parse(bearer: &str) -> Option<(&str, &str)> {
    let rest = bearer.strip_prefix(PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let hexish = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hexish(id, 32) && hexish(secret, 64)).then_some((id, secret))
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
