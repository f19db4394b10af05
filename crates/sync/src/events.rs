//! The workspace's live event stream (`GET /v1/workspaces/{id}/events`, server-sent events),
//! read as a plain line protocol: each event is `id:` (its feed position), `event:` (the
//! record kind) and `data:` lines, ended by a blank line; `:` lines are keep-alives. The
//! desktop uses events only as a signal to pull — the cursor-based pull stays the one source
//! of truth, so a lost event costs a delay, never a record.

use crate::client::{transport, ClientError, SyncClient};
use crate::wire::ErrorBody;
use std::time::Duration;

/// One event: its feed position (`id:`) and kind (`event:`; `error` when the server ends the
/// stream because the token stopped being valid or the database went away).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    pub id: Option<i64>,
    pub kind: String,
}

/// An open stream.
pub struct EventStream {
    response: reqwest::Response,
    buffer: Vec<u8>,
    id: Option<i64>,
    kind: String,
}

/// How long a stream may stay silent: the server sends a keep-alive every 15 s.
pub const SILENCE: Duration = Duration::from_secs(45);

impl SyncClient {
    /// Opens the event stream after feed position `after` (sent as `Last-Event-ID`).
    pub async fn events(&self, workspace_id: &str, after: i64) -> Result<EventStream, ClientError> {
        let url = format!("{}/v1/workspaces/{workspace_id}/events", self.base);
        let response = self
            .stream_http
            .get(url)
            .bearer_auth(self.token())
            .header("last-event-id", after.to_string())
            .header("accept", "text/event-stream")
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            let bytes = response.bytes().await.map_err(transport)?;
            let body = serde_json::from_slice(&bytes).unwrap_or(ErrorBody {
                code: "http.error".into(),
                message: format!("HTTP {status}"),
                hint: "check the server's log".into(),
            });
            return Err(ClientError::Api { status, body });
        }
        Ok(EventStream {
            response,
            buffer: Vec::new(),
            id: None,
            kind: String::new(),
        })
    }
}

impl EventStream {
    /// The next event; `None` when the server closed the stream. Cancel-safe: a call dropped
    /// while waiting loses nothing already received.
    pub async fn next(&mut self) -> Result<Option<LiveEvent>, ClientError> {
        loop {
            while let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                let line = String::from_utf8_lossy(&line);
                let line = line.trim_end_matches(['\n', '\r']);
                if line.is_empty() {
                    if self.id.is_some() || !self.kind.is_empty() {
                        let event = LiveEvent {
                            id: self.id.take(),
                            kind: std::mem::take(&mut self.kind),
                        };
                        return Ok(Some(event));
                    }
                    continue;
                }
                if let Some(v) = line.strip_prefix("id:") {
                    self.id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("event:") {
                    self.kind = v.trim().to_string();
                }
                // `data:` is not needed (the pull reads the records); `:` is a keep-alive.
            }
            match self.response.chunk().await.map_err(transport)? {
                Some(bytes) => self.buffer.extend_from_slice(&bytes),
                None => return Ok(None),
            }
        }
    }
}
