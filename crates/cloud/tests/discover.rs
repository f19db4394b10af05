//! Discovery from realistic configuration files in a temp home (and the variables that move
//! them): what is found, and that no secret value ever comes out.

mod common;

use common::{assert_no_secret, Home, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN};
use orbis_cloud::discover::{AdcKind, AwsProfileKind, KubeAuth};
use orbis_cloud::{discover, Context};

const REFRESH_TOKEN: &str = "1//orbisFAKErefreshTOKENdoNOTleak";
const CLIENT_SECRET: &str = "orbisFAKEclientSECRETdoNOTleak";
const KUBE_TOKEN: &str = "orbisFAKEkubeTOKENdoNOTleak";
const KEY_DATA: &str = "orbisFAKEkeyDATAdoNOTleak";

fn no_leak(json: &str) {
    assert_no_secret("discovery", json);
    for s in [
        REFRESH_TOKEN,
        CLIENT_SECRET,
        KUBE_TOKEN,
        KEY_DATA,
        "PRIVATE KEY",
    ] {
        assert!(!json.contains(s), "discovery leaks {s}:\n{json}");
    }
}

#[test]
fn aws_profiles_of_both_files_sessions_and_environment() {
    let home = Home::new();
    home.write(
        ".aws/config",
        "# comment\n[default]\nregion = eu-west-1\noutput = json\n\n\
         [profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n\n\
         [profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n\n\
         [profile prod]\nrole_arn = arn:aws:iam::222233334444:role/deploy\nsource_profile = dev\n\n\
         [profile ci]\nrole_arn = arn:aws:iam::1:role/ci\nweb_identity_token_file = /var/run/token\n\n\
         [profile vault]\ncredential_process = /usr/local/bin/aws-vault export --format=json --secret=hunter2 dev\n\n\
         [profile local]\nendpoint_url = http://localhost:4566\ns3 =\n  addressing_style = path\n\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n\
         [services local-services]\ns3 =\n  endpoint_url = http://localhost:4566\n\n\
         [not-a-profile]\nregion = x\n",
    );
    home.write(
        ".aws/credentials",
        &format!(
            "[default]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n\n\
             [temp]\naws_access_key_id = ASIAORBISTEMPKEY5678\naws_secret_access_key = {SECRET_ACCESS_KEY}\naws_session_token = {SESSION_TOKEN}\n"
        ),
    );
    let ctx = home.context(&[
        ("AWS_PROFILE", "dev"),
        ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
    ]);
    let d = discover(&ctx);
    let json = serde_json::to_string_pretty(&d).unwrap();
    no_leak(&json);
    assert!(
        !json.contains("hunter2"),
        "credential_process arguments are not shown"
    );

    let aws = &d.aws;
    let names: Vec<&str> = aws.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["default", "dev", "legacy", "prod", "ci", "vault", "local", "temp"]
    );
    let p = |n: &str| aws.profiles.iter().find(|p| p.name == n).unwrap();
    assert_eq!(p("default").kind, AwsProfileKind::StaticKeys);
    assert_eq!(p("default").access_key_id.as_deref(), Some("AKIA…1234"));
    assert!(
        p("default").has_secret_access_key
            && p("default").in_config_file
            && p("default").in_credentials_file
    );
    assert_eq!(p("default").region.as_deref(), Some("eu-west-1"));
    assert_eq!(p("dev").kind, AwsProfileKind::Sso);
    assert_eq!(
        p("dev").sso_start_url.as_deref(),
        Some("https://corp.awsapps.com/start"),
        "from the sso-session"
    );
    assert!(p("dev").selected, "AWS_PROFILE");
    assert!(!p("default").selected);
    assert_eq!(p("legacy").kind, AwsProfileKind::Sso);
    assert_eq!(p("prod").kind, AwsProfileKind::AssumeRole);
    assert_eq!(p("ci").kind, AwsProfileKind::WebIdentity);
    assert_eq!(p("vault").kind, AwsProfileKind::CredentialProcess);
    assert_eq!(
        p("vault").credential_process.as_deref(),
        Some("/usr/local/bin/aws-vault")
    );
    assert_eq!(p("local").kind, AwsProfileKind::NoCredentials);
    assert_eq!(
        p("local").endpoint_url.as_deref(),
        Some("http://localhost:4566")
    );
    assert!(p("temp").has_session_token && !p("temp").in_config_file);
    assert_eq!(aws.sso_sessions.len(), 1);
    assert_eq!(aws.sso_sessions[0].name, "corp");
    assert_eq!(aws.selected_profile, "dev");
    let env = aws.environment.as_ref().unwrap();
    assert_eq!(env.access_key_id, "AKIA…1234");
    assert!(env.has_secret_access_key && !env.has_session_token);
}

