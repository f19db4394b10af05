//! The random values of one sign-in: the PKCE verifier and its S256 challenge (RFC 7636),
//! the `state` that ties the browser's redirect to this sign-in, and the `nonce` that ties
//! the ID token to it. Never logged.

use base64::Engine;
use sha2::{Digest, Sha256};

pub(super) struct Secrets {
    pub verifier: String,
    pub challenge: String,
    pub state: String,
    pub nonce: String,
}

fn random_b64(bytes: usize) -> Result<String, getrandom::Error> {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf))
}

/// `BASE64URL(SHA256(verifier))`.
pub(super) fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Secrets {
    pub(super) fn new() -> Result<Self, getrandom::Error> {
        // 32 random bytes: a 43-character verifier, RFC 7636's minimum length and entropy.
        let verifier = random_b64(32)?;
        Ok(Self {
            challenge: s256(&verifier),
            verifier,
            state: random_b64(24)?,
            nonce: random_b64(24)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_is_rfc7636_s256() {
        // RFC 7636 Appendix B's example.
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let s = Secrets::new().unwrap();
        assert_eq!(s.verifier.len(), 43);
        assert_ne!(s.state, s.nonce);
        assert_eq!(s.challenge, s256(&s.verifier));
    }
}
