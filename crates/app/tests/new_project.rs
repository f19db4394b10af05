//! The New Project wizard and the Modules view through `Session`, on the repository's real
//! module catalog: a project generated into a temporary folder passes the offline validator
//! and `orbis lint`; a non-empty folder is refused unless overwriting is confirmed; bad fields
//! are named; catalog modules list their interface, and an inserted module call parses and
//! resolves once the module is vendored.

use orbis_app::new_project::{NamedCidr, NewProjectRequest, NewProjectWeb};
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};

fn catalog() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules")
}

fn session() -> Session {
    let s = Session::new(Store::open_in_memory().unwrap(), None);
    s.set_catalog_dir(Some(catalog()));
    s
}

fn aws_request() -> NewProjectRequest {
    NewProjectRequest {
        name: "shop".into(),
        cloud: "aws".into(),
        region: "eu-west-1".into(),
        environment: "prod".into(),
        components: vec!["web".into(), "database".into()],
        exposure: "public".into(),
        data_classification: "confidential".into(),
        owner: "shop-team".into(),
        cost_center: "cc-4100".into(),
        monthly_budget: 3000,
        alert_emails: vec!["oncall@example.com".into()],
        secrets: vec!["stripe-api-key".into()],
        web: Some(NewProjectWeb {
            image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:2.3.1".into(),
            domain: "shop.example.com".into(),
            port: None,
        }),
        ..Default::default()
    }
}

#[test]
fn options_list_every_cloud_with_its_components_and_environments() {
    let options = session().new_project_options().unwrap();
    let clouds: Vec<&str> = options.clouds.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(clouds, ["aws", "azure", "gcp"]);
    let aws = &options.clouds[0];
    let names: Vec<&str> = aws.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["web", "database", "storage"]);
    assert!(aws.regions.contains(&"eu-west-1".to_string()));
    assert!(aws
        .baseline_modules
        .contains(&"aws/account-baseline".to_string()));
    let gcp = &options.clouds[2];
    assert!(gcp.components.iter().any(|c| c.name == "kubernetes"));
    let envs: Vec<&str> = options
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(envs, ["dev", "staging", "prod"]);
    assert!(options.environments.iter().all(|e| !e.summary.is_empty()));
}

#[test]
fn a_project_is_previewed_then_created_validator_and_lint_clean() {
    let s = session();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("shop");
    let target = s.choose_new_project_folder(&out);
    assert!(!target.exists && target.entry_count == 0);

    let preview = s.preview_new_project(&aws_request()).unwrap();
    let paths: Vec<&str> = preview.files.iter().map(|f| f.path.as_str()).collect();
    for expected in [
        "backend.tf",
        "main.tf",
        "DECISIONS.md",
        "README.md",
        "modules/aws/rds/main.tf",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert!(preview.files.iter().all(|f| !f.overwrites && f.bytes > 0));
    assert!(preview.decisions_md.starts_with("# "));
    assert!(preview.decisions_md.contains("deletion protection"));
    assert!(preview.backend_tf.contains("backend \"s3\""));
    assert!(preview.modules.contains(&"aws/alb-waf".to_string()));
    // Nothing is written by a preview.
    assert!(!out.exists());

    let result = s.create_new_project(&aws_request(), false).unwrap();
    assert_eq!(result.files_written as usize, preview.files.len());
    for p in &paths {
        assert!(out.join(p).is_file(), "{p} not written");
    }
    assert!(
        result.validation.is_empty(),
        "validator: {:?}",
        result.validation
    );
    assert!(result.lint.is_empty(), "lint ≥ medium: {:?}", result.lint);
    // Priced from the configuration with the bundled catalog (the NAT gateways and the load
    // balancer at least), as `orbis new` prints it.
    let cost = result.cost.expect("the cost engine prices the project");
    assert!(cost.monthly > 0.0 && cost.priced_resources > 0, "{cost:?}");
    assert_eq!(cost.currency, "USD");
    assert_eq!(s.new_project_root().unwrap(), out.canonicalize().unwrap());

    // The new folder opens as a workspace and its Problems have nothing at medium or above.
    s.open_workspace(&out).unwrap();
    let problems = s.workspace_problems().unwrap();
    let serious: Vec<_> = problems
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (&f.path, d)))
        .filter(|(_, d)| {
            d.source == "syntax"
                || matches!(
                    d.rule_severity.as_deref(),
                    Some("medium" | "high" | "critical")
                )
        })
        .collect();
    assert!(serious.is_empty(), "{serious:?}");
}

