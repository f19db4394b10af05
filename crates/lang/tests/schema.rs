//! Provider schemas: the bundled set, `providers schema -json` documents from the corpus
//! (azurerm 2.93.1, google 4.27.0, aws, nested attribute types) and from the real terraform
//! binary, and the compact format's round trip.

mod common;

use common::*;
use orbis_lang::schema::compact::WriteOptions;
use orbis_lang::schema::{BlockSchema, Nesting, ProviderSchemas};
use std::process::Command;

fn corpus_schema(rel: &str) -> Option<Vec<u8>> {
    let p = corpora().join("plans/schemas").join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            println!("skipped: {} not found", p.display());
            None
        }
    }
}

/// The schemas without descriptions (the compact format shortens them).
fn without_descriptions(s: &ProviderSchemas) -> ProviderSchemas {
    let text = s.to_compact(&WriteOptions {
        description_chars: 0,
        comment: Vec::new(),
    });
    ProviderSchemas::from_compact(&text).unwrap()
}

#[test]
fn bundled_set_parses_and_covers_the_four_providers_and_the_builtin_one() {
    let s = ProviderSchemas::bundled();
    let names: Vec<&str> = s.providers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["aws", "azurerm", "google", "kubernetes", "terraform"]
    );
    println!(
        "bundled: {} resource types, {} data source types",
        s.resource_count(),
        s.data_source_count()
    );
    assert!(s.resource_count() >= 250, "{}", s.resource_count());
    // Types the lint rules and cost models read.
    for t in [
        "aws_s3_bucket",
        "aws_instance",
        "aws_db_instance",
        "aws_security_group",
        "azurerm_storage_account",
        "azurerm_kubernetes_cluster",
        "google_container_cluster",
        "google_sql_database_instance",
        "kubernetes_deployment",
        "kubernetes_deployment_v1",
        "terraform_data",
    ] {
        assert!(s.resource(t).is_some(), "{t} is bundled");
    }
    let v = s.resource("aws_s3_bucket_versioning").unwrap();
    assert!(v.attribute("bucket").unwrap().required);
    let vc = v.block("versioning_configuration").unwrap();
    assert_eq!((vc.min_items, vc.max_items), (1, Some(1)));
    assert!(vc.block.attribute("status").unwrap().required);
    // Nested pod spec of a Deployment: spec → template → spec → container → security_context.
    let d = s.resource("kubernetes_deployment_v1").unwrap();
    let c = &d
        .block("spec")
        .unwrap()
        .block
        .block("template")
        .unwrap()
        .block;
    let c = &c
        .block("spec")
        .unwrap()
        .block
        .block("container")
        .unwrap()
        .block;
    assert!(c
        .block("security_context")
        .unwrap()
        .block
        .attribute("privileged")
        .is_some());
    assert!(s.data_source("aws_iam_policy_document").is_some());
    assert!(s.data_source("terraform_remote_state").is_some());
    // Deprecated markers survive.
    assert!(
        s.resource("aws_s3_bucket")
            .unwrap()
            .block("versioning")
            .unwrap()
            .block
            .deprecated
    );
    assert!(s.resource("azurerm_app_service").unwrap().deprecated);
}

#[test]
fn azurerm_and_google_dumps_load_and_round_trip_through_the_compact_format() {
    for (rel, provider, types, data) in [
        (
            "python-hcl2/azurerm-v2.93.1.schema.json",
            "azurerm",
            739,
            222,
        ),
        ("python-hcl2/google-v4.27.0.schema.json", "google", 479, 103),
    ] {
        let Some(bytes) = corpus_schema(rel) else {
            return;
        };
        let s = ProviderSchemas::from_terraform_json(&bytes).unwrap();
        let p = &s.providers[provider];
        assert_eq!(
            (p.resources.len(), p.data_sources.len()),
            (types, data),
            "{rel}"
        );
        let text = s.to_compact(&WriteOptions::default());
        println!(
            "{provider}: JSON {} KB → compact {} KB (first sentences of descriptions)",
            bytes.len() / 1024,
            text.len() / 1024
        );
        assert!(text.len() < bytes.len() / 2);
        let back = ProviderSchemas::from_compact(&text).unwrap();
        assert_eq!(
            without_descriptions(&back),
            without_descriptions(&s),
            "{rel}"
        );
        // Descriptions are cut to their first sentence.
        let d = back.resource(if provider == "google" {
            "google_compute_instance"
        } else {
            "azurerm_storage_account"
        });
        assert!(d.is_some());
    }
}

