//! One container's log, as `kubectl logs [-f] [--previous] [--tail N]` reads it: lines handed to
//! a callback as they arrive, so a followed log of an endless container never piles up here
//! (what to keep is the caller's choice: the desktop keeps the last lines only).

use crate::connect::Connection;
use crate::error::{ClusterError, ErrorCode};
use futures::AsyncBufReadExt;
use k8s_openapi::api::core::v1::Pod;
use kube::api::LogParams;
use kube::Api;

#[derive(Debug, Clone, Default)]
pub struct LogRequest {
    pub namespace: String,
    pub pod: String,
    /// Required by the API server when the pod has several containers.
    pub container: Option<String>,
    /// Keep the stream open and hand over new lines as the container writes them.
    pub follow: bool,
    /// The previous (crashed) instance of the container: why it crashed.
    pub previous: bool,
    /// Only the last N lines (the API server's `tailLines`).
    pub tail_lines: Option<i64>,
}

/// Reads the log, calling `on_line` for each line (without its newline; invalid UTF-8 shown as
/// U+FFFD)
/// until the log ends (not following, or the container stopped) or `on_line` returns false.
pub async fn stream_logs(
    conn: &Connection,
    req: &LogRequest,
    mut on_line: impl FnMut(String) -> bool,
) -> Result<(), ClusterError> {
    let api: Api<Pod> = Api::namespaced(conn.client.clone(), &req.namespace);
    let params = LogParams {
        container: req.container.clone(),
        follow: req.follow,
        previous: req.previous,
        tail_lines: req.tail_lines,
        ..Default::default()
    };
    let reader = api
        .log_stream(&req.pod, &params)
        .await
        .map_err(|e| conn.error(&e))?;
    // Line by line as bytes: a container may write anything, and one invalid UTF-8 byte must
    // not end the log (it is shown as U+FFFD).
    let mut reader = std::pin::pin!(reader);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).await.map_err(|e| {
            ClusterError::new(
                ErrorCode::Unreachable,
                format!("The log stream broke: {e}"),
                "Open the log again; the cluster may have closed the connection.",
            )
        })?;
        if n == 0 {
            break;
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !on_line(String::from_utf8_lossy(line).into_owned()) {
            break;
        }
    }
    Ok(())
}