#[test]
fn a_gcp_kubernetes_project_takes_its_cloud_settings() {
    let s = session();
    let tmp = tempfile::tempdir().unwrap();
    s.choose_new_project_folder(tmp.path());
    let mut r = NewProjectRequest {
        name: "data".into(),
        cloud: "gcp".into(),
        region: "europe-west1".into(),
        environment: "dev".into(),
        components: vec!["kubernetes".into()],
        exposure: "internal".into(),
        data_classification: "internal".into(),
        owner: "data-team".into(),
        cost_center: "cc-1".into(),
        monthly_budget: 500,
        alert_emails: vec!["data@example.com".into()],
        ..Default::default()
    };
    r.settings.gcp_project_id = Some("acme-data-dev".into());
    r.settings.gcp_billing_account = Some("01AB23-45CD67-89EF01".into());
    r.settings.gcp_rbac_security_group = Some("gke-security-groups@example.com".into());
    // Missing the control-plane networks: the generator's error names the field.
    let err = s.preview_new_project(&r).unwrap_err();
    assert_eq!(err.code, ErrorCode::NewProjectInvalid);
    assert!(
        err.message.contains("gcp.master_authorized_networks"),
        "{}",
        err.message
    );
    r.settings.gcp_master_authorized_networks = vec![NamedCidr {
        name: "office".into(),
        cidr: "203.0.113.0/24".into(),
    }];
    r.backend.existing = true;
    r.backend.gcp_state_bucket = Some("acme-shared-tfstate".into());
    let result = s.create_new_project(&r, false).unwrap();
    assert!(result.validation.is_empty(), "{:?}", result.validation);
    assert!(result.lint.is_empty(), "{:?}", result.lint);
    let backend = std::fs::read_to_string(tmp.path().join("backend.tf")).unwrap();
    assert!(backend.contains("\"acme-shared-tfstate\""), "{backend}");
    let main = std::fs::read_to_string(tmp.path().join("main.tf")).unwrap();
    assert!(main.contains("203.0.113.0/24"));
}

#[test]
fn a_non_empty_folder_is_refused_unless_overwriting_is_confirmed() {
    let s = session();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(tmp.path().join("main.tf"), "# old\n").unwrap();
    let target = s.choose_new_project_folder(tmp.path());
    assert_eq!(target.entry_count, 2);
    assert_eq!(target.entries, ["main.tf", "notes.txt"]);

    let preview = s.preview_new_project(&aws_request()).unwrap();
    let main = preview.files.iter().find(|f| f.path == "main.tf").unwrap();
    assert!(main.overwrites);
    assert!(
        !preview
            .files
            .iter()
            .find(|f| f.path == "backend.tf")
            .unwrap()
            .overwrites
    );

    let err = s.create_new_project(&aws_request(), false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NewProjectNotEmpty);
    assert!(err.hint.contains("Overwrite"), "{}", err.hint);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("main.tf")).unwrap(),
        "# old\n"
    );
    assert!(!tmp.path().join("backend.tf").exists());

    // Confirmed: the generated files replace theirs, other files stay (--force semantics).
    s.create_new_project(&aws_request(), true).unwrap();
    assert_ne!(
        std::fs::read_to_string(tmp.path().join("main.tf")).unwrap(),
        "# old\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn bad_fields_are_named_and_nothing_is_written() {
    let s = session();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("p");
    s.choose_new_project_folder(&out);
    for (change, field) in [
        (
            Box::new(|r: &mut NewProjectRequest| r.name = "Shop App".into())
                as Box<dyn Fn(&mut NewProjectRequest)>,
            "name",
        ),
        (Box::new(|r| r.name = "a".into()), "name"),
        (Box::new(|r| r.name = "much-too-long-name".into()), "name"),
        (Box::new(|r| r.owner = "Shop Team".into()), "owner"),
        (Box::new(|r| r.region = "mars-north-1".into()), "region"),
        (
            Box::new(|r| r.components = vec!["kubernetes".into()]),
            "components",
        ),
        (Box::new(|r| r.alert_emails = vec![]), "alert_emails"),
        (Box::new(|r| r.web = None), "web"),
        (Box::new(|r| r.cloud = "oracle".into()), "cloud"),
    ] {
        let mut r = aws_request();
        change(&mut r);
        let err = s.preview_new_project(&r).unwrap_err();
        assert_eq!(err.code, ErrorCode::NewProjectInvalid, "{err}");
        assert!(
            err.message.contains(&format!("`{field}`")),
            "expected {field}: {}",
            err.message
        );
        assert!(err.hint.contains(field), "{}", err.hint);
        assert_eq!(
            s.create_new_project(&r, false).unwrap_err().code,
            ErrorCode::NewProjectInvalid
        );
    }
    assert!(!out.exists());
}

#[test]
fn create_needs_a_chosen_folder_and_a_catalog() {
    let s = session();
    let err = s.create_new_project(&aws_request(), false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NewProjectNoFolder);

    let no_catalog = Session::new(Store::open_in_memory().unwrap(), None);
    let tmp = tempfile::tempdir().unwrap();
    no_catalog.set_catalog_dir(Some(tmp.path().to_path_buf()));
    assert_eq!(
        no_catalog.new_project_options().unwrap_err().code,
        ErrorCode::CatalogMissing
    );
    assert_eq!(
        no_catalog.catalog_modules().unwrap_err().code,
        ErrorCode::CatalogMissing
    );
}

