//! The Cost view through `Session`: the demo workspace estimated from its configuration
//! (components, free resources, usage-based parts not estimated, provider default_tags in the
//! chargeback, budgets of `.orbis.toml`), unsupported resources with their reason, the usage
//! file, charts and exports, and the history of estimates in the store.

use orbis_app::cost_view::{CostChartFormat, CostView};
use orbis_app::{ErrorCode, Session};
use orbis_store::Store;
use std::path::{Path, PathBuf};

fn demo() -> (tempfile::TempDir, PathBuf, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(&root).unwrap();
    (tmp, root, session)
}

fn row<'a>(v: &'a CostView, address: &str) -> &'a orbis_app::cost_view::CostResourceRow {
    v.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("{address} not priced: {:?}", v.resources))
}

fn cents(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

#[test]
fn the_demo_workspace_is_estimated_with_components_free_and_not_estimated_parts() {
    let (_tmp, _root, session) = demo();
    let v = session.estimate_cost("").unwrap();
    assert_eq!(v.currency, "USD");
    // The components add up to each resource, the resources to the total.
    let sum: f64 = v.resources.iter().map(|r| r.monthly_cost).sum();
    assert_eq!(cents(sum), cents(v.total_monthly_cost));
    let web = row(&v, "aws_instance.web");
    let hours = web
        .components
        .iter()
        .find(|c| c.name.contains("t3.medium"))
        .expect("instance hours");
    assert_eq!(hours.unit, "hours");
    assert_eq!(hours.monthly_quantity, Some(730.0));
    let price = hours.unit_price.expect("t3.medium priced");
    assert_eq!(cents(hours.monthly_cost.unwrap()), cents(price * 730.0));
    // S3 storage depends on usage nobody gave: not estimated, not $0.00.
    let bucket = row(&v, "aws_s3_bucket.assets");
    assert!(bucket.not_estimated);
    assert!(bucket
        .components
        .iter()
        .all(|c| c.usage_based && c.monthly_cost.is_none() && c.unit_price.is_some()));
    assert!(v.not_estimated >= 2, "bucket and log group");
    // Free resources are listed by name, not priced at zero.
    assert!(v
        .free
        .iter()
        .any(|f| f.address == "module.network.aws_vpc.this"));
    assert!(v.resources.iter().all(|r| r.resource_type != "aws_vpc"));
    assert!(v.unsupported.is_empty(), "{:?}", v.unsupported);
    assert_eq!(row(&v, "aws_db_instance.app").service, "aws/rds");
}

#[test]
fn chargeback_uses_provider_default_tags_and_groups_add_up() {
    let (_tmp, _root, session) = demo();
    let v = session.estimate_cost("").unwrap();
    let keys: Vec<&str> = v.chargeback.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "service",
            "module",
            "tag:Owner",
            "tag:CostCenter",
            "tag:Environment"
        ]
    );
    for grouping in &v.chargeback {
        let sum: f64 = grouping.groups.iter().map(|g| g.monthly_cost).sum();
        assert_eq!(cents(sum), cents(v.total_monthly_cost), "{}", grouping.key);
    }
    // Environment and Owner are set only in the aws provider's default_tags.
    let env = v
        .chargeback
        .iter()
        .find(|g| g.key == "tag:Environment")
        .unwrap();
    assert_eq!(env.groups.len(), 1, "{:?}", env.groups);
    assert_eq!(env.groups[0].key, "staging");
    let owner = v.chargeback.iter().find(|g| g.key == "tag:Owner").unwrap();
    assert_eq!(owner.groups[0].key, "platform-team");
    let s3 = v.chargeback[0]
        .groups
        .iter()
        .find(|g| g.key == "aws/s3")
        .unwrap();
    assert_eq!((s3.monthly_cost, s3.not_estimated), (0.0, 1));
}

#[test]
fn budgets_come_from_the_workspace_settings() {
    let (_tmp, root, session) = demo();
    std::fs::write(
        root.join(".orbis.toml"),
        "[cost.budgets.staging]\nmonthly_total = 50\n[cost.budgets.roomy]\nmonthly_total = 5000\n",
    )
    .unwrap();
    let v = session.estimate_cost("").unwrap();
    assert!(v.budget_exceeded);
    let staging = v.budgets.iter().find(|b| b.budget == "staging").unwrap();
    assert!(staging.exceeded && staging.message.contains("exceeds $50.00"));
    assert!(
        !v.budgets
            .iter()
            .find(|b| b.budget == "roomy")
            .unwrap()
            .exceeded
    );
    // A broken [cost] table is a warning in the view, never a failure.
    std::fs::write(root.join(".orbis.toml"), "[cost\n").unwrap();
    let v = session.estimate_cost("").unwrap();
    assert!(v.budgets.is_empty());
    assert!(
        v.warnings.iter().any(|w| w.contains(".orbis.toml")),
        "{:?}",
        v.warnings
    );
}