#[test]
fn aws_files_moved_by_variables() {
    let home = Home::new();
    let cfg = home.write("elsewhere/cfg", "[profile moved]\nregion = ap-south-1\n");
    let creds = home.write(
        "elsewhere/creds",
        &format!("[moved]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = x\n"),
    );
    home.write(".aws/config", "[profile ignored]\nregion = x\n");
    let ctx = home.context(&[
        ("AWS_CONFIG_FILE", cfg.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", creds.to_str().unwrap()),
    ]);
    let d = discover(&ctx);
    assert_eq!(d.aws.profiles.len(), 1);
    assert_eq!(d.aws.profiles[0].name, "moved");
    assert_eq!(d.aws.profiles[0].kind, AwsProfileKind::StaticKeys);
    assert_eq!(d.aws.config_file.as_deref(), Some(cfg.as_path()));
}

#[test]
fn azure_cli_profile_with_bom_and_default_subscription() {
    let home = Home::new();
    home.write(
        ".azure/azureProfile.json",
        "\u{feff}{\"installationId\": \"0f0e\", \"subscriptions\": [\
         {\"id\": \"00000000-0000-0000-0000-000000000001\", \"name\": \"Dev\", \"state\": \"Enabled\", \"user\": {\"name\": \"ana@example.com\", \"type\": \"user\"}, \"isDefault\": false, \"tenantId\": \"tttt-1\", \"environmentName\": \"AzureCloud\", \"homeTenantId\": \"tttt-1\", \"managedByTenants\": []},\
         {\"id\": \"00000000-0000-0000-0000-000000000002\", \"name\": \"Prod\", \"state\": \"Enabled\", \"user\": {\"name\": \"ana@example.com\", \"type\": \"user\"}, \"isDefault\": true, \"tenantId\": \"tttt-2\", \"environmentName\": \"AzureCloud\"}]}",
    );
    home.write(
        ".azure/msal_token_cache.json",
        &format!("{{\"RefreshToken\": \"{REFRESH_TOKEN}\"}}"),
    );
    let d = discover(&home.context(&[("ARM_CLIENT_SECRET", CLIENT_SECRET)]));
    no_leak(&serde_json::to_string(&d).unwrap());
    let az = &d.azure;
    assert_eq!(az.subscriptions.len(), 2);
    let def = az.default_subscription().unwrap();
    assert_eq!(def.name, "Prod");
    assert_eq!(def.tenant_id.as_deref(), Some("tttt-2"));
    assert_eq!(def.user.as_deref(), Some("ana@example.com"));
    assert_eq!(az.cli, None, "no az in the test PATH");
    assert_eq!(az.environment_variables, ["ARM_CLIENT_SECRET"]);

    // AZURE_CONFIG_DIR moves it; a broken file is a note, not an error.
    let other = home.write("az2/azureProfile.json", "{not json");
    let d = discover(&home.context(&[(
        "AZURE_CONFIG_DIR",
        other.parent().unwrap().to_str().unwrap(),
    )]));
    assert!(d.azure.subscriptions.is_empty());
    assert!(
        d.azure.notes[0].contains("not a valid Azure CLI profile"),
        "{:?}",
        d.azure.notes
    );
}

#[test]
fn gcloud_configurations_and_application_default_credentials() {
    let home = Home::new();
    home.write(".config/gcloud/active_config", "work\n");
    home.write(
        ".config/gcloud/configurations/config_default",
        "[core]\naccount = me@gmail.com\nproject = personal-1\n",
    );
    home.write(
        ".config/gcloud/configurations/config_work",
        "[core]\naccount = me@corp.example\nproject = corp-prod\ndisable_usage_reporting = True\n\n[compute]\nregion = europe-west1\nzone = europe-west1-b\n",
    );
    home.write(
        ".config/gcloud/application_default_credentials.json",
        &format!(
            "{{\"account\": \"\", \"client_id\": \"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com\", \"client_secret\": \"{CLIENT_SECRET}\", \"quota_project_id\": \"corp-billing\", \"refresh_token\": \"{REFRESH_TOKEN}\", \"type\": \"authorized_user\", \"universe_domain\": \"googleapis.com\"}}"
        ),
    );
    let d = discover(&home.context(&[]));
    no_leak(&serde_json::to_string(&d).unwrap());
    let g = &d.gcp;
    assert_eq!(g.active_configuration.as_deref(), Some("work"));
    assert_eq!(g.configurations.len(), 2);
    let active = g.active().unwrap();
    assert_eq!(active.name, "work");
    assert_eq!(active.project.as_deref(), Some("corp-prod"));
    assert_eq!(active.zone.as_deref(), Some("europe-west1-b"));
    let adc = g.adc.as_ref().unwrap();
    assert_eq!(adc.kind, AdcKind::AuthorizedUser);
    assert!(!adc.from_env);
    assert_eq!(adc.quota_project_id.as_deref(), Some("corp-billing"));
    assert_eq!(
        g.project(),
        Some("corp-prod"),
        "the active configuration's project"
    );

    // GOOGLE_APPLICATION_CREDENTIALS (service account), CLOUDSDK_CONFIG and the env project.
    let key = home.write(
        "keys/sa.json",
        &format!(
            "{{\"type\": \"service_account\", \"project_id\": \"sa-proj\", \"private_key_id\": \"abc\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{KEY_DATA}\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"deployer@sa-proj.iam.gserviceaccount.com\", \"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}}"
        ),
    );
    let cfg = home.path().join("other-gcloud");
    std::fs::create_dir_all(cfg.join("configurations")).unwrap();
    let d = discover(&home.context(&[
        ("GOOGLE_APPLICATION_CREDENTIALS", key.to_str().unwrap()),
        ("CLOUDSDK_CONFIG", cfg.to_str().unwrap()),
        ("GOOGLE_CLOUD_PROJECT", "from-env"),
    ]));
    no_leak(&serde_json::to_string(&d).unwrap());
    let adc = d.gcp.adc.as_ref().unwrap();
    assert_eq!(adc.kind, AdcKind::ServiceAccount);
    assert!(adc.from_env);
    assert_eq!(
        adc.client_email.as_deref(),
        Some("deployer@sa-proj.iam.gserviceaccount.com")
    );
    assert!(d.gcp.configurations.is_empty());
    assert_eq!(d.gcp.project(), Some("from-env"));

    // A variable pointing nowhere is a note.
    let d = discover(&home.context(&[("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/key.json")]));
    assert!(d.gcp.adc.is_none());
    assert!(
        d.gcp.notes[0].contains("does not exist"),
        "{:?}",
        d.gcp.notes
    );
}

#[test]
fn kubeconfig_contexts_merged_from_kubeconfig_list() {
    let home = Home::new();
    let a = home.write(
        "kube/a.yaml",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: eks-prod\nclusters:\n- name: eks-prod\n  cluster:\n    server: https://ABC.gr7.eu-west-1.eks.amazonaws.com\n    certificate-authority-data: {KEY_DATA}\n\
             contexts:\n- name: eks-prod\n  context:\n    cluster: eks-prod\n    user: eks-user\n    namespace: web\n- name: kind\n  context: {{cluster: kind, user: kind-admin}}\n\
             users:\n- name: eks-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod, --output, json]\n      env:\n      - name: AWS_PROFILE\n        value: prod\n\
             - name: kind-admin\n  user:\n    client-certificate-data: {KEY_DATA}\n    client-key-data: {KEY_DATA}\n"
        ),
    );
    let b = home.write(
        "kube/b.yaml",
        &format!(
            "current-context: ignored\nclusters:\n- name: kind\n  cluster: {{server: 'https://127.0.0.1:6443'}}\n- name: gke_p_europe-west1_c\n  cluster: {{server: 'https://1.2.3.4'}}\n\
             contexts:\n- name: kind\n  context: {{cluster: shadowed, user: shadowed}}\n- name: gke\n  context: {{cluster: gke_p_europe-west1_c, user: gke-user}}\n- name: broken\n  context: {{cluster: kind, user: nobody}}\n- name: static\n  context: {{cluster: kind, user: tok}}\n\
             users:\n- name: gke-user\n  user:\n    auth-provider:\n      name: gcp\n      config: {{access-token: {KUBE_TOKEN}}}\n- name: tok\n  user:\n    token: {KUBE_TOKEN}\n"
        ),
    );
    let list = std::env::join_paths([
        a.as_path(),
        home.path().join("kube/missing.yaml").as_path(),
        b.as_path(),
    ])
    .unwrap();
    let d = discover(&home.context(&[("KUBECONFIG", list.to_str().unwrap())]));
    no_leak(&serde_json::to_string(&d).unwrap());
    let k = &d.kubernetes;
    assert_eq!(k.files.len(), 3);
    assert_eq!(
        k.current_context.as_deref(),
        Some("eks-prod"),
        "first file wins"
    );
    let names: Vec<&str> = k.contexts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["eks-prod", "kind", "gke", "broken", "static"]);
    let c = |n: &str| k.contexts.iter().find(|c| c.name == n).unwrap();
    assert!(c("eks-prod").current);
    assert_eq!(c("eks-prod").namespace.as_deref(), Some("web"));
    assert_eq!(
        c("eks-prod").auth,
        KubeAuth::Exec {
            command: "aws".into()
        }
    );
    assert_eq!(
        c("eks-prod").server.as_deref(),
        Some("https://ABC.gr7.eu-west-1.eks.amazonaws.com")
    );
    assert_eq!(
        c("kind").user.as_deref(),
        Some("kind-admin"),
        "first definition wins"
    );
    assert_eq!(c("kind").auth, KubeAuth::ClientCertificate);
    assert_eq!(c("kind").server.as_deref(), Some("https://127.0.0.1:6443"));
    assert_eq!(c("gke").auth, KubeAuth::AuthProvider { name: "gcp".into() });
    assert_eq!(c("broken").auth, KubeAuth::MissingUser);
    assert_eq!(c("static").auth, KubeAuth::Token);

    // Invalid YAML is a note; ~/.kube/config is the default.
    home.write(".kube/config", "contexts: [unclosed\n");
    let d = discover(&home.context(&[]));
    assert!(d.kubernetes.contexts.is_empty());
    assert!(
        d.kubernetes.notes[0].contains("not valid YAML"),
        "{:?}",
        d.kubernetes.notes
    );
}

#[test]
fn nothing_configured_and_unreadable_homes() {
    let home = Home::new();
    let d = discover(&home.context(&[]));
    assert!(d.aws.profiles.is_empty() && d.aws.environment.is_none() && d.aws.notes.is_empty());
    assert!(d.azure.subscriptions.is_empty());
    assert!(d.gcp.adc.is_none() && d.gcp.configurations.is_empty());
    assert!(d.kubernetes.contexts.is_empty());

    // A config path that is a folder, and binary garbage: notes or nothing, never a panic.
    std::fs::create_dir_all(home.path().join(".aws/config")).unwrap();
    home.write(
        ".aws/credentials",
        "\u{0}\u{1}[\u{ff}garbage\n=\n[x]\n=novalue\n",
    );
    let d = discover(&home.context(&[]));
    assert!(
        d.aws.notes.iter().any(|n| n.contains("not a file")),
        "{:?}",
        d.aws.notes
    );
    assert_eq!(d.aws.profiles.len(), 1);

    // No home at all.
    let d = discover(&Context::default());
    assert!(d.aws.profiles.is_empty());
}
