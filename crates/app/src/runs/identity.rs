//! Who a run runs as, for its history row — decided offline, never by a network call when a
//! run starts. The AWS context terraform will use (credentials in the run's environment first,
//! else `AWS_PROFILE`, as the AWS SDKs pick them) is named; when the person checked that context
//! live in the Credentials view this session ("Check live": STS GetCallerIdentity), the verified
//! identity (ARN, account) is recorded with it, else the context is marked unverified. Without
//! any AWS context, the OS user. Never a secret: an access key's value is never read here.

use std::path::Path;

/// The context name the Credentials view gives credentials taken from the environment.
pub const ENVIRONMENT_CONTEXT: &str = "(environment)";

/// The few variables of the app's own environment these labels read (an access key id only
/// as "set": its presence is what matters).
pub fn process_env() -> Vec<(String, String)> {
    [
        "AWS_ACCESS_KEY_ID",
        "AWS_PROFILE",
        "USER",
        "USERNAME",
        "LOGNAME",
        "HOME",
    ]
    .iter()
    .filter_map(|k| {
        let v = std::env::var(k).ok()?;
        let v = if *k == "AWS_ACCESS_KEY_ID" {
            "set".to_string()
        } else {
            v
        };
        Some((k.to_string(), v))
    })
    .collect()
}

/// The AWS context of a run: `run_env` (the run's own variables and secrets, names are enough)
/// over the app's `process_env`. None: no AWS setting at all.
pub fn aws_context(
    run_env: &[(String, String)],
    process_env: &[(String, String)],
) -> Option<String> {
    let get = |k: &str| {
        run_env
            .iter()
            .chain(process_env)
            .find(|(n, v)| n == k && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
    };
    if get("AWS_ACCESS_KEY_ID").is_some() {
        return Some(ENVIRONMENT_CONTEXT.to_string());
    }
    get("AWS_PROFILE")
}

/// The history label: `aws:dev arn:aws:iam::…:user/x (verified)`, `aws:dev (unverified)`, or
/// `user:alice`. `verified` is the identity a live check of `aws` found, if any.
pub fn label(
    aws: Option<&str>,
    verified: Option<&str>,
    process_env: &[(String, String)],
) -> Option<String> {
    if let Some(ctx) = aws {
        return Some(match verified.filter(|v| !v.trim().is_empty()) {
            Some(who) => format!("aws:{ctx} {who} (verified)"),
            None => format!("aws:{ctx} (unverified)"),
        });
    }
    let var = |k: &str| {
        process_env
            .iter()
            .find(|(n, v)| n == k && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
    };
    var("USER")
        .or_else(|| var("USERNAME"))
        .or_else(|| var("LOGNAME"))
        // Containers often set none of them; the home folder's name is the user's.
        .or_else(|| {
            var("HOME").and_then(|h| {
                Path::new(&h)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
        })
        .map(|u| format!("user:{u}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_run_environment_wins_and_keys_in_it_mean_the_environment_context() {
        let process = env(&[("AWS_PROFILE", "dev"), ("USER", "alice")]);
        assert_eq!(aws_context(&[], &process).as_deref(), Some("dev"));
        assert_eq!(
            aws_context(&env(&[("AWS_PROFILE", "prod")]), &process).as_deref(),
            Some("prod")
        );
        assert_eq!(
            aws_context(&env(&[("AWS_ACCESS_KEY_ID", "AKIA…")]), &process).as_deref(),
            Some(ENVIRONMENT_CONTEXT)
        );
        assert_eq!(
            aws_context(&env(&[("AWS_PROFILE", " ")]), &env(&[("USER", "a")])),
            None
        );
    }

    #[test]
    fn a_verified_identity_is_recorded_else_the_profile_is_marked_unverified() {
        let process = env(&[("USER", "alice")]);
        assert_eq!(
            label(
                Some("dev"),
                Some("arn:aws:iam::123456789012:user/alice"),
                &process
            )
            .as_deref(),
            Some("aws:dev arn:aws:iam::123456789012:user/alice (verified)")
        );
        assert_eq!(
            label(Some("dev"), None, &process).as_deref(),
            Some("aws:dev (unverified)")
        );
        assert_eq!(label(None, None, &process).as_deref(), Some("user:alice"));
        assert_eq!(
            label(None, None, &env(&[("HOME", "/home/bob")])).as_deref(),
            Some("user:bob")
        );
        assert_eq!(label(None, None, &[]), None);
    }
}
