//! `GET /v1/workspaces/{id}/events`: live updates as server-sent events. Each event is one
//! feed change (`id:` = its seq, `event:` = the record kind, `data:` = the Change JSON), so a
//! reconnecting client resumes with `Last-Event-ID` (or `?after=`) and misses nothing. The
//! stream reads the database: this instance's pushes wake it at once, and a short poll picks
//! up what other instances wrote.

use super::sync::{changes_after, Change};
use super::ApiQuery;
use crate::auth::{Caller, Role};
use crate::error::{ApiResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::{Duration, Instant};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct EventsQuery {
    /// Start after this feed position (default: `Last-Event-ID`, else 0).
    #[serde(default)]
    pub after: Option<i64>,
}

struct Cursor {
    state: AppState,
    workspace_id: String,
    after: i64,
    queued: VecDeque<Change>,
    caller: Caller,
    checked_at: Instant,
}

/// How often an open stream re-checks its token: a revoked or expired token (or a removed
/// grant) ends the stream within this time, not at the next reconnect.
const RECHECK: Duration = Duration::from_secs(1);

/// Whether the token is still valid and still reaches the workspace.
async fn still_allowed(c: &Cursor) -> bool {
    let check = async {
        let mut tx = c.state.db.read().await.ok()?;
        let row = tx
            .query_opt(
                "SELECT revoked_at, expires_at FROM tokens WHERE id = $1",
                &[c.caller.token_id.as_str().into()],
            )
            .await
            .ok()??;
        let valid = row.opt_int(0).ok()?.is_none() && row.int(1).ok()? > crate::now_ms();
        let reaches = c.caller.access(&mut tx, &c.workspace_id).await.is_ok();
        Some(valid && reaches)
    };
    check.await.unwrap_or(false)
}

#[utoipa::path(get, path = "/v1/workspaces/{workspace_id}/events", tag = "sync",
    params(("workspace_id" = String, Path), EventsQuery),
    responses((status = 200, description = "text/event-stream of Change events"),
              (status = 404, body = ErrorBody)))]
pub async fn stream(
    State(state): State<AppState>,
    caller: Caller,
    super::ApiPath(workspace_id): super::ApiPath<String>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<EventsQuery>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let mut tx = state.db.read().await?;
    caller.require(&mut tx, &workspace_id, Role::Viewer).await?;
    drop(tx);
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let after = q.after.or(last_event_id).unwrap_or(0).max(0);
    let cursor = Cursor {
        state,
        workspace_id,
        after,
        queued: VecDeque::new(),
        caller,
        checked_at: Instant::now(),
    };
    let events = stream::unfold(Some(cursor), |cursor| async move {
        let mut c = cursor?;
        loop {
            if let Some(change) = c.queued.pop_front() {
                c.after = change.seq;
                let event = Event::default()
                    .id(change.seq.to_string())
                    .event(change.record.kind.as_str())
                    .json_data(&change)
                    .unwrap_or_else(|_| Event::default().comment("unserializable"));
                return Some((Ok(event), Some(c)));
            }
            let wake = c.state.feed_changed.clone();
            let notified = wake.notified();
            let read = async {
                let mut tx = c.state.db.read().await?;
                changes_after(&mut tx, &c.workspace_id, c.after, 100).await
            };
            match read.await {
                Ok(changes) if !changes.is_empty() => c.queued.extend(changes),
                Ok(_) => {
                    if c.checked_at.elapsed() >= RECHECK {
                        if !still_allowed(&c).await {
                            let event = Event::default()
                                .event("error")
                                .data("token no longer valid");
                            return Some((Ok(event), None));
                        }
                        c.checked_at = Instant::now();
                    }
                    let poll = Duration::from_millis(c.state.config.poll_interval_ms);
                    let mut stopping = c.state.stopping.clone();
                    if *stopping.borrow() {
                        return None;
                    }
                    tokio::select! {
                        _ = tokio::time::timeout(poll, notified) => {}
                        _ = stopping.changed() => return None,
                    }
                }
                // The database went away: end the stream; the client reconnects with its
                // last event id.
                Err(_) => {
                    let event = Event::default().event("error").data("stream interrupted");
                    return Some((Ok(event), None));
                }
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
