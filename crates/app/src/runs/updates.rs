//! The runner's typed events → the updates the Runs view draws: log lines (the same text the
//! history keeps, via the runner's `render`, colour codes kept), per-resource progress, the change summary, the
//! lock banner. Pure, so it is tested without a process.

use super::dto::{LogLevel, ResourcePhase, RunChanges, RunUpdate};
use orbis_runner::{render, RunEvent, Severity};

pub fn changes(c: &orbis_runner::ChangeSummary) -> RunChanges {
    RunChanges {
        add: c.add,
        change: c.change,
        remove: c.remove,
        import: c.import,
    }
}

/// The updates one event makes (`RunFinished` is handled by the caller, which knows the run).
pub fn updates(event: &RunEvent) -> Vec<RunUpdate> {
    let mut out = Vec::new();
    if let Some(line) = render(event) {
        let level = match event {
            RunEvent::Diagnostic(d) if d.severity == Severity::Error => LogLevel::Error,
            RunEvent::Diagnostic(_) => LogLevel::Warn,
            RunEvent::ApplyErrored { .. }
            | RunEvent::ProvisionErrored { .. }
            | RunEvent::StateLocked { .. }
            | RunEvent::ErroredState { .. } => LogLevel::Error,
            RunEvent::Log { level, .. } if level == "error" => LogLevel::Error,
            RunEvent::Log { level, .. } if level == "warn" => LogLevel::Warn,
            _ => LogLevel::Info,
        };
        // A multi-line message (a diagnostic's detail) becomes several log rows.
        for l in keep_colours(&line).lines() {
            out.push(RunUpdate::Log {
                line: l.to_string(),
                level,
            });
        }
    }
    let resource = |addr: &str, action: &str, phase, elapsed| RunUpdate::Resource {
        address: addr.to_string(),
        action: action.to_string(),
        phase,
        elapsed_seconds: elapsed,
    };
    match event {
        RunEvent::PlannedChange {
            resource: r,
            action,
            ..
        } => out.push(resource(&r.addr, action, ResourcePhase::Planned, 0)),
        RunEvent::RefreshStart { resource: r } => {
            out.push(resource(&r.addr, "read", ResourcePhase::Refreshing, 0))
        }
        RunEvent::RefreshComplete { resource: r } => {
            out.push(resource(&r.addr, "read", ResourcePhase::Refreshed, 0))
        }
        RunEvent::ApplyStart {
            resource: r,
            action,
        } => out.push(resource(&r.addr, action, ResourcePhase::Applying, 0)),
        RunEvent::ApplyProgress {
            resource: r,
            action,
            elapsed_seconds,
        } => out.push(resource(
            &r.addr,
            action,
            ResourcePhase::Applying,
            *elapsed_seconds,
        )),
        RunEvent::ProvisionStart { resource: r, .. } => {
            out.push(resource(&r.addr, "", ResourcePhase::Provisioning, 0))
        }
        RunEvent::ApplyComplete {
            resource: r,
            action,
            elapsed_seconds,
            ..
        } => out.push(resource(
            &r.addr,
            action,
            ResourcePhase::Applied,
            *elapsed_seconds,
        )),
        RunEvent::ApplyErrored {
            resource: r,
            action,
            elapsed_seconds,
        } => out.push(resource(
            &r.addr,
            action,
            ResourcePhase::Errored,
            *elapsed_seconds,
        )),
        RunEvent::ProvisionErrored { resource: r, .. } => {
            out.push(resource(&r.addr, "", ResourcePhase::Errored, 0))
        }
        RunEvent::ChangeSummary(c) => out.push(RunUpdate::Summary {
            changes: changes(c),
        }),
        RunEvent::StateLocked {
            lock,
            force_unlock_command,
        } => out.push(RunUpdate::StateLocked {
            lock_id: lock.id.clone(),
            who: lock.who.clone(),
            operation: lock.operation.clone(),
            created: lock.created.clone(),
            force_unlock_command: force_unlock_command.clone(),
        }),
        RunEvent::Cancelling { hard } => out.push(RunUpdate::Cancelling { hard: *hard }),
        RunEvent::ErroredState { path } => out.push(RunUpdate::ErroredState {
            path: path.display().to_string(),
        }),
        _ => {}
    }
    out
}

/// Keeps ANSI colour codes (SGR, `ESC [ … m`) and removes every other escape sequence (cursor
/// moves, `ESC ] …` titles and links) and control character but tab and newline: provisioner
/// and non-JSON output may be coloured, and the log keeps the colours as printed (the Runs view
/// styles them), but nothing that would move a cursor or retitle a terminal.
pub fn keep_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            if !c.is_control() || c == '\t' || c == '\n' {
                out.push(c);
            }
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..~.
                let mut seq = String::from("\u{1b}[");
                let mut complete = false;
                for c in chars.by_ref() {
                    seq.push(c);
                    if ('@'..='~').contains(&c) {
                        complete = true;
                        break;
                    }
                }
                // Complete: `ESC [` … final `m`, both ends ASCII, so the slice is on boundaries.
                let sgr = complete
                    && seq.ends_with('m')
                    && seq[2..seq.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ';' || c == ':');
                if sgr {
                    out.push_str(&seq);
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_kept_and_other_escapes_removed() {
        let coloured = "\u{1b}[1;32mok\u{1b}[0m done \u{1b}[38;5;208mx\u{1b}[38:2::1:2:3my\u{1b}[m";
        assert_eq!(keep_colours(coloured), coloured);
        assert_eq!(keep_colours("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            keep_colours("a\u{1b}[2Kb\u{1b}[?25lc\rd\u{0}e\tf\ng"),
            "abcde\tf\ng"
        );
        assert_eq!(keep_colours("plain ✓"), "plain ✓");
        assert_eq!(keep_colours("cut \u{1b}["), "cut ");
        assert_eq!(keep_colours("cut \u{1b}[31"), "cut ");
        assert_eq!(keep_colours("cut \u{1b}[31é"), "cut ");
        assert_eq!(keep_colours("\u{1b}[é"), "");
        assert_eq!(keep_colours("\u{1b}[3é1m x"), " x");
    }
}
