//! Budgets and policy packs against the real binary (run for both databases by sqlite.rs
//! and postgres.rs): only an organization admin publishes, members read what is in force
//! for their workspace, another tenant sees and reaches nothing, a pack's versions follow its
//! content, Rego that does not parse is refused, the 304 revision check, and every publish
//! in the audit chain (without the policies' sources).

use super::scenarios::setup_org;
use super::{assert_error, call, Backend, Server};
use serde_json::{json, Value};

pub const DENY_PUBLIC_IP: &str = r#"package team.network

import rego.v1

deny contains msg if {
    some rc in input.resource_changes
    rc.type == "aws_instance"
    rc.change.after.associate_public_ip_address == true
    msg := sprintf("%s: instances get no public IP address", [rc.address])
}
"#;

fn pack(description: &str, source: &str) -> Value {
    json!({"name": "network", "description": description,
           "policies": [{"name": "no_public_ip", "source": source}]})
}

pub async fn budgets_and_policy_packs(backend: &Backend) {
    let server = Server::start(backend, &[]).await;
    let acme = setup_org(backend, &server, "acme").await;
    let globex = setup_org(backend, &server, "globex").await;
    let b = &server.base;
    let ws = &acme.workspace;
    let governance = |token: &str| {
        let (url, token) = (
            format!("{b}/v1/workspaces/{ws}/governance"),
            token.to_string(),
        );
        async move { call("GET", &url, Some(&token), None).await }
    };

    // Nothing published yet: members read an empty set.
    let (s, g) = governance(acme.token("viewer")).await;
    assert_eq!(s, 200, "{g}");
    assert_eq!(g["budget"], Value::Null);
    assert_eq!(g["policy_packs"], json!([]));

    // Only an organization admin publishes; a workspace admin is not one.
    let budget = json!({"monthly_limit": 250.0, "warn_percent": 90});
    for role in ["viewer", "operator", "approver", "admin"] {
        assert_error(
            &call(
                "PUT",
                &format!("{b}/v1/budgets/{ws}"),
                Some(acme.token(role)),
                Some(budget.clone()),
            )
            .await,
            403,
            "role.org_admin_required",
        );
        assert_error(
            &call(
                "POST",
                &format!("{b}/v1/policy-packs"),
                Some(acme.token(role)),
                Some(pack("", DENY_PUBLIC_IP)),
            )
            .await,
            403,
            "role.org_admin_required",
        );
    }
    for bad in [
        json!({"monthly_limit": -5.0}),
        json!({"monthly_limit": 10.0, "warn_percent": 0}),
        json!({"monthly_limit": 10.0, "warn_percent": 101}),
    ] {
        assert_error(
            &call(
                "PUT",
                &format!("{b}/v1/budgets/default"),
                Some(&acme.admin),
                Some(bad),
            )
            .await,
            400,
            "budget.invalid",
        );
    }
    let (s, default) = call(
        "PUT",
        &format!("{b}/v1/budgets/default"),
        Some(&acme.admin),
        Some(json!({"monthly_limit": 1000.0})),
    )
    .await;
    assert_eq!(s, 200, "{default}");
    assert_eq!(default["warn_percent"], 80, "the default warning level");
    assert_eq!(default["published_by"], "root");
    let (s, own) = call(
        "PUT",
        &format!("{b}/v1/budgets/{ws}"),
        Some(&acme.admin),
        Some(budget.clone()),
    )
    .await;
    assert_eq!(s, 200, "{own}");
    assert_eq!(own["workspace_name"], "prod-network");

    // Policy packs: Rego that does not parse is refused, naming the policy.
    let broken = call(
        "POST",
        &format!("{b}/v1/policy-packs"),
        Some(&acme.admin),
        Some(pack("", "package x\ndeny contains msg if {")),
    )
    .await;
    assert_error(&broken, 400, "policy_pack.policy_invalid");
    assert!(broken.1["message"]
        .as_str()
        .unwrap()
        .contains("no_public_ip"));
    assert_error(
        &call(
            "POST",
            &format!("{b}/v1/policy-packs"),
            Some(&acme.admin),
            Some(json!({"name": "../etc", "policies": [{"name": "a", "source": DENY_PUBLIC_IP}]})),
        )
        .await,
        400,
        "policy_pack.invalid",
    );
    let publish = |body: Value| {
        let (url, token) = (format!("{b}/v1/policy-packs"), acme.admin.clone());
        async move { call("POST", &url, Some(&token), Some(body)).await }
    };
    let (s, v1) = publish(pack("first", DENY_PUBLIC_IP)).await;
    assert_eq!(s, 200, "{v1}");
    assert_eq!(v1["version"], 1);
    // The same content again is a retry: the same version.
    let (_, again) = publish(pack("first", DENY_PUBLIC_IP)).await;
    assert_eq!(again["version"], 1);
    assert_eq!(again["sha256"], v1["sha256"]);

    // A member of the workspace reads what is in force: its own budget, the pack.
    let (s, g) = governance(acme.token("viewer")).await;
    assert_eq!(s, 200, "{g}");
    assert_eq!(g["budget"]["scope"], ws.as_str());
    assert_eq!(g["budget"]["monthly_limit"], 250.0);
    assert_eq!(g["budget"]["warn_percent"], 90);
    assert_eq!(g["policy_packs"][0]["name"], "network");
    assert_eq!(
        g["policy_packs"][0]["policies"][0]["source"],
        DENY_PUBLIC_IP
    );
    let revision = g["revision"].as_str().unwrap().to_string();

    // The revision check: unchanged → 304; a new version → a new revision.
    let client = orbis_sync::SyncClient::new(b, acme.token("viewer"));
    assert_eq!(client.governance(ws, Some(&revision)).await.unwrap(), None);
    let (_, v2) = publish(pack("second", DENY_PUBLIC_IP)).await;
    assert_eq!(v2["version"], 2);
    let fresh = client
        .governance(ws, Some(&revision))
        .await
        .unwrap()
        .expect("a changed set is sent");
    assert_ne!(fresh.revision, revision);
    assert_eq!(fresh.policy_packs[0].version, 2);

    // Another tenant reaches nothing of acme's.
    assert_error(&governance(&globex.admin).await, 404, "workspace.not_found");
    assert_error(
        &call(
            "PUT",
            &format!("{b}/v1/budgets/{ws}"),
            Some(&globex.admin),
            Some(budget.clone()),
        )
        .await,
        404,
        "workspace.not_found",
    );
    assert_error(
        &call(
            "DELETE",
            &format!("{b}/v1/budgets/{ws}"),
            Some(&globex.admin),
            None,
        )
        .await,
        404,
        "workspace.not_found",
    );
    assert_error(
        &call(
            "DELETE",
            &format!("{b}/v1/policy-packs/network"),
            Some(&globex.admin),
            None,
        )
        .await,
        404,
        "policy_pack.not_found",
    );
    let (_, theirs) = call(
        "GET",
        &format!("{b}/v1/policy-packs"),
        Some(&globex.admin),
        None,
    )
    .await;
    assert_eq!(theirs["packs"], json!([]));
    let (_, theirs) = call("GET", &format!("{b}/v1/budgets"), Some(&globex.admin), None).await;
    assert_eq!(theirs["budgets"], json!([]));
    // globex's own publish stays in globex.
    let (s, _) = call(
        "PUT",
        &format!("{b}/v1/budgets/default"),
        Some(&globex.admin),
        Some(json!({"monthly_limit": 5.0})),
    )
    .await;
    assert_eq!(s, 200);
    let (_, ours) = call(
        "GET",
        &format!("{b}/v1/budgets"),
        Some(acme.token("viewer")),
        None,
    )
    .await;
    let limits: Vec<f64> = ours["budgets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["monthly_limit"].as_f64().unwrap())
        .collect();
    assert_eq!(limits.len(), 2, "{ours}");
    assert!(
        limits.contains(&1000.0) && limits.contains(&250.0),
        "{ours}"
    );

    // Removing the workspace's budget brings the default back; retiring takes the pack out.
    assert_error(
        &call(
            "DELETE",
            &format!("{b}/v1/policy-packs/network"),
            Some(acme.token("admin")),
            None,
        )
        .await,
        403,
        "role.org_admin_required",
    );
    let (s, _) = call(
        "DELETE",
        &format!("{b}/v1/budgets/{ws}"),
        Some(&acme.admin),
        None,
    )
    .await;
    assert_eq!(s, 204);
    let (s, _) = call(
        "DELETE",
        &format!("{b}/v1/policy-packs/network"),
        Some(&acme.admin),
        None,
    )
    .await;
    assert_eq!(s, 204);
    let (_, g) = governance(acme.token("operator")).await;
    assert_eq!(g["budget"]["scope"], "default");
    assert_eq!(g["budget"]["monthly_limit"], 1000.0);
    assert_eq!(g["policy_packs"], json!([]));
    // Published again after retiring: a new version, in force again.
    let (_, v3) = publish(pack("second", DENY_PUBLIC_IP)).await;
    assert_eq!(v3["version"], 3);

    // Every publish is in the audit chain (a retry is not a second publish), without the
    // Rego sources; the chain verifies.
    let count = |filter: String| async move {
        backend
            .sql_text(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit
                 WHERE org_id = (SELECT id FROM orgs WHERE name = 'acme') AND {filter}"
            ))
            .await
    };
    for (action, target) in [
        ("budget.publish", "default".to_string()),
        ("budget.publish", ws.clone()),
        ("policy_pack.publish", "network@1".into()),
        ("policy_pack.publish", "network@2".into()),
        ("budget.remove", ws.clone()),
        ("policy_pack.retire", "network@2".into()),
        ("policy_pack.publish", "network@3".into()),
    ] {
        assert_eq!(
            count(format!("action = '{action}' AND target = '{target}'")).await,
            "1",
            "{action} {target}"
        );
    }
    assert_eq!(
        count("action LIKE 'policy_pack.%' AND detail LIKE '%associate_public%'".into()).await,
        "0"
    );
    let verify = backend.cli(&["audit", "verify"], &[]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}
