//! AWS against a real protocol peer: a moto server on loopback (STS, EC2) reached through
//! aws-config and the AWS SDK, with fake profiles in a temp home. The expired/missing SSO
//! sign-in cases need no peer (the doctor decides them from the token cache).

mod common;

use common::{assert_no_secret, Home, Moto, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN};
use orbis_cloud::aws::{AwsSession, ENV_PROFILE};
use orbis_cloud::doctor::DoctorOptions;
use orbis_cloud::{doctor, Check, Cloud, ErrorCode, Status};
use std::time::Duration;

fn aws_only() -> DoctorOptions {
    DoctorOptions {
        clouds: vec![Cloud::Aws],
        timeout: Duration::from_secs(60),
        ..Default::default()
    }
}

fn check<'a>(checks: &'a [Check], profile: &str) -> &'a Check {
    checks
        .iter()
        .find(|c| c.profile.as_deref() == Some(profile))
        .unwrap_or_else(|| panic!("no check for {profile}: {checks:#?}"))
}

/// Static keys, assume-role, credential_process and SSO profiles, plus credentials in the
/// environment, all checked in one doctor run against moto.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_checks_every_kind_of_profile_against_moto() {
    let Some(moto) = Moto::start() else { return };
    let home = Home::new();
    let process = home.write_exec(
        "bin/fake-credential-process",
        &format!(
            "#!/bin/sh\nprintf '{{\"Version\":1,\"AccessKeyId\":\"{ACCESS_KEY_ID}\",\"SecretAccessKey\":\"{SECRET_ACCESS_KEY}\",\"SessionToken\":\"{SESSION_TOKEN}\",\"Expiration\":\"2099-01-01T00:00:00Z\"}}'\n"
        ),
    );
    home.write(
        ".aws/config",
        &format!(
            "[default]\nregion = eu-west-1\nendpoint_url = {url}\n\n\
             [profile static]\nregion = eu-west-1\nendpoint_url = {url}\n\n\
             [profile role]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = static\nregion = eu-west-1\nendpoint_url = {url}\n\n\
             [profile process]\ncredential_process = {process}\nendpoint_url = {url}\n\n\
             [profile sso-expired]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-east-1\n\n\
             [profile sso-legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\n\
             [profile settings-only]\nregion = us-west-2\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
            url = moto.url,
            process = process.display()
        ),
    );
    home.write(
        ".aws/credentials",
        &format!(
            "[static]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"
        ),
    );
    // The sso-session `corp` signed in yesterday, without a refresh token: expired.
    let corp = sha1_hex("corp");
    home.write(
        &format!(".aws/sso/cache/{corp}.json"),
        &format!(
            "{{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\",\"accessToken\":\"{SESSION_TOKEN}\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}}"
        ),
    );
    let ctx = home.context(&[
        ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL", &moto.url),
        ("AWS_REGION", "eu-central-1"),
    ]);
    let report = doctor(&ctx, &aws_only()).await;
    let json = serde_json::to_string_pretty(&report).unwrap();
    assert_no_secret("doctor JSON", &json);

    let env = check(&report.checks, ENV_PROFILE);
    assert_eq!(env.status, Status::Ok, "{env:#?}");
    assert!(env.message.contains("AKIA…1234"), "{env:#?}");

    let s = check(&report.checks, "static");
    assert_eq!(s.status, Status::Ok, "{s:#?}");
    assert_eq!(
        s.identity.as_deref(),
        Some("arn:aws:sts::123456789012:user/moto (account 123456789012)")
    );
    assert_eq!(s.fix, None);
    assert_eq!(s.expires_at, None, "static keys do not expire");

    let r = check(&report.checks, "role");
    assert_eq!(r.status, Status::Ok, "{r:#?}");
    let identity = r.identity.as_deref().unwrap();
    assert!(
        identity.starts_with("arn:aws:sts::123456789012:assumed-role/deployer/"),
        "{identity}"
    );
    assert!(
        r.expires_at.is_some(),
        "assumed-role credentials expire: {r:#?}"
    );

    let p = check(&report.checks, "process");
    assert_eq!(p.status, Status::Ok, "{p:#?}");
    assert_eq!(p.expires_at.as_deref(), Some("2099-01-01T00:00:00Z"));

    let e = check(&report.checks, "sso-expired");
    assert_eq!(e.status, Status::Expired, "{e:#?}");
    assert_eq!(e.expires_at.as_deref(), Some("2020-01-01T00:00:00Z"));
    assert_eq!(
        e.fix.as_deref(),
        Some("aws sso login --profile sso-expired")
    );
    assert!(
        e.message.contains("expired at 2020-01-01T00:00:00Z"),
        "{e:#?}"
    );

    let l = check(&report.checks, "sso-legacy");
    assert_eq!(l.status, Status::Expired, "never signed in: {l:#?}");
    assert_eq!(l.fix.as_deref(), Some("aws sso login --profile sso-legacy"));

    let n = check(&report.checks, "settings-only");
    assert_eq!(n.status, Status::NotConfigured);
    assert_eq!(
        n.fix.as_deref(),
        Some("aws configure --profile settings-only")
    );

    assert!(!report.all_ok(), "expired profiles fail the doctor");
    // Order: environment first, then profiles as in the files.
    let order: Vec<_> = report
        .checks
        .iter()
        .map(|c| c.profile.clone().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            ENV_PROFILE,
            "default",
            "static",
            "role",
            "process",
            "sso-expired",
            "sso-legacy",
            "settings-only"
        ]
    );
}