#[test]
fn unsupported_resources_are_listed_with_their_reason() {
    let (_tmp, root, session) = demo();
    std::fs::write(
        root.join("extra.tf"),
        "resource \"aws_cloudfront_distribution\" \"cdn\" {}\nresource \"aws_instance\" \"later\" { instance_type = var.size }\nvariable \"size\" {}\n",
    )
    .unwrap();
    let v = session.estimate_cost("").unwrap();
    let cdn = v
        .unsupported
        .iter()
        .find(|u| u.address == "aws_cloudfront_distribution.cdn")
        .expect("listed");
    assert!(cdn.reason.contains("no cost model"));
    let later = v
        .unsupported
        .iter()
        .find(|u| u.address == "aws_instance.later")
        .expect("unknown instance type listed");
    assert!(later.reason.contains("unknown"), "{}", later.reason);
}

#[test]
fn a_usage_file_is_honoured_and_a_broken_one_refused() {
    let (tmp, _root, session) = demo();
    let before = session.estimate_cost("").unwrap();
    let usage = tmp.path().join("infracost-usage.yml");
    std::fs::write(
        &usage,
        "version: 0.1\nresource_usage:\n  aws_s3_bucket.assets:\n    standard:\n      storage_gb: 1000\n",
    )
    .unwrap();
    assert_eq!(
        session
            .set_cost_usage_file(Some(&usage))
            .unwrap()
            .as_deref(),
        Some("infracost-usage.yml")
    );
    let after = session.estimate_cost("").unwrap();
    assert_eq!(after.usage_file.as_deref(), Some("infracost-usage.yml"));
    let storage = row(&after, "aws_s3_bucket.assets")
        .components
        .iter()
        .find(|c| c.name.contains("Storage"))
        .unwrap()
        .clone();
    assert_eq!(storage.monthly_quantity, Some(1000.0));
    let added = storage.monthly_cost.unwrap();
    assert_eq!(
        cents(after.total_monthly_cost),
        cents(before.total_monthly_cost + added)
    );
    // A file that is not a usage file is refused when picked; the previous one stays.
    let bad = tmp.path().join("bad.yml");
    std::fs::write(&bad, "version: [\n").unwrap();
    let err = session.set_cost_usage_file(Some(&bad)).unwrap_err();
    assert_eq!(err.code, ErrorCode::CostFailed);
    assert!(!err.hint.is_empty());
    assert_eq!(
        session.estimate_cost("").unwrap().usage_file.as_deref(),
        Some("infracost-usage.yml")
    );
    session.set_cost_usage_file(None).unwrap();
    assert_eq!(
        cents(session.estimate_cost("").unwrap().total_monthly_cost),
        cents(before.total_monthly_cost)
    );
}

#[test]
fn a_folder_is_estimated_alone_and_paths_stay_inside_the_workspace() {
    let (_tmp, _root, session) = demo();
    let network = session.estimate_cost("modules/network").unwrap();
    assert_eq!(network.folder, "modules/network");
    assert!(network
        .resources
        .iter()
        .all(|r| r.address == "aws_cloudwatch_log_group.flow"));
    let err = session.estimate_cost("../..").unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideWorkspace);
    assert_eq!(
        session.estimate_cost("main.tf").unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn charts_say_not_estimated_instead_of_zero_and_export_as_svg_and_png() {
    let (tmp, _root, session) = demo();
    assert_eq!(
        session.cost_chart("service", "light").unwrap_err().code,
        ErrorCode::CostFailed,
        "no estimate yet"
    );
    session.estimate_cost("").unwrap();
    let svg = session.cost_chart("service", "dark").unwrap();
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..40]
    );
    assert!(svg.contains("aws/rds") && svg.contains("usage-based — not estimated"));
    assert!(!svg.contains("$0.00"), "a usage-only group drawn as free");
    let by_env = session.cost_chart("tag:Environment", "light").unwrap();
    assert!(by_env.contains("staging") && !by_env.contains("(untagged)"));
    assert_eq!(
        session.cost_chart("region", "light").unwrap_err().code,
        ErrorCode::InvalidRequest
    );
    let png = tmp.path().join("c.png");
    session
        .export_cost_chart("tag:Owner", "light", CostChartFormat::Png, &png)
        .unwrap();
    assert!(std::fs::read(&png)
        .unwrap()
        .starts_with(b"\x89PNG\r\n\x1a\n"));
    let out = tmp.path().join("c.svg");
    session
        .export_cost_chart("module", "light", CostChartFormat::Svg, &out)
        .unwrap();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("module.network"));
    assert_eq!(
        Session::cost_chart_file_name("tag:Owner", CostChartFormat::Png),
        "cost-by-tag-Owner.png"
    );
    let err = session
        .export_cost_chart(
            "service",
            "light",
            CostChartFormat::Svg,
            Path::new("/nonexistent/dir/x.svg"),
        )
        .unwrap_err();
    assert!(!err.hint.is_empty());
}

