//! The team server's audit log, read for the audit view: the organization's hash-chained log
//! paged from the server (org admins only; the server refuses others with the reason), then
//! filtered here and shown newest first. Read on request, never synced or stored.

use super::audit_dto::*;
use super::imp::client_error;
use super::requests::online;
use crate::error::AppError;
use crate::session::Session;
use orbis_sync::wire::AuditEntry;

/// Entries fetched per request (the server's maximum).
const PAGE: u32 = 1000;
/// At most this many entries are read (50 pages).
const MAX_SCANNED: usize = 50_000;
/// Rows returned to the view.
pub const TEAM_AUDIT_ROWS: usize = 500;

pub(crate) fn audit(
    session: &Session,
    filter: &TeamAuditFilter,
) -> Result<TeamAuditView, AppError> {
    let (conn, client, rt) = online(session)?;
    let mut entries: Vec<AuditEntry> = Vec::new();
    let mut after = 0;
    let partial = loop {
        let page = rt
            .block_on(client.audit_page(after, PAGE))
            .map_err(|e| client_error(e, &conn.server_url))?;
        let n = page.entries.len();
        entries.extend(page.entries);
        if n < PAGE as usize || page.cursor <= after {
            break false;
        }
        after = page.cursor;
        if entries.len() >= MAX_SCANNED {
            break true;
        }
    };
    Ok(view(entries, filter, partial))
}

fn lower(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
}

/// The matching entries, newest first (pure: tested without a server).
pub(crate) fn view(
    entries: Vec<AuditEntry>,
    filter: &TeamAuditFilter,
    partial: bool,
) -> TeamAuditView {
    let text = lower(&filter.text);
    let action = lower(&filter.action);
    let actor = lower(&filter.actor);
    let scanned = entries.len();
    let mut rows: Vec<TeamAuditRow> = entries
        .into_iter()
        .filter(|e| filter.since.is_none_or(|s| e.at >= s))
        .filter(|e| filter.until.is_none_or(|u| e.at <= u))
        .filter(|e| {
            action
                .as_deref()
                .is_none_or(|a| e.action.to_lowercase().starts_with(a))
        })
        .map(|e| TeamAuditRow {
            seq: e.seq,
            at: e.at,
            // The username where the server knows it, else the id it recorded.
            actor: e.actor_name.unwrap_or(e.actor),
            action: e.action,
            target: e.target,
            detail: if e.detail.is_null() {
                String::new()
            } else {
                e.detail.to_string()
            },
        })
        .filter(|r| {
            actor
                .as_deref()
                .is_none_or(|a| r.actor.to_lowercase().contains(a))
        })
        .filter(|r| {
            text.as_deref().is_none_or(|t| {
                [&r.actor, &r.action, &r.target, &r.detail]
                    .iter()
                    .any(|f| f.to_lowercase().contains(t))
            })
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.seq));
    let matched = rows.len();
    rows.truncate(TEAM_AUDIT_ROWS);
    TeamAuditView {
        rows,
        matched: u32::try_from(matched).unwrap_or(u32::MAX),
        scanned: u32::try_from(scanned).unwrap_or(u32::MAX),
        partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(seq: i64, at: i64, actor: &str, action: &str, target: &str) -> AuditEntry {
        AuditEntry {
            seq,
            at,
            actor: format!("4f1d{}", actor.len()),
            actor_name: Some(actor.into()),
            action: action.into(),
            target: target.into(),
            detail: json!({"environment": "prod"}),
        }
    }

    #[test]
    fn filters_combine_and_the_newest_come_first() {
        let entries = vec![
            entry(1, 1_000, "root", "org.create", "org/acme"),
            entry(2, 2_000, "alice", "request.create", "request/r1"),
            entry(3, 3_000, "bob", "request.approve", "request/r1"),
            entry(4, 4_000, "bob", "approval.create", "plan/abcd"),
        ];
        let all = view(entries.clone(), &TeamAuditFilter::default(), false);
        assert_eq!(
            all.rows.iter().map(|r| r.seq).collect::<Vec<_>>(),
            [4, 3, 2, 1]
        );
        assert_eq!((all.matched, all.scanned), (4, 4));
        assert_eq!(all.rows[0].detail, r#"{"environment":"prod"}"#);

        let requests = TeamAuditFilter {
            action: Some("Request.".into()),
            ..Default::default()
        };
        let r = view(entries.clone(), &requests, false);
        assert_eq!(r.rows.iter().map(|r| r.seq).collect::<Vec<_>>(), [3, 2]);

        let bob_since = TeamAuditFilter {
            actor: Some("BOB".into()),
            since: Some(3_500),
            ..Default::default()
        };
        assert_eq!(view(entries.clone(), &bob_since, false).rows[0].seq, 4);
        assert_eq!(view(entries.clone(), &bob_since, false).matched, 1);

        let words = TeamAuditFilter {
            text: Some("r1".into()),
            until: Some(2_500),
            ..Default::default()
        };
        let w = view(entries, &words, true);
        assert_eq!(w.rows.iter().map(|r| r.seq).collect::<Vec<_>>(), [2]);
        assert!(w.partial);
    }
}
