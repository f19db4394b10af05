//! The audit view on the desktop side: an organization administrator's app pages the real
//! server's hash-chained audit log and filters it (action family, actor, words); an operator's
//! app is refused with the server's reason. Real `orbis-server` binary on loopback (SQLite),
//! orbis-app Sessions without a window, private gnome-keyring.

mod common;

use common::desktop::{connect, desktop, in_child};
use common::scenarios::setup_org;
use common::{Backend, Server};
use orbis_app::error::ErrorCode;
use orbis_app::team::audit_dto::TeamAuditFilter;

#[test]
fn an_org_admin_reads_and_filters_the_audit_log() {
    if !in_child("an_org_admin_reads_and_filters_the_audit_log", true) {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let backend = Backend::sqlite();
    let server = rt.block_on(Server::start(&backend, &[]));
    let org = rt.block_on(setup_org(&backend, &server, "acme"));
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let root = desktop(dir_a.path());
    let operator = desktop(dir_b.path());
    connect(&root, &server.base, &org, "root");
    connect(&operator, &server.base, &org, "operator-user");

    let all = root.team_audit(&TeamAuditFilter::default()).unwrap();
    assert!(!all.partial);
    assert_eq!(all.matched as usize, all.rows.len());
    assert_eq!(
        all.scanned, all.matched,
        "no filter: every entry read is shown"
    );
    let seqs: Vec<i64> = all.rows.iter().map(|r| r.seq).collect();
    let mut sorted = seqs.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(seqs, sorted, "newest first");
    let actions: Vec<&str> = all.rows.iter().map(|r| r.action.as_str()).collect();
    for expected in [
        "org.create",
        "user.create",
        "member.grant",
        "session.create",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }

    // An action family: only those, and the operator's own sign-in is among them.
    let sign_ins = root
        .team_audit(&TeamAuditFilter {
            action: Some("session.".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(sign_ins
        .rows
        .iter()
        .all(|r| r.action.starts_with("session.")));
    assert!(
        sign_ins.rows.iter().any(|r| r.actor == "operator-user"),
        "{:?}",
        sign_ins.rows
    );
    assert!(sign_ins.matched < all.matched);
    // Who: by username, as the rows show it.
    let operator_rows = root
        .team_audit(&TeamAuditFilter {
            actor: Some("Operator-User".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(operator_rows.matched >= 1);
    assert!(operator_rows
        .rows
        .iter()
        .all(|r| r.actor == "operator-user"));

    // Words that match nothing.
    let none = root
        .team_audit(&TeamAuditFilter {
            text: Some("no-such-thing-anywhere".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((none.matched, none.rows.len()), (0, 0));
    assert_eq!(none.scanned, all.scanned);

    // Not an organization administrator: the server's refusal, with its reason.
    let err = operator
        .team_audit(&TeamAuditFilter::default())
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::TeamRefused, "{err:?}");
    assert!(err.message.contains("administrator"), "{err:?}");
}
