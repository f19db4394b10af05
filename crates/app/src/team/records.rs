//! This desktop's records for the team (`team` feature): approvals (from Plan Review or the
//! inbox) and comments go to the outbox; the Approvals inbox and comments are read from the
//! pulled records.

use super::dto::*;
use super::imp::{connection, device_id, invalid, not_connected, now_ms, team, Connection};
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_store::{OutboxItem, TeamRecord};
use orbis_sync::RecordKind;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};

/// `<device>-a-<plan hash prefix>-<environment hash>`: one decision per plan and
/// environment from this desktop, so a repeated click is the same record.
fn approval_id(device: &str, plan_sha256: &str, environment: &str) -> String {
    let env = hex::encode(&Sha256::digest(environment.as_bytes())[..4]);
    format!(
        "{device}-a-{}-{env}",
        &plan_sha256[..plan_sha256.len().min(24)]
    )
}

fn queue(
    session: &Session,
    conn: &Connection,
    kind: RecordKind,
    id: String,
    body: serde_json::Value,
) -> Result<(), AppError> {
    session.store().team_enqueue(
        &[OutboxItem {
            workspace_id: conn.workspace_id.clone(),
            kind: kind.as_str().to_string(),
            id,
            body: body.to_string(),
        }],
        &[],
        now_ms(),
    )?;
    team(session).kick();
    Ok(())
}

pub(crate) fn run_record_id(session: &Session, local_id: i64) -> Option<String> {
    let store = session.store();
    connection(&store).ok().flatten()?;
    Some(format!("{}-run-{local_id}", device_id(&store).ok()?))
}

pub(crate) fn local_approval(session: &Session, run: &crate::runs::dto::RunSummary) {
    let Some(sha) = run.plan_sha256.as_deref() else {
        return;
    };
    let result = (|| {
        let (conn, device) = {
            let store = session.store();
            match connection(&store)? {
                Some(c) => (c, device_id(&store)?),
                None => return Ok(()),
            }
        };
        // Only an approver's confirmation is a team approval: the server refuses an
        // operator's (and the refusal would hold up the rest of the outbox).
        let role = orbis_sync::Role::parse(&conn.role).unwrap_or(orbis_sync::Role::Viewer);
        if role < orbis_sync::Role::Approver {
            return Ok(());
        }
        let environment = run.environment.as_deref().unwrap_or("default");
        let body = serde_json::json!({
            "run_id": format!("{device}-run-{}", run.id),
            "plan_sha256": sha,
            "environment": environment,
            "decision": "approved",
            "note": "confirmed in Plan Review",
        });
        queue(
            session,
            &conn,
            RecordKind::Approval,
            approval_id(&device, sha, environment),
            body,
        )
    })();
    if let Err(e) = result {
        log::warn!(
            "team server: approval of run #{} not queued: {}",
            run.id,
            e.message
        );
    }
}

fn body(record: &TeamRecord) -> serde_json::Value {
    serde_json::from_str(&record.body).unwrap_or(serde_json::Value::Null)
}

fn text(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string)
}

pub(crate) fn approvals(session: &Session) -> Result<Vec<TeamApprovalRequest>, AppError> {
    let store = session.store();
    let conn = connection(&store)?.ok_or_else(not_connected)?;
    let records = store.team_records(&conn.workspace_id, None)?;
    // Decided: (plan hash, environment) of every approval or rejection, pulled or queued.
    let mut decided: std::collections::HashSet<(String, String)> = records
        .iter()
        .filter(|r| r.kind == "approval")
        .map(body)
        .filter_map(|b| Some((text(&b, "plan_sha256")?, text(&b, "environment")?)))
        .collect();
    for row in store.team_queued(10_000)? {
        if row.item.kind == "approval" {
            let b: serde_json::Value = serde_json::from_str(&row.item.body).unwrap_or_default();
            if let (Some(s), Some(e)) = (text(&b, "plan_sha256"), text(&b, "environment")) {
                decided.insert((s, e));
            }
        }
    }
    let mut pending: Vec<TeamApprovalRequest> = records
        .iter()
        .filter(|r| r.kind == "run")
        .filter_map(|r| {
            let b = body(r);
            if text(&b, "command").as_deref() != Some("plan")
                || text(&b, "status").as_deref() != Some("succeeded")
            {
                return None;
            }
            let sha = text(&b, "plan_sha256")?;
            let environment = text(&b, "environment")?;
            if decided.contains(&(sha.clone(), environment.clone())) {
                return None;
            }
            Some(TeamApprovalRequest {
                run_id: r.id.clone(),
                environment,
                plan_sha256: sha,
                plan_summary: b
                    .get("plan_summary")
                    .and_then(|s| serde_json::from_value(s.clone()).ok()),
                tool: text(&b, "tool"),
                identity: text(&b, "identity"),
                mine: r.author_id == conn.user_id,
                author_id: r.author_id.clone(),
                started_at: b.get("started_at").and_then(|v| v.as_i64()).unwrap_or(0),
            })
        })
        .collect();
    pending.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    Ok(pending)
}

