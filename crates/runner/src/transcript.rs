//! The run's human-readable log for history: one line per event, built from already-redacted
//! events, bounded (the tail is kept: that is where errors are).

use crate::event::RunEvent;

pub const MAX_TRANSCRIPT: usize = 256 * 1024;

#[derive(Debug, Default, Clone)]
pub struct Transcript {
    text: String,
    truncated: bool,
}

impl Transcript {
    pub fn push(&mut self, event: &RunEvent) {
        if let Some(line) = render(event) {
            self.text.push_str(&line);
            self.text.push('\n');
            if self.text.len() > MAX_TRANSCRIPT {
                let mut cut = self.text.len() - MAX_TRANSCRIPT;
                while !self.text.is_char_boundary(cut) {
                    cut += 1;
                }
                self.text.drain(..cut);
                self.truncated = true;
            }
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn truncated(&self) -> bool {
        self.truncated
    }
}

/// One event as a log line (None for events that add nothing to read).
pub fn render(event: &RunEvent) -> Option<String> {
    use RunEvent::*;
    Some(match event {
        Started { command, .. } => format!("$ {}", command.join(" ")),
        Version { tool, version, .. } => format!("{tool} {version}"),
        Log { message, .. } => message.trim_end().to_string(),
        PlannedChange {
            resource, action, ..
        } => format!("{}: plan to {action}", resource.addr),
        ResourceDrift { resource, action } => format!("{}: drift ({action})", resource.addr),
        ChangeSummary(c) => format!(
            "changes: {} to add, {} to change, {} to destroy, {} to import",
            c.add, c.change, c.remove, c.import
        ),
        Outputs { outputs } => format!("outputs: {}", outputs.len()),
        ApplyStart { resource, action } => format!("{}: {action} started", resource.addr),
        ApplyProgress { .. } | ProvisionStart { .. } | RefreshStart { .. } => return None,
        ApplyComplete {
            resource,
            action,
            elapsed_seconds,
            ..
        } => {
            format!(
                "{}: {action} complete after {elapsed_seconds}s",
                resource.addr
            )
        }
        ApplyErrored {
            resource,
            action,
            elapsed_seconds,
        } => {
            format!(
                "{}: {action} errored after {elapsed_seconds}s",
                resource.addr
            )
        }
        ProvisionProgress {
            resource,
            provisioner,
            output,
        } => {
            format!("{} ({provisioner}): {output}", resource.addr)
        }
        ProvisionComplete {
            resource,
            provisioner,
        } => {
            format!("{} ({provisioner}): provisioning complete", resource.addr)
        }
        ProvisionErrored {
            resource,
            provisioner,
        } => {
            format!("{} ({provisioner}): provisioning errored", resource.addr)
        }
        RefreshComplete { resource } => format!("{}: refreshed", resource.addr),
        Diagnostic(d) => {
            let at = d
                .range
                .as_ref()
                .map(|r| format!(" ({}:{}:{})", r.filename, r.start.line, r.start.column))
                .unwrap_or_default();
            format!(
                "{:?}: {}{at}\n{}",
                d.severity,
                d.summary,
                d.detail.trim_end()
            )
        }
        StateLocked {
            lock,
            force_unlock_command,
        } => format!(
            "state locked by {} since {} ({}); if the holder is gone: {force_unlock_command}",
            lock.who, lock.created, lock.operation
        ),
        Other {
            message_type,
            message,
        } => format!("[{message_type}] {message}"),
        Cancelling { hard: false } => "interrupt sent; waiting for a graceful stop".into(),
        Cancelling { hard: true } => "killed".into(),
        ErroredState { path } => format!(
            "state that could not be saved was written to {}",
            path.display()
        ),
        RunFinished {
            outcome, exit_code, ..
        } => match exit_code {
            Some(code) => format!("finished: {} (exit code {code})", outcome.as_str()),
            None => format!("finished: {} (killed by a signal)", outcome.as_str()),
        },
    })
}
