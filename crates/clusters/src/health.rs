//! A pod's health in plain words: ready/desired containers, restarts, and the one reason that
//! explains it (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Unschedulable, Evicted…) with a
//! sentence for people. Pure: a `Pod` in, a value out; missing fields never panic.

use k8s_openapi::api::core::v1::{ContainerStatus, Pod};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Ok,
    /// Works but needs a look (restarted after OOMKilled, not ready yet, terminating).
    Warning,
    /// Not working (crash loop, image cannot be pulled, cannot be scheduled, failed).
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PodHealth {
    /// `status.phase` (Pending, Running, Succeeded, Failed, Unknown).
    pub phase: String,
    pub ready: u32,
    pub total: u32,
    /// Restarts of all containers (init containers included).
    pub restarts: u32,
    /// The plain cause, `None` when the pod is running and ready (or completed).
    pub reason: Option<String>,
    pub severity: Severity,
    /// One sentence for people, `None` when there is nothing to say.
    pub message: Option<String>,
}

impl PodHealth {
    /// `ready/total`, as kubectl shows it.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.ready, self.total)
    }
}

/// Waiting reasons that mean the container will not start by itself.
const BAD_WAITING: [&str; 8] = [
    "CrashLoopBackOff",
    "ImagePullBackOff",
    "ErrImagePull",
    "InvalidImageName",
    "CreateContainerConfigError",
    "CreateContainerError",
    "RunContainerError",
    "ErrImageNeverPull",
];

pub fn pod_health(pod: &Pod) -> PodHealth {
    let status = pod.status.as_ref();
    let phase = status
        .and_then(|s| s.phase.clone())
        .unwrap_or_else(|| "Unknown".to_string());
    let containers: &[ContainerStatus] = status
        .and_then(|s| s.container_statuses.as_deref())
        .unwrap_or(&[]);
    let inits: &[ContainerStatus] = status
        .and_then(|s| s.init_container_statuses.as_deref())
        .unwrap_or(&[]);
    let declared = pod.spec.as_ref().map(|s| s.containers.len()).unwrap_or(0);
    let total = declared.max(containers.len()) as u32;
    let ready = containers.iter().filter(|c| c.ready).count() as u32;
    let restarts = containers
        .iter()
        .chain(inits)
        .map(|c| c.restart_count.max(0) as u32)
        .sum();
    let mut h = PodHealth {
        phase: phase.clone(),
        ready,
        total,
        restarts,
        reason: None,
        severity: Severity::Ok,
        message: None,
    };
    let mut set = |reason: &str, severity: Severity, message: Option<String>| {
        h.reason = Some(reason.to_string());
        h.severity = severity;
        h.message = message;
    };

    if pod.metadata.deletion_timestamp.is_some() {
        set(
            "Terminating",
            Severity::Warning,
            Some("The pod is being deleted.".into()),
        );
        return h;
    }
    if let Some(reason) = status
        .and_then(|s| s.reason.as_deref())
        .filter(|r| !r.is_empty())
    {
        let message = status.and_then(|s| s.message.clone());
        let message = match reason {
            "Evicted" => Some(format!(
                "The node evicted the pod{}",
                message
                    .map(|m| format!(": {}", m.trim()))
                    .unwrap_or_else(|| ".".into())
            )),
            _ => message,
        };
        set(reason, Severity::Error, message);
        return h;
    }
    let unschedulable = status
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or(&[])
        .iter()
        .find(|c| c.type_ == "PodScheduled" && c.status == "False");
    if let Some(c) = unschedulable {
        let reason = c.reason.as_deref().unwrap_or("Unschedulable");
        let why = c
            .message
            .as_deref()
            .map(str::trim)
            .unwrap_or("no node fits it");
        set(
            reason,
            Severity::Error,
            Some(format!("No node can run the pod: {why}")),
        );
        return h;
    }
    // Init containers run first: one stuck there explains everything after it.
    for c in inits {
        let state = c.state.as_ref();
        if let Some(w) = state.and_then(|s| s.waiting.as_ref()) {
            let r = w.reason.as_deref().unwrap_or("Waiting");
            if r != "PodInitializing" {
                set(
                    &format!("Init:{r}"),
                    Severity::Error,
                    container_message(c, r),
                );
                return h;
            }
        }
        if let Some(t) = state.and_then(|s| s.terminated.as_ref()) {
            if t.exit_code != 0 {
                let r = t.reason.as_deref().unwrap_or("Error");
                set(
                    &format!("Init:{r}"),
                    Severity::Error,
                    container_message(c, r),
                );
                return h;
            }
        }
    }
    // The worst container decides: a bad waiting reason, then a bad termination.
    for c in containers {
        if let Some(r) = c
            .state
            .as_ref()
            .and_then(|s| s.waiting.as_ref())
            .and_then(|w| w.reason.as_deref())
            .filter(|r| BAD_WAITING.contains(r))
        {
            set(r, Severity::Error, container_message(c, r));
            return h;
        }
    }
    for c in containers {
        if let Some(t) = c.state.as_ref().and_then(|s| s.terminated.as_ref()) {
            let r = t.reason.as_deref().unwrap_or("Error");
            if t.exit_code != 0 || r == "OOMKilled" {
                set(r, Severity::Error, container_message(c, r));
                return h;
            }
        }
    }
    match phase.as_str() {
        "Succeeded" => {
            set("Completed", Severity::Ok, None);
            h.reason = Some("Completed".into());
        }
        "Failed" => set(
            "Failed",
            Severity::Error,
            status.and_then(|s| s.message.clone()),
        ),
        "Pending" => {
            let waiting = containers.iter().find_map(|c| {
                c.state
                    .as_ref()
                    .and_then(|s| s.waiting.as_ref())
                    .and_then(|w| w.reason.clone())
            });
            let r = waiting.unwrap_or_else(|| "Pending".to_string());
            set(&r, Severity::Warning, None);
        }
        "Running" => {
            // Running and ready, but a container was OOMKilled before: worth a warning.
            if let Some(c) = containers
                .iter()
                .find(|c| last_reason(c) == Some("OOMKilled"))
            {
                set(
                    "OOMKilled",
                    Severity::Warning,
                    container_message(c, "OOMKilled"),
                );
            } else if ready < total {
                set(
                    "NotReady",
                    Severity::Warning,
                    Some(format!("{ready} of {total} containers are ready.")),
                );
            }
        }
        _ => set(&phase, Severity::Warning, None),
    }
    h
}