#[test]
fn catalog_modules_show_their_interface_from_the_code() {
    let s = session();
    let modules = s.catalog_modules().unwrap();
    assert!(modules.len() >= 18, "{}", modules.len());
    for cloud in ["aws", "azure", "gcp"] {
        assert!(modules.iter().any(|m| m.cloud == cloud));
    }
    let network = modules.iter().find(|m| m.id == "aws/network").unwrap();
    assert!(network.version.split('.').count() == 3);
    assert!(!network.description.is_empty());
    let name = network.inputs.iter().find(|i| i.name == "name").unwrap();
    assert!(name.required && name.default_text.is_none());
    assert_eq!(name.type_text.as_deref(), Some("string"));
    let cidr = network
        .inputs
        .iter()
        .find(|i| i.name == "cidr_block")
        .unwrap();
    assert!(!cidr.required);
    assert_eq!(cidr.default_text.as_deref(), Some("\"10.0.0.0/16\""));
    let zones = network
        .inputs
        .iter()
        .find(|i| i.name == "availability_zones")
        .unwrap();
    assert_eq!(zones.type_text.as_deref(), Some("list(string)"));
    assert!(!network.outputs.is_empty());
    // Every input and output of every module matches its source's blocks.
    for m in &modules {
        let dir = catalog().join(&m.id);
        let text: String = ["variables.tf", "outputs.tf", "main.tf"]
            .iter()
            .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
            .collect();
        assert_eq!(
            m.inputs.len(),
            text.matches("\nvariable \"").count() + usize::from(text.starts_with("variable \"")),
            "{}",
            m.id
        );
        assert!(m
            .inputs
            .iter()
            .all(|i| i.required == i.default_text.is_none()));
        assert!(!m.vendored);
    }
}

#[test]
fn an_inserted_module_call_parses_and_resolves_once_vendored() {
    let s = session();
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(ws.join("envs/prod")).unwrap();
    std::fs::write(ws.join("main.tf"), "locals {\n  name = \"demo\"\n}\n").unwrap();
    std::fs::write(ws.join("envs/prod/main.tf"), "").unwrap();
    s.open_workspace(&ws).unwrap();

    let call = s
        .catalog_module_call("aws/network", "main.tf", "network", "locals {\n}\n", 3)
        .unwrap();
    assert_eq!(
        call.insert_at, 10,
        "after the locals block the cursor is in"
    );
    assert_eq!(call.source, "./modules/aws/network");
    assert!(!call.vendored);
    assert!(call.text.contains("module \"network\" {"), "{}", call.text);
    assert!(
        call.text.contains("availability_zones = []"),
        "{}",
        call.text
    );
    assert!(
        !call.text.contains("cidr_block"),
        "optional inputs are left out"
    );
    let nested = s
        .catalog_module_call("aws/rds", "envs/prod/main.tf", "db", "", 0)
        .unwrap();
    assert_eq!(nested.source, "../../modules/aws/rds");

    let written = s.vendor_catalog_module("aws/network").unwrap();
    assert!(written.contains(&"modules/aws/network/variables.tf".to_string()));
    assert!(ws.join("modules/aws/network/main.tf").is_file());
    // A second time nothing is overwritten.
    std::fs::write(ws.join("modules/aws/network/README.md"), "ours").unwrap();
    assert!(s.vendor_catalog_module("aws/network").unwrap().is_empty());
    assert_eq!(
        std::fs::read_to_string(ws.join("modules/aws/network/README.md")).unwrap(),
        "ours"
    );
    let listed = s.catalog_modules().unwrap();
    assert!(
        listed
            .iter()
            .find(|m| m.id == "aws/network")
            .unwrap()
            .vendored
    );

    // Inserted through the editor's path: no syntax error, and the validator finds the call
    // complete (every required input set, the source resolves).
    let open = s.open_document("main.tf").unwrap();
    let text = format!("{}\n{}", open.text, call.text);
    let result = s.set_document_text("main.tf", text.clone()).unwrap();
    assert!(
        result
            .document
            .diagnostics
            .iter()
            .all(|d| d.source != "syntax"),
        "{:?}",
        result.document.diagnostics
    );
    std::fs::write(ws.join("main.tf"), &text).unwrap();
    let problems = orbis_generator::validate::validate_dir(&ws);
    let for_call: Vec<_> = problems
        .iter()
        .filter(|p| p.file.ends_with("main.tf") && !p.file.starts_with(ws.join("modules")))
        .collect();
    assert!(for_call.is_empty(), "{for_call:?}");

    for bad in ["../../etc", "aws/../../x", "aws/nope"] {
        assert_eq!(
            s.vendor_catalog_module(bad).unwrap_err().code,
            ErrorCode::CatalogModuleUnknown
        );
    }
    assert_eq!(
        s.catalog_module_call("aws/network", "main.tf", "1bad", "", 0)
            .unwrap_err()
            .code,
        ErrorCode::InvalidRequest
    );
}
