//! Recognisers for credentials written into configuration.

/// `AKIA…`/`ASIA…` access key ids: 20 upper-case alphanumerics.
pub fn is_aws_access_key_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Find an access key id inside a longer text (user data, scripts).
pub fn find_aws_access_key_id(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 20 <= b.len() {
        if (b[i..].starts_with(b"AKIA") || b[i..].starts_with(b"ASIA"))
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && (i + 20 == b.len() || !b[i + 20].is_ascii_alphanumeric())
        {
            let cand = &text[i..i + 20];
            if is_aws_access_key_id(cand) {
                return Some(cand);
            }
        }
        i += 1;
    }
    None
}

/// A 40-character secret access key shape (base64 alphabet, mixed case, has a digit or `/`+).
pub fn is_aws_secret_key(s: &str) -> bool {
    s.len() == 40
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'/' || c == b'+')
        && s.bytes().any(|c| c.is_ascii_lowercase())
        && s.bytes().any(|c| c.is_ascii_uppercase())
}

/// Names of variables/keys whose value is a credential.
pub fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "password",
        "passwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "private_key",
        "access_key",
    ]
    .iter()
    .any(|k| n.contains(k))
        && !n.ends_with("_arn")
        && !n.ends_with("_id")
        && !n.contains("length")
        && !n.contains("version")
}

/// A literal that is clearly not a real credential: empty, placeholder, a reference kept as
/// text, or a known-safe marker.
pub fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    t.is_empty()
        || t.len() < 4
        || t.starts_with("${")
        || t.starts_with("arn:")
        || t.starts_with("{{")
        || t.starts_with('<')
}

/// `export NAME=value` / `NAME=value` lines of a script whose NAME is a credential and whose
/// value is a literal credential-looking string (access key id or secret key shape).
pub fn script_has_aws_credentials(text: &str) -> bool {
    if find_aws_access_key_id(text).is_some() {
        return true;
    }
    text.lines().any(|l| {
        let l = l.trim().trim_start_matches("export ").trim();
        match l.split_once('=') {
            Some((k, v)) => {
                let v = v
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c| c == '"' || c == '\'');
                k.trim().eq_ignore_ascii_case("AWS_SECRET_ACCESS_KEY") && is_aws_secret_key(v)
            }
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_key_shapes() {
        assert!(is_aws_access_key_id("AKIAIOSFODNN7EXAMPLE"));
        assert!(!is_aws_access_key_id("AKIAIOSFODNN7EXAMPL"));
        assert_eq!(
            find_aws_access_key_id("export K=AKIAIOSFODNN7EXAMPLE # x"),
            Some("AKIAIOSFODNN7EXAMPLE")
        );
        assert!(is_aws_secret_key(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        ));
        assert!(!script_has_aws_credentials(
            "export AWS_SECRET_ACCESS_KEY=bar\nexport AWS_ACCESS_KEY_ID=FOO\n"
        ));
        assert!(
            is_secret_name("db_password")
                && !is_secret_name("password_length")
                && !is_secret_name("secret_arn")
        );
    }
}