#[test]
fn each_estimate_is_kept_in_the_history_of_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = orbis_app::demo::materialize(tmp.path()).unwrap();
    let db = tmp.path().join("orbis.sqlite3");
    {
        let session = Session::new(Store::open(&db).unwrap(), None);
        session.open_workspace(&root).unwrap();
        session.estimate_cost("").unwrap();
        std::fs::write(
            root.join("extra.tf"),
            "resource \"aws_nat_gateway\" \"n\" { subnet_id = \"s\" }\n",
        )
        .unwrap();
        session.estimate_cost("").unwrap();
        session.estimate_cost("modules/network").unwrap();
    }
    // A new session (the app restarted) sees the earlier estimates.
    let session = Session::new(Store::open(&db).unwrap(), None);
    session.open_workspace(&root).unwrap();
    let v = session.estimate_cost("").unwrap();
    let h = session.cost_history_chart("light").unwrap();
    assert_eq!(h.points.len(), 3, "the folder's own estimates only");
    assert!(
        h.points[1].total_monthly_cost > h.points[0].total_monthly_cost,
        "NAT added"
    );
    assert_eq!(
        cents(h.points[2].total_monthly_cost),
        cents(v.total_monthly_cost)
    );
    assert!(h.svg.contains("Estimated monthly cost over time"));
}

#[test]
fn a_price_missing_for_the_region_is_flagged_not_counted_as_zero() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("main.tf"),
        "provider \"aws\" { region = \"ap-southeast-2\" }\nresource \"aws_nat_gateway\" \"n\" { subnet_id = \"s\" }\n",
    )
    .unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(tmp.path()).unwrap();
    let v = session.estimate_cost("").unwrap();
    assert_eq!(v.prices_missing, 1);
    let nat = row(&v, "aws_nat_gateway.n");
    assert!(nat.price_missing);
    let hours = nat.components.iter().find(|c| c.unit == "hours").unwrap();
    assert_eq!((hours.unit_price, hours.monthly_cost), (None, None));
    assert!(
        hours
            .note
            .as_deref()
            .unwrap_or("")
            .contains("ap-southeast-2"),
        "{:?}",
        hours.note
    );
}

/// envs/prod and envs/staging call ../../modules/app; the top folder has no .tf of its own.
pub fn multi_root_workspace(dir: &Path) {
    let w = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "modules/app/main.tf",
        "variable \"type\" {}\nresource \"aws_instance\" \"app\" {\n  ami = \"ami-1\"\n  instance_type = var.type\n}\n",
    );
    for (env, size) in [("prod", "t3.large"), ("staging", "t3.micro")] {
        w(
            &format!("envs/{env}/main.tf"),
            &format!("provider \"aws\" {{ region = \"us-east-1\" }}\nmodule \"app\" {{\n  source = \"../../modules/app\"\n  type = \"{size}\"\n}}\nresource \"aws_nat_gateway\" \"n\" {{ subnet_id = \"s\" }}\n"),
        );
    }
    w("README.md", "two environments\n");
}

#[test]
fn a_workspace_of_several_root_modules_is_their_sum() {
    let tmp = tempfile::tempdir().unwrap();
    multi_root_workspace(tmp.path());
    let session = Session::new(Store::open_in_memory().unwrap(), None);
    session.open_workspace(tmp.path()).unwrap();
    let all = session.estimate_cost("").unwrap();
    let addresses: Vec<&str> = all.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "envs/prod/aws_nat_gateway.n",
            "envs/prod/module.app.aws_instance.app",
            "envs/staging/aws_nat_gateway.n",
            "envs/staging/module.app.aws_instance.app",
        ]
    );
    let prod = session.estimate_cost("envs/prod").unwrap();
    let staging = session.estimate_cost("envs/staging").unwrap();
    assert_eq!(
        cents(all.total_monthly_cost),
        cents(prod.total_monthly_cost + staging.total_monthly_cost)
    );
    let modules = all.chargeback.iter().find(|g| g.key == "module").unwrap();
    let keys: Vec<&str> = modules.groups.iter().map(|g| g.key.as_str()).collect();
    assert!(
        keys.contains(&"envs/prod") && keys.contains(&"envs/staging/module.app"),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|k| k.starts_with("modules/")),
        "a called module is no root: {keys:?}"
    );
}

#[test]
fn a_reviewed_plan_joins_the_history_as_a_plan_estimate() {
    let (_tmp, _root, session) = demo();
    session.estimate_cost("").unwrap();
    let review = session.open_plan("plans/sample-plan.json").unwrap();
    let plan_total = review
        .cost
        .as_ref()
        .expect("the demo plan is priced")
        .total_monthly_cost;
    session.estimate_cost("").unwrap();
    let h = session.cost_history_chart("light").unwrap();
    let sources: Vec<bool> = h.points.iter().map(|p| p.plan).collect();
    assert_eq!(sources, [false, true, false]);
    assert_eq!(cents(h.points[1].total_monthly_cost), cents(plan_total));
    assert!(h.svg.contains("reviewed plans (after apply)"));
}