fn last_reason(c: &ContainerStatus) -> Option<&str> {
    c.last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .and_then(|t| t.reason.as_deref())
}

/// The sentence for one container's reason.
fn container_message(c: &ContainerStatus, reason: &str) -> Option<String> {
    let name = &c.name;
    let last = c.last_state.as_ref().and_then(|s| s.terminated.as_ref());
    let times = |n: i32| {
        if n == 1 {
            "once".to_string()
        } else {
            format!("{n} times")
        }
    };
    Some(match reason {
        "CrashLoopBackOff" => {
            let last = last
                .map(|t| {
                    format!(
                        "; last exit: {} (code {})",
                        t.reason.as_deref().unwrap_or("Error"),
                        t.exit_code
                    )
                })
                .unwrap_or_default();
            format!(
                "Container {name} keeps crashing (restarted {}{last}).",
                times(c.restart_count)
            )
        }
        "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" | "ErrImageNeverPull" => {
            format!("The image {} of container {name} cannot be pulled (wrong name or tag, or no pull access).", c.image)
        }
        "OOMKilled" if c.restart_count > 0 => format!(
            "Container {name} ran out of memory and was killed; restarted {}.",
            times(c.restart_count)
        ),
        "OOMKilled" => format!("Container {name} ran out of memory and was killed."),
        "CreateContainerConfigError" => {
            format!("Container {name} cannot start: a ConfigMap or Secret it needs is missing.")
        }
        _ => {
            let state = c.state.as_ref();
            let detail = state
                .and_then(|s| s.waiting.as_ref())
                .and_then(|w| w.message.clone())
                .or_else(|| {
                    state
                        .and_then(|s| s.terminated.as_ref())
                        .map(|t| format!("exit code {}", t.exit_code))
                });
            match detail {
                Some(d) => format!("Container {name}: {reason} ({}).", d.trim()),
                None => format!("Container {name}: {reason}."),
            }
        }
    })
}
