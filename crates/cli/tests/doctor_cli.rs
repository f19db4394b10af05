//! `orbis doctor` end to end: the real binary, with a temp HOME and only the variables given
//! here. With the `cloud` feature: a profile backed by a moto server on loopback (through
//! `AWS_ENDPOINT_URL`) and an IAM Identity Center profile whose cached sign-in has expired.
//! Without it: the clear "no cloud support" refusal.

use std::process::{Command, Output};

fn orbis(home: &std::path::Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    Command::new(env!("CARGO_BIN_EXE_orbis"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

#[cfg(not(feature = "cloud"))]
#[test]
fn without_the_cloud_feature_doctor_says_so() {
    let home = tempfile::tempdir().unwrap();
    let out = orbis(home.path(), &[], &["doctor"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("this build of orbis has no cloud support"),
        "{err}"
    );
    assert!(err.contains("--features cloud"), "{err}");
}

#[cfg(feature = "cloud")]
#[path = "../../cloud/tests/common/mod.rs"]
mod common;

#[cfg(feature = "cloud")]
mod cloud {
    use super::common::{assert_no_secret, Home, Moto, ACCESS_KEY_ID, SECRET_ACCESS_KEY};
    use super::orbis;

    fn setup() -> Home {
        let home = Home::new();
        home.write(
            ".aws/config",
            "[profile dev]\nregion = eu-west-1\n\n\
             [profile sso-admin]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        );
        home.write(
            ".aws/credentials",
            &format!("[dev]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"),
        );
        home
    }

    fn sso_cache_name() -> String {
        // Computed the way the AWS CLI does (sha1 of the session name), without a dependency.
        let out = std::process::Command::new("sh")
            .args(["-c", "printf %s corp | sha1sum"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }

    #[test]
    fn doctor_text_and_json_with_moto_and_an_expired_sso_profile() {
        let Some(moto) = Moto::start() else { return };
        let home = setup();
        home.write(
            &format!(".aws/sso/cache/{}.json", sso_cache_name()),
            "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"orbisFAKEsessionTOKENdoNOTleak\", \"expiresAt\": \"2024-03-01T09:30:00Z\"}",
        );
        let vars = [("AWS_ENDPOINT_URL", moto.url.as_str())];

        let out = orbis(home.path(), &vars, &["doctor"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        println!("--- orbis doctor\n{text}");
        assert_eq!(
            out.status.code(),
            Some(1),
            "expired profile → exit 1\n{text}"
        );
        assert_no_secret("text output", &text);
        assert_no_secret("stderr", &String::from_utf8_lossy(&out.stderr));
        assert!(text.contains("[ok]             aws        dev"), "{text}");
        assert!(
            text.contains(
                "identity:    arn:aws:sts::123456789012:user/moto (account 123456789012)"
            ),
            "{text}"
        );
        assert!(
            text.contains("[expired]        aws        sso-admin"),
            "{text}"
        );
        assert!(
            text.contains("fix:         aws sso login --profile sso-admin"),
            "{text}"
        );
        assert!(
            text.contains("The IAM Identity Center sign-in expired at 2024-03-01T09:30:00Z."),
            "{text}"
        );
        assert!(text.contains("[not configured] azure"), "{text}");

        let out = orbis(home.path(), &vars, &["doctor", "--format", "json"]);
        let json = String::from_utf8_lossy(&out.stdout).into_owned();
        println!("--- orbis doctor --format json\n{json}");
        assert_eq!(out.status.code(), Some(1));
        assert_no_secret("json output", &json);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let checks = doc["checks"].as_array().unwrap();
        let dev = checks.iter().find(|c| c["profile"] == "dev").unwrap();
        assert_eq!(dev["cloud"], "aws");
        assert_eq!(dev["status"], "ok");
        assert_eq!(dev["fix"], serde_json::Value::Null);
        let sso = checks.iter().find(|c| c["profile"] == "sso-admin").unwrap();
        assert_eq!(sso["status"], "expired");
        assert_eq!(sso["expires_at"], "2024-03-01T09:30:00Z");
        assert_eq!(sso["fix"], "aws sso login --profile sso-admin");
        for c in checks {
            let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(
                keys,
                [
                    "cloud",
                    "expires_at",
                    "fix",
                    "identity",
                    "message",
                    "profile",
                    "status"
                ]
            );
        }

        // Only the working profile: exit 0.
        let out = orbis(
            home.path(),
            &vars,
            &["doctor", "--cloud", "aws", "--profile", "dev"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    #[test]
    fn nothing_configured_exits_0_and_bad_cloud_is_a_usage_error() {
        let home = Home::new();
        let out = orbis(home.path(), &[], &["doctor", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "not_configured"));

        let out = orbis(home.path(), &[], &["doctor", "--cloud", "oracle"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown cloud \"oracle\""));
    }
}