pub(crate) fn decide(
    session: &Session,
    request: &TeamDecisionRequest,
) -> Result<Vec<TeamApprovalRequest>, AppError> {
    let (conn, device) = {
        let store = session.store();
        (
            connection(&store)?.ok_or_else(not_connected)?,
            device_id(&store)?,
        )
    };
    let wanted = approvals(session)?
        .into_iter()
        .find(|a| a.run_id == request.run_id)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "This plan is not waiting for a decision any more",
                "Sync to see the latest state of the inbox.",
            )
        })?;
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let body = serde_json::json!({
        "run_id": wanted.run_id,
        "plan_sha256": wanted.plan_sha256,
        "environment": wanted.environment,
        "decision": match request.decision {
            TeamDecision::Approved => "approved",
            TeamDecision::Rejected => "rejected",
        },
        "note": note,
    });
    let id = approval_id(&device, &wanted.plan_sha256, &wanted.environment);
    queue(session, &conn, RecordKind::Approval, id, body)?;
    approvals(session)
}

static COMMENTS: AtomicU64 = AtomicU64::new(0);

pub(crate) fn add_comment(
    session: &Session,
    run_id: Option<&str>,
    address: Option<&str>,
    comment: &str,
) -> Result<TeamComment, AppError> {
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(invalid(
            "The comment is empty",
            "Type what you want to say.",
        ));
    }
    let (conn, device) = {
        let store = session.store();
        (
            connection(&store)?.ok_or_else(not_connected)?,
            device_id(&store)?,
        )
    };
    let now = now_ms();
    let id = format!(
        "{device}-c-{now}-{}",
        COMMENTS.fetch_add(1, Ordering::Relaxed)
    );
    let body = serde_json::json!({"run_id": run_id, "address": address, "text": comment});
    queue(session, &conn, RecordKind::Comment, id.clone(), body)?;
    Ok(TeamComment {
        id,
        run_id: run_id.map(str::to_string),
        address: address.map(str::to_string),
        text: comment.to_string(),
        author_id: None,
        created_at: now,
    })
}

pub(crate) fn comments(
    session: &Session,
    run_id: Option<&str>,
) -> Result<Vec<TeamComment>, AppError> {
    let store = session.store();
    let conn = connection(&store)?.ok_or_else(not_connected)?;
    let pulled = store.team_records(&conn.workspace_id, Some("comment"))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in &pulled {
        let b = body(r);
        seen.insert(r.id.clone());
        out.push(TeamComment {
            id: r.id.clone(),
            run_id: text(&b, "run_id"),
            address: text(&b, "address"),
            text: text(&b, "text").unwrap_or_default(),
            author_id: Some(r.author_id.clone()),
            created_at: r.created_at,
        });
    }
    for row in store.team_queued(10_000)? {
        if row.item.kind != "comment" || seen.contains(&row.item.id) {
            continue;
        }
        let b: serde_json::Value = serde_json::from_str(&row.item.body).unwrap_or_default();
        out.push(TeamComment {
            id: row.item.id,
            run_id: text(&b, "run_id"),
            address: text(&b, "address"),
            text: text(&b, "text").unwrap_or_default(),
            author_id: None,
            created_at: row.queued_at,
        });
    }
    out.retain(|c| run_id.is_none() || c.run_id.as_deref() == run_id);
    Ok(out)
}