#[test]
fn json_details_required_blocks_nested_types_and_deprecation() {
    let Some(bytes) = corpus_schema("python-hcl2/google-v4.27.0.schema.json") else {
        return;
    };
    let s = ProviderSchemas::from_terraform_json(&bytes).unwrap();
    let vm = s.resource("google_compute_instance").unwrap();
    assert!(vm.attribute("machine_type").unwrap().required);
    assert!(vm.attribute("name").unwrap().required);
    let boot = vm.block("boot_disk").unwrap();
    assert!(boot.is_required());
    assert_eq!((boot.nesting, boot.max_items), (Nesting::List, Some(1)));
    assert!(
        s.resource("google_compute_firewall")
            .unwrap()
            .attribute("enable_logging")
            .unwrap()
            .deprecated
    );
    let Some(bytes) = corpus_schema("python-hcl2/azurerm-v2.93.1.schema.json") else {
        return;
    };
    let s = ProviderSchemas::from_terraform_json(&bytes).unwrap();
    assert!(
        s.resource("azurerm_api_management_property")
            .unwrap()
            .deprecated
    );
    // Collection types are written as type constraints.
    let sa = s.resource("azurerm_storage_account").unwrap();
    assert_eq!(sa.attribute("tags").unwrap().type_name, "map(string)");

    // `nested_type` attributes (protocol 6 providers).
    let Some(bytes) = corpus_schema("terraform-json/nested_attributes.schemas.json") else {
        return;
    };
    let s = ProviderSchemas::from_terraform_json(&bytes).unwrap();
    let cfg = s.provider_config("awscc").unwrap();
    let ar = cfg.attribute("assume_role").unwrap();
    let nested = ar.nested.as_ref().expect("nested attribute type");
    assert_eq!(nested.nesting, Nesting::Single);
    assert!(nested.attributes.iter().any(|a| a.name == "external_id"));
    assert_eq!(ar.type_name, "object");
    let back = ProviderSchemas::from_compact(&s.to_compact(&WriteOptions::default())).unwrap();
    assert_eq!(without_descriptions(&back), without_descriptions(&s));
}

#[test]
fn a_full_provider_dump_merges_over_the_bundled_partial_schemas() {
    let Some(bytes) = corpus_schema("terraform-json/120_basic.schemas.json") else {
        return;
    };
    let full = ProviderSchemas::from_terraform_json(&bytes).unwrap();
    let mut s = ProviderSchemas::bundled();
    let bundled_attrs = s.resource("aws_s3_bucket").unwrap().size();
    let bundled_types = s.resource_count();
    s.merge(full);
    let merged = s.resource("aws_s3_bucket").unwrap();
    assert!(
        merged.size() > bundled_attrs,
        "the full schema replaced the partial one"
    );
    // Types only in the bundle stay (e.g. azurerm), new aws types are added.
    assert!(s.resource("azurerm_storage_account").is_some());
    assert!(s.resource_count() > bundled_types);
    assert_eq!(
        s.providers["aws"].source,
        "registry.terraform.io/hashicorp/aws"
    );
}

#[test]
fn bad_documents_are_errors_not_panics() {
    assert!(ProviderSchemas::from_terraform_json(b"not json").is_err());
    assert!(ProviderSchemas::from_terraform_json(b"{}").is_err());
    let e =
        ProviderSchemas::from_terraform_json(br#"{"format_version":"2.0","provider_schemas":{}}"#)
            .unwrap_err();
    assert!(e.to_string().contains("2.0"), "{e}");
    let empty = corpus_schema("opentofu/providers-schema__empty.json");
    if let Some(b) = empty {
        let s = ProviderSchemas::from_terraform_json(&b).unwrap();
        assert_eq!(s.resource_count(), 0);
    }
    let e = ProviderSchemas::from_compact(
        "orbis-schema 1\nprovider a x\nresource a_b\n    bad o string\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("line 4"), "{e}");
    assert!(ProviderSchemas::from_compact("something else").is_err());
    assert!(ProviderSchemas::from_compact("orbis-schema 1\nresource x\n").is_err());
}

#[test]
fn the_real_terraform_binary_output_loads_and_matches_the_bundled_builtin_types() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"terraform_data\" \"x\" {}\n",
    )
    .unwrap();
    let out = match Command::new("terraform")
        .args(["providers", "schema", "-json"])
        .current_dir(dir.path())
        .env("CHECKPOINT_DISABLE", "1")
        .output()
    {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            println!(
                "skipped: terraform providers schema -json failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            return;
        }
        Err(e) => {
            println!("skipped: terraform is not installed ({e})");
            return;
        }
    };
    let s = ProviderSchemas::from_terraform_json(&out.stdout).unwrap();
    let td: &BlockSchema = s.resource("terraform_data").unwrap();
    assert!(td.attribute("input").unwrap().optional);
    assert!(td.attribute("output").unwrap().computed);
    assert!(
        s.data_source("terraform_remote_state")
            .unwrap()
            .attribute("backend")
            .unwrap()
            .required
    );
    let bundled = ProviderSchemas::bundled();
    for t in s.providers["terraform"].resources.keys() {
        assert!(
            bundled.resource(t).is_some(),
            "bundled builtin lacks {t}: regenerate it"
        );
    }
}
