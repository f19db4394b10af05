//! The checked-in requests of `tests/generator/specs/` (three clouds, dev/staging/prod,
//! different components) are generated into temporary folders, and each project must be in
//! the `terraform fmt` layout (our formatter and, when installed, the real terraform), pass
//! the offline validator, and have no `orbis lint` finding at medium or above. Checkov runs
//! over the same projects in `tests/generator/checkov`.

use orbis_generator::{generate, parse_spec, validate::validate_dir, write_project, Project, Spec};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalog() -> PathBuf {
    repo().join("modules")
}

fn specs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/generator/specs"))
        .expect("tests/generator/specs exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(
        v.len() >= 10,
        "expected at least 10 specs, found {}",
        v.len()
    );
    v
}

/// Whitespace runs collapsed, so assertions do not depend on `=` alignment.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load(path: &Path) -> Spec {
    parse_spec(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn generated(path: &Path) -> (Spec, Project, tempfile::TempDir) {
    let spec = load(path);
    let project = generate(&spec, &catalog()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let dir = tempfile::tempdir().unwrap();
    write_project(&project, dir.path(), false).unwrap();
    (spec, project, dir)
}

#[test]
fn every_spec_generates_a_formatted_valid_lint_clean_project() {
    let terraform = std::process::Command::new("terraform")
        .arg("version")
        .output()
        .is_ok();
    let mut problems = Vec::new();
    let mut clouds = std::collections::BTreeSet::new();
    let mut envs = std::collections::BTreeSet::new();
    for path in specs() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (spec, project, dir) = generated(&path);
        clouds.insert(spec.cloud.name());
        envs.insert(spec.environment.name());
        // 1. Our formatter leaves every Terraform file as it is.
        for (rel, text) in project.files.iter().filter(|(f, _)| f.ends_with(".tf")) {
            match orbis_hcl::format::format_source(text) {
                Ok(f) if f.changed => {
                    problems.push(format!("{name}: {rel} is not in terraform fmt layout"))
                }
                Ok(_) => {}
                Err(d) => problems.push(format!("{name}: {rel}:{}: {}", d.span.line(), d.message)),
            }
        }
        // 2. Every reference and module input checks out offline.
        for p in validate_dir(dir.path()) {
            problems.push(format!("{name}: validator: {p}"));
        }
        // 3. orbis lint: nothing at medium or above.
        let config = orbis_lint::Config::discover(dir.path()).unwrap();
        let result = orbis_lint::lint_paths(&[dir.path().to_path_buf()], &config).unwrap();
        assert!(result.summary.resources > 0, "{name}: lint saw no resource");
        for f in result.active() {
            if f.severity >= orbis_lint::Severity::Medium {
                problems.push(format!(
                    "{name}: lint {} {:?} {} ({}): {}",
                    f.rule_id,
                    f.severity,
                    f.resource,
                    result.path(f),
                    f.message
                ));
            }
        }
        // 4. The real terraform agrees on the layout.
        if terraform {
            let out = std::process::Command::new("terraform")
                .args(["fmt", "-check", "-recursive", "-list=true"])
                .current_dir(dir.path())
                .env("TF_CLI_CONFIG_FILE", "/dev/null")
                .output()
                .unwrap();
            if !out.status.success() {
                problems.push(format!(
                    "{name}: terraform fmt -check: {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        } else {
            eprintln!("terraform is not installed: the real `terraform fmt -check` was skipped");
        }
        eprintln!(
            "{name}: ok ({} files, {} decisions)",
            project.files.len(),
            project.decisions.len()
        );
    }
    assert_eq!(clouds.len(), 3, "the specs cover every cloud: {clouds:?}");
    assert!(envs.contains("dev") && envs.contains("prod"), "{envs:?}");
    assert!(
        problems.is_empty(),
        "{} problems:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn projects_are_self_contained_and_governed() {
    for path in specs() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (spec, project, dir) = generated(&path);
        let root_tf: Vec<(&String, &String)> = project
            .files
            .iter()
            .filter(|(f, _)| f.ends_with(".tf") && !f.starts_with("modules/"))
            .collect();
        let all_root = root_tf
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // Module sources point at the vendored copies, which exist.
        let module_sources = all_root
            .lines()
            .filter(|l| l.trim_start().starts_with("source ") && !l.contains("hashicorp/"));
        for line in module_sources {
            let src = line.split('"').nth(1).unwrap();
            assert!(src.starts_with("./modules/"), "{name}: {line}");
            assert!(
                dir.path().join(src).join("main.tf").is_file(),
                "{name}: {src} not vendored"
            );
        }
        // A remote backend, pinned providers, the tags mechanism.
        let backend = &project.files["backend.tf"];
        let expected = match spec.cloud.name() {
            "aws" => [
                "backend \"s3\"",
                "use_lockfile = true",
                "encrypt = true",
                "kms_key_id",
            ],
            "azure" => [
                "backend \"azurerm\"",
                "use_azuread_auth",
                "container_name",
                "key ",
            ],
            _ => ["backend \"gcs\"", "kms_encryption_key", "prefix", "bucket"],
        };
        for e in expected {
            assert!(
                norm(backend).contains(e),
                "{name}: backend.tf lacks {e}:\n{backend}"
            );
        }
        assert!(
            project.files["versions.tf"].contains("version = \"~> "),
            "{name}: provider not pinned"
        );
        let tags = match spec.cloud.name() {
            "aws" => "default_tags",
            "azure" => "tags = local.tags",
            _ => "default_labels",
        };
        assert!(norm(&all_root).contains(tags), "{name}: no {tags}");
        // No world-open CIDR in the project's own code, and no variables (so no secret can be
        // passed as one): secrets are looked up by name in the cloud's secret store.
        // (The public ALB's 80/443 rules come from the module's default, inside the module.)
        let code: String = all_root
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !code.contains("0.0.0.0/0"),
            "{name}: 0.0.0.0/0 in the root module"
        );
        assert!(
            !all_root.contains("variable \""),
            "{name}: the root module declares variables"
        );
        for s in &spec.secrets {
            assert!(
                all_root.contains(s.as_str()),
                "{name}: secret {s} not referenced"
            );
        }
        // The governance baseline is always there.
        let baseline = match spec.cloud.name() {
            "aws" => vec![
                "module \"baseline\"",
                "module \"kms\"",
                "module \"network\"",
            ],
            "azure" => vec![
                "module \"monitor\"",
                "module \"budget\"",
                "module \"network\"",
            ],
            _ => vec![
                "module \"audit_logs\"",
                "module \"budget\"",
                "google_kms_crypto_key",
            ],
        };
        for b in baseline {
            assert!(all_root.contains(b), "{name}: no {b}");
        }
        let decisions = &project.files["DECISIONS.md"];
        assert!(
            decisions.matches("**Why:**").count() >= 5,
            "{name}: too few decisions"
        );
        assert!(decisions.contains("## Deliberate exceptions"), "{name}");
        // Every inline skip of the project is listed.
        for (rel, text) in project.files.iter().filter(|(f, _)| f.ends_with(".tf")) {
            for l in text.lines().filter(|l| l.contains("checkov:skip=")) {
                let id = l
                    .split("checkov:skip=")
                    .nth(1)
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap();
                assert!(
                    decisions.contains(&format!("`{id}` in `{rel}")),
                    "{name}: {id} of {rel} not in DECISIONS.md"
                );
            }
        }
        assert!(
            project.files["README.md"].contains("terraform validate"),
            "{name}"
        );
    }
}

#[test]
fn environments_change_resilience_and_size() {
    let dir = repo().join("tests/generator/specs");
    let prod = generate(&load(&dir.join("aws-web-db-prod.toml")), &catalog()).unwrap();
    let main = &norm(&prod.files["main.tf"]);
    for expected in [
        "multi_az = true",
        "deletion_protection = true",
        "backup_retention_days = 35",
        "desired_count = 3",
    ] {
        assert!(main.contains(expected), "prod lacks {expected}:\n{main}");
    }
    assert!(main.contains("single_nat_gateway = false"), "{main}");
    // The public ALB sits in public subnets; the database admits only the service.
    assert!(main.contains("module.network.public_subnet_ids"));
    assert!(main.contains("allowed_security_group_ids = [module.web.security_group_id]"));
    assert!(main.contains("DATABASE_SECRET = module.database.master_user_secret_arn"));
    assert!(
        main.contains("STRIPE_API_KEY = data.aws_secretsmanager_secret.stripe_api_key.arn"),
        "{main}"
    );

    let dev = generate(&load(&dir.join("aws-web-dev.toml")), &catalog()).unwrap();
    let main = &norm(&dev.files["main.tf"]);
    for expected in [
        "single_nat_gateway = true",
        "desired_count = 1",
        "internal = true",
        "availability_zones = [\"us-east-1a\", \"us-east-1b\"]",
    ] {
        assert!(main.contains(expected), "dev lacks {expected}:\n{main}");
    }
    assert!(main.contains("module.network.private_subnet_ids"));
    assert!(dev.files["DECISIONS.md"].contains("Dev runs the smallest Fargate size"));
    assert!(
        !dev.files.contains_key("modules/aws/rds/main.tf"),
        "dev asked for no database"
    );

    let restricted = generate(&load(&dir.join("aws-db-prod.toml")), &catalog()).unwrap();
    assert!(norm(&restricted.files["main.tf"]).contains("flow_log_retention_days = 1096"));
}

#[test]
fn bad_specs_name_the_field_and_the_allowed_values() {
    let good =
        std::fs::read_to_string(repo().join("tests/generator/specs/aws-web-dev.toml")).unwrap();
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "cloud = \"aws\"",
            "cloud = \"oracle\"",
            "cloud",
            Some("azure"),
        ),
        (
            "region = \"us-east-1\"",
            "region = \"mars-1\"",
            "region",
            Some("eu-west-1"),
        ),
        (
            "environment = \"dev\"",
            "environment = \"qa\"",
            "environment",
            Some("staging"),
        ),
        (
            "components = [\"web\"]",
            "components = [\"web\", \"kubernetes\"]",
            "components",
            Some("database"),
        ),
        (
            "exposure = \"internal\"",
            "exposure = \"dmz\"",
            "exposure",
            Some("public"),
        ),
        (
            "data_classification = \"internal\"",
            "data_classification = \"secret\"",
            "data_classification",
            Some("restricted"),
        ),
        ("name = \"wiki\"", "name = \"Wiki Tool\"", "name", None),
        (
            "monthly_budget = 300",
            "monthly_budget = -5",
            "monthly_budget",
            None,
        ),
        (
            "owner = \"docs-team\"",
            "owner = \"docs-team\"\ncolour = \"blue\"",
            "colour",
            None,
        ),
        (
            "domain = \"wiki.dev.example.com\"",
            "domain = \"wiki.dev.example.com\"\nport = 80",
            "web.port",
            None,
        ),
    ];
    for (from, to, field, allowed) in cases {
        assert!(good.contains(from), "{from}");
        let text = good.replacen(from, to, 1);
        let e = parse_spec(&text).expect_err(to);
        assert_eq!(&e.field, field, "{to}: {e}");
        if let Some(a) = allowed {
            assert!(e.allowed.iter().any(|x| x == a), "{to}: {e}");
        }
        assert!(e.to_string().contains(field), "{e}");
    }
    // Missing fields and garbage are errors, never panics.
    let e = parse_spec(&good.replacen("owner = \"docs-team\"\n", "", 1)).unwrap_err();
    assert!(e.message.contains("owner"), "{e}");
    for junk in [
        "",
        "\u{0}\u{1}",
        "name = ",
        "[[[",
        "cloud = 3",
        &"x".repeat(100_000),
    ] {
        assert!(parse_spec(junk).is_err());
    }
    // A component of another cloud says where it exists.
    let azure_db =
        std::fs::read_to_string(repo().join("tests/generator/specs/azure-storage-dev.toml"))
            .unwrap()
            .replacen(
                "components = [\"storage\"]",
                "components = [\"database\"]",
                1,
            );
    let e = parse_spec(&azure_db).unwrap_err();
    assert!(e.message.contains("available on: aws"), "{e}");
}

#[test]
fn a_non_empty_folder_is_refused_without_force() {
    let spec = load(&repo().join("tests/generator/specs/gcp-storage-dev.toml"));
    let project = generate(&spec, &catalog()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let e = write_project(&project, dir.path(), false).unwrap_err();
    assert_eq!(e.code(), "generator.not_empty");
    assert!(!dir.path().join("main.tf").exists());
    write_project(&project, dir.path(), true).unwrap();
    assert!(dir.path().join("main.tf").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_missing_catalog_is_an_error_with_a_hint() {
    let spec = load(&repo().join("tests/generator/specs/gcp-storage-dev.toml"));
    let e = generate(&spec, Path::new("/nonexistent/catalog")).unwrap_err();
    assert_eq!(e.code(), "generator.catalog");
    assert!(e.to_string().contains("gcp/vpc"), "{e}");
}

/// The validator catches a mistake made by hand in a generated project, at its line.
#[test]
fn an_edited_generated_project_with_a_mistake_is_reported_at_its_line() {
    let (_, _, dir) = generated(&repo().join("tests/generator/specs/aws-web-db-prod.toml"));
    let main = dir.path().join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let broken = text
        .replacen("  identifier                 = local.name\n", "", 1)
        .replacen("module.alb.target_group_arn", "module.alb.target_group", 1);
    assert_ne!(broken, text);
    std::fs::write(&main, &broken).unwrap();
    let line_of =
        |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
    let problems: Vec<String> = validate_dir(dir.path())
        .iter()
        .map(|p| p.to_string())
        .collect();
    let db = format!(
        "main.tf:{}: module database: required input \"identifier\" is not set",
        line_of("module \"database\"")
    );
    let tg = format!(
        "main.tf:{}: module.alb.target_group: the module has no output \"target_group\"",
        line_of("module.alb.target_group")
    );
    for e in [db, tg] {
        assert!(
            problems.iter().any(|p| p.ends_with(&e)),
            "missing {e} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

/// A YAML spec has the same fields as TOML and yields the same project; its mistakes are
/// reported the same way.
#[test]
fn a_yaml_spec_generates_the_same_project_as_its_toml_twin() {
    let yaml = "\
# A bucket for analytics experiments, dev.
name: lab
cloud: gcp
region: us-central1
environment: dev
components: [storage]
data_classification: internal
owner: analytics
cost_center: cc-1010
monthly_budget: 100
alert_emails:
  - analytics@example.com
gcp:
  project_id: acme-lab-dev
  billing_account: 0A1B2C-3D4E5F-6A7B8C
  access_log_bucket: acme-lab-dev-access-logs
";
    let from_yaml = orbis_generator::parse_spec_file(Path::new("lab.yaml"), yaml).unwrap();
    let from_toml = load(&repo().join("tests/generator/specs/gcp-storage-dev.toml"));
    let a = generate(&from_yaml, &catalog()).unwrap();
    let b = generate(&from_toml, &catalog()).unwrap();
    assert_eq!(a.files, b.files);

    let bad = yaml.replace("cloud: gcp", "cloud: alibaba");
    let e = orbis_generator::parse_spec_file(Path::new("lab.yml"), &bad).unwrap_err();
    assert_eq!(e.field, "cloud");
    assert!(e.allowed.contains(&"gcp".to_string()));
    let e =
        orbis_generator::parse_spec_file(Path::new("lab.yaml"), &yaml.replace("owner:", "ownr:"))
            .unwrap_err();
    assert_eq!(e.field, "ownr", "{e}");
    for junk in [
        "",
        "- a\n- b\n",
        "a: [\n",
        "name: !Ref x\n",
        "---\na: 1\n---\nb: 2\n",
    ] {
        assert!(
            orbis_generator::parse_spec_file(Path::new("x.yaml"), junk).is_err(),
            "{junk:?}"
        );
    }
}
