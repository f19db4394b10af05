//! One line of a `-json` stream (Terraform/OpenTofu machine-readable UI, ui 1.x) → events.
//! Never fails: a line that is not JSON, is truncated, or lacks the fields of its `type`
//! becomes a raw `Log` event carrying the (redacted) text, so a newer tool or a garbled pipe
//! degrades the view instead of aborting the run.

use crate::classify::classify;
use crate::event::*;
use crate::lock::{force_unlock_command, parse_lock_info, LOCK_SUMMARY};
use crate::redact::Redactor;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Turns one output line into zero or more events (a lock error yields the diagnostic and a
/// `StateLocked`). `tool` is the binary name used in the force-unlock hint.
pub fn parse_line(line: &str, stream: Stream, redactor: &Redactor, tool: &str) -> Vec<RunEvent> {
    let trimmed = line.trim_end_matches(['\r', '\n']);
    if trimmed.trim().is_empty() {
        return Vec::new();
    }
    let raw = || {
        vec![RunEvent::Log {
            level: if stream == Stream::Stderr {
                "error"
            } else {
                "info"
            }
            .into(),
            message: redactor.text(trimmed),
            stream,
            raw: true,
        }]
    };
    let Ok(mut value) = serde_json::from_str::<Value>(trimmed) else {
        return raw();
    };
    redactor.json(&mut value);
    let Some(obj) = value.as_object() else {
        return raw();
    };
    match message(obj, stream, tool) {
        Some(events) => events,
        None => raw(),
    }
}

fn message(obj: &Map<String, Value>, stream: Stream, tool: &str) -> Option<Vec<RunEvent>> {
    let kind = str_of(obj.get("type"))?;
    let text = str_of(obj.get("@message")).unwrap_or_default();
    let hook = || obj.get("hook").and_then(Value::as_object);
    let event = match kind.as_str() {
        "version" => RunEvent::Version {
            tool: if obj.contains_key("tofu") {
                "tofu"
            } else {
                "terraform"
            }
            .into(),
            version: str_of(obj.get("terraform").or(obj.get("tofu")))?,
            ui: str_of(obj.get("ui")).unwrap_or_default(),
        },
        "log" | "init_output" => RunEvent::Log {
            level: str_of(obj.get("@level")).unwrap_or_else(|| "info".into()),
            message: text,
            stream,
            raw: false,
        },
        "planned_change" => {
            let change = obj.get("change")?.as_object()?;
            RunEvent::PlannedChange {
                resource: resource(change.get("resource"))?,
                action: str_of(change.get("action"))?,
                reason: str_of(change.get("reason")),
                previous_resource: resource(change.get("previous_resource")),
            }
        }
        "resource_drift" => {
            let change = obj.get("change")?.as_object()?;
            RunEvent::ResourceDrift {
                resource: resource(change.get("resource"))?,
                action: str_of(change.get("action"))?,
            }
        }
        "change_summary" => RunEvent::ChangeSummary(change_summary(obj.get("changes")?)?),
        "outputs" => RunEvent::Outputs {
            outputs: outputs(obj.get("outputs")?.as_object()?),
        },
        "apply_start" | "apply_progress" | "apply_complete" | "apply_errored" => {
            let h = hook()?;
            let resource = resource(h.get("resource"))?;
            let action = str_of(h.get("action")).unwrap_or_default();
            let elapsed_seconds = h
                .get("elapsed_seconds")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            match kind.as_str() {
                "apply_start" => RunEvent::ApplyStart { resource, action },
                "apply_progress" => RunEvent::ApplyProgress {
                    resource,
                    action,
                    elapsed_seconds,
                },
                "apply_complete" => RunEvent::ApplyComplete {
                    resource,
                    action,
                    id_value: str_of(h.get("id_value")),
                    elapsed_seconds,
                },
                _ => RunEvent::ApplyErrored {
                    resource,
                    action,
                    elapsed_seconds,
                },
            }
        }
        "provision_start" | "provision_progress" | "provision_complete" | "provision_errored" => {
            let h = hook()?;
            let resource = resource(h.get("resource"))?;
            let provisioner = str_of(h.get("provisioner")).unwrap_or_default();
            match kind.as_str() {
                "provision_start" => RunEvent::ProvisionStart {
                    resource,
                    provisioner,
                },
                "provision_progress" => RunEvent::ProvisionProgress {
                    resource,
                    provisioner,
                    output: str_of(h.get("output")).unwrap_or_default(),
                },
                "provision_complete" => RunEvent::ProvisionComplete {
                    resource,
                    provisioner,
                },
                _ => RunEvent::ProvisionErrored {
                    resource,
                    provisioner,
                },
            }
        }
        "refresh_start" => RunEvent::RefreshStart {
            resource: resource(hook()?.get("resource"))?,
        },
        "refresh_complete" => RunEvent::RefreshComplete {
            resource: resource(hook()?.get("resource"))?,
        },
        "diagnostic" => return Some(diagnostic_events(obj.get("diagnostic")?, tool)),
        _ => RunEvent::Other {
            message_type: kind,
            message: text,
        },
    };
    Some(vec![event])
}

/// A diagnostic object (stream message or `validate -json` entry) → the diagnostic event, plus
/// `StateLocked` when it is a lock error with a readable `Lock Info:` block.
pub fn diagnostic_events(value: &Value, tool: &str) -> Vec<RunEvent> {
    let Some(mut diag) = diagnostic(value) else {
        return Vec::new();
    };
    classify(&mut diag);
    let mut events = Vec::new();
    let lock = (diag.summary.contains(LOCK_SUMMARY))
        .then(|| parse_lock_info(&diag.detail))
        .flatten();
    events.push(RunEvent::Diagnostic(diag));
    if let Some(lock) = lock {
        let force_unlock_command = force_unlock_command(tool, &lock.id);
        events.push(RunEvent::StateLocked {
            lock,
            force_unlock_command,
        });
    }
    events
}

fn diagnostic(value: &Value) -> Option<Diagnostic> {
    let d = value.as_object()?;
    let severity = match str_of(d.get("severity"))?.as_str() {
        "warning" => Severity::Warning,
        _ => Severity::Error,
    };
    Some(Diagnostic {
        severity,
        summary: str_of(d.get("summary")).unwrap_or_default(),
        detail: str_of(d.get("detail")).unwrap_or_default(),
        address: str_of(d.get("address")),
        range: d.get("range").and_then(range),
        snippet: d.get("snippet").and_then(|s| str_of(s.get("code"))),
        class: None,
        hint: None,
    })
}

fn range(value: &Value) -> Option<SourceRange> {
    let pos = |v: Option<&Value>| -> Option<SourcePos> {
        let v = v?;
        Some(SourcePos {
            line: v.get("line")?.as_u64()?,
            column: v.get("column")?.as_u64()?,
            byte: v.get("byte").and_then(Value::as_u64).unwrap_or(0),
        })
    };
    Some(SourceRange {
        filename: str_of(value.get("filename"))?,
        start: pos(value.get("start"))?,
        end: pos(value.get("end"))?,
    })
}

fn resource(value: Option<&Value>) -> Option<ResourceAddr> {
    let r = value?.as_object()?;
    Some(ResourceAddr {
        addr: str_of(r.get("addr"))?,
        module: str_of(r.get("module")).unwrap_or_default(),
        resource_type: str_of(r.get("resource_type")).unwrap_or_default(),
        resource_name: str_of(r.get("resource_name")).unwrap_or_default(),
        resource_key: r
            .get("resource_key")
            .filter(|k| !k.is_null())
            .map(Value::to_string),
    })
}

pub(crate) fn change_summary(value: &Value) -> Option<ChangeSummary> {
    let c = value.as_object()?;
    let n = |k: &str| c.get(k).and_then(Value::as_u64).unwrap_or(0);
    Some(ChangeSummary {
        add: n("add"),
        change: n("change"),
        import: n("import"),
        remove: n("remove"),
        operation: match str_of(c.get("operation")).as_deref() {
            Some("plan") => Some(ChangeOperation::Plan),
            Some("apply") => Some(ChangeOperation::Apply),
            Some("destroy") => Some(ChangeOperation::Destroy),
            _ => None,
        },
    })
}

fn outputs(map: &Map<String, Value>) -> BTreeMap<String, OutputInfo> {
    map.iter()
        .map(|(name, o)| {
            let sensitive = o.get("sensitive").and_then(Value::as_bool).unwrap_or(false);
            let info = OutputInfo {
                sensitive,
                action: str_of(o.get("action")),
                // Terraform omits sensitive values; never pass one on even if a tool did not.
                value: if sensitive {
                    None
                } else {
                    o.get("value").cloned()
                },
            };
            (name.clone(), info)
        })
        .collect()
}

fn str_of(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

/// `validate -json` prints one document, not a stream: its diagnostics as events.
pub fn validate_document(text: &str, redactor: &Redactor, tool: &str) -> Option<Vec<RunEvent>> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    redactor.json(&mut value);
    let diags = value.get("diagnostics")?.as_array()?;
    Some(
        diags
            .iter()
            .flat_map(|d| diagnostic_events(d, tool))
            .collect(),
    )
}