/// moto with IAM authentication on: unknown keys are refused (InvalidClientTokenId) → denied,
/// with the command that replaces them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_are_denied() {
    let Some(moto) = Moto::start_with_env(&[("INITIAL_NO_AUTH_ACTION_COUNT", "0")]) else {
        return;
    };
    let home = Home::new();
    home.write(
        ".aws/credentials",
        &format!(
            "[revoked]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\nendpoint_url = {}\n",
            moto.url
        ),
    );
    let report = doctor(&home.context(&[]), &aws_only()).await;
    assert_no_secret("doctor", &serde_json::to_string(&report).unwrap());
    let c = check(&report.checks, "revoked");
    assert_eq!(c.status, Status::Denied, "{c:#?}");
    assert!(c.message.contains("InvalidClientTokenId"), "{c:#?}");
    assert_eq!(c.fix.as_deref(), Some("aws configure --profile revoked"));
}

/// Nothing listens on the endpoint: a plain-words error naming it, within the timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_endpoint_is_an_error_in_plain_words() {
    let port = common::free_port();
    let home = Home::new();
    home.write(
        ".aws/credentials",
        &format!(
            "[offline]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\nendpoint_url = http://127.0.0.1:{port}\n"
        ),
    );
    let report = doctor(&home.context(&[]), &aws_only()).await;
    let c = check(&report.checks, "offline");
    assert_eq!(c.status, Status::Error, "{c:#?}");
    assert!(
        c.message
            .contains(&format!("Could not reach STS at http://127.0.0.1:{port}")),
        "{c:#?}"
    );
    assert!(
        !c.message.contains("DispatchFailure"),
        "no debug dumps: {c:#?}"
    );
    assert_no_secret("doctor", &serde_json::to_string(&report).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_aws_configuration_at_all() {
    let home = Home::new();
    let report = doctor(&home.context(&[]), &aws_only()).await;
    assert_eq!(report.checks.len(), 1);
    let c = &report.checks[0];
    assert_eq!(
        (c.status, c.profile.as_deref()),
        (Status::NotConfigured, None)
    );
    assert_eq!(c.fix.as_deref(), Some("aws configure sso"));
    assert!(report.all_ok(), "nothing configured is not a failure");
}

/// EC2 DescribeRegions / DescribeInstances through a profile, after RunInstances in moto.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ec2_regions_and_instances_from_moto() {
    let Some(moto) = Moto::start() else { return };
    let home = Home::new();
    home.write(
        ".aws/config",
        &format!(
            "[profile inv]\nregion = eu-west-1\nendpoint_url = {}\n",
            moto.url
        ),
    );
    home.write(
        ".aws/credentials",
        &format!(
            "[inv]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"
        ),
    );
    let ctx = home.context(&[]);
    let session = AwsSession::for_profile(&ctx, "inv").await.unwrap();
    assert_eq!(session.region(), Some("eu-west-1"));

    // Create instances in moto with the SDK itself.
    let ec2 = aws_sdk_ec2::Client::from_conf(
        aws_sdk_ec2::config::Builder::from(session.sdk_config())
            .region(aws_sdk_ec2::config::Region::new("eu-west-1"))
            .build(),
    );
    ec2.run_instances()
        .image_id("ami-12c6146b")
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .min_count(2)
        .max_count(2)
        .tag_specifications(
            aws_sdk_ec2::types::TagSpecification::builder()
                .resource_type(aws_sdk_ec2::types::ResourceType::Instance)
                .tags(
                    aws_sdk_ec2::types::Tag::builder()
                        .key("Name")
                        .value("web")
                        .build(),
                )
                .tags(
                    aws_sdk_ec2::types::Tag::builder()
                        .key("team")
                        .value("platform")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("RunInstances in moto");

    let regions = orbis_cloud::aws::ec2_regions(&ctx, "inv").await.unwrap();
    let names: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
    assert!(
        names.contains(&"eu-west-1") && names.contains(&"us-east-1"),
        "{names:?}"
    );
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted");

    let instances = orbis_cloud::aws::ec2_instances(&ctx, "inv", "eu-west-1")
        .await
        .unwrap();
    assert_eq!(instances.len(), 2, "{instances:#?}");
    for i in &instances {
        assert!(i.id.starts_with("i-"));
        assert_eq!(i.name.as_deref(), Some("web"));
        assert_eq!(i.tags.get("team").map(String::as_str), Some("platform"));
        assert_eq!(i.instance_type.as_deref(), Some("t3.micro"));
        assert_eq!(i.state.as_deref(), Some("running"));
        assert_eq!(i.image_id.as_deref(), Some("ami-12c6146b"));
        assert!(i
            .availability_zone
            .as_deref()
            .unwrap()
            .starts_with("eu-west-1"));
        assert!(i.launch_time.is_some());
    }
    // Another region has none.
    let other = orbis_cloud::aws::ec2_instances(&ctx, "inv", "us-east-1")
        .await
        .unwrap();
    assert!(other.is_empty(), "{other:#?}");

    // Unknown profile: a coded error with a hint.
    let e = AwsSession::for_profile(&ctx, "nope").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileNotFound);
    assert!(e.hint.contains("aws configure"));
}

fn sha1_hex(s: &str) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
