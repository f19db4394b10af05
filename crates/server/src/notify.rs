//! Webhook notifications (`--webhook slack=URL` / `teams=URL`, repeatable, or ORBIS_WEBHOOKS):
//! a short message when a request is created, decided, planned, applied or failed, when a
//! plan waits for approval, when an approval is given and when a run finishes.
//!
//! Handlers only put a message on a bounded queue after their transaction committed; a
//! background task delivers it to every webhook, retrying a failed delivery with growing
//! delays (transport errors, 429 and 5xx). A full queue drops the message with a log line:
//! a slow or dead webhook never delays or fails an API request. Messages carry names, ids,
//! statuses and plan hashes only — never variables, logs or tokens — and the log names a
//! webhook by its number, never its URL (which is a secret). The same messages go out as
//! e-mail when an SMTP relay is configured (mail.rs), on the same background task.

use crate::records::RecordKind;
use orbis_sync::{RequestStatus, RequestView};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};

const QUEUE: usize = 1024;
const CONCURRENT: usize = 16;
const ATTEMPTS: u32 = 5;
const FIRST_DELAY: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Slack incoming webhook: `{text, blocks}`.
    Slack,
    /// Microsoft Teams incoming webhook: a MessageCard.
    Teams,
}

#[derive(Debug, Clone)]
pub struct Webhook {
    pub flavor: Flavor,
    pub url: String,
}

/// One notification: what happened (`event`, e.g. `request.approved`), a title and facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub event: String,
    pub title: String,
    pub facts: Vec<(String, String)>,
}

/// The Slack-compatible payload.
pub fn slack_payload(m: &Message) -> Value {
    let mut text = format!("*{}*", m.title);
    for (k, v) in &m.facts {
        text.push_str(&format!("\n• {k}: {v}"));
    }
    json!({
        "text": m.title,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    })
}

/// The Teams-compatible payload (MessageCard).
pub fn teams_payload(m: &Message) -> Value {
    let facts: Vec<Value> = m
        .facts
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect();
    json!({
        "@type": "MessageCard",
        "@context": "https://schema.org/extensions",
        "summary": m.title,
        "themeColor": "2F6FEB",
        "title": m.title,
        "sections": [{"activityTitle": m.event, "facts": facts}],
    })
}

#[derive(Clone, Default)]
pub struct Notifier {
    queue: Option<mpsc::Sender<Message>>,
}

impl Notifier {
    /// Parses `slack=URL`, `teams=URL` or a bare URL (Slack) and starts the delivery task
    /// (none without webhooks or e-mail). Must run inside the tokio runtime.
    pub fn from_args(args: &[String], mailer: Option<crate::mail::Mailer>) -> anyhow::Result<Self> {
        let mut hooks = Vec::new();
        for arg in args.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
            let (flavor, url) = match arg.split_once('=') {
                Some(("slack", url)) => (Flavor::Slack, url),
                Some(("teams", url)) => (Flavor::Teams, url),
                _ => (Flavor::Slack, arg),
            };
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                anyhow::bail!(
                    "--webhook {} is not `slack=URL`, `teams=URL` or an http(s) URL",
                    hooks.len() + 1
                );
            }
            hooks.push(Webhook {
                flavor,
                url: url.to_string(),
            });
        }
        if hooks.is_empty() && mailer.is_none() {
            return Ok(Self::default());
        }
        orbis_sync::use_ring_for_tls();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(deliver_all(rx, Arc::new(hooks), mailer, http));
        Ok(Self { queue: Some(tx) })
    }

    fn send(&self, message: Message) {
        let Some(queue) = &self.queue else { return };
        if queue.try_send(message).is_err() {
            crate::log::line("notifications: queue full, a notification was dropped");
        }
    }

    /// A request was created or changed status.
    pub fn request_changed(&self, actor: &str, r: &RequestView) {
        if self.queue.is_none() {
            return;
        }
        let title = match r.status {
            RequestStatus::Requested => {
                format!("{actor} requests {} for {}", r.module, r.environment)
            }
            RequestStatus::Approved => format!("{actor} approved the request for {}", r.module),
            RequestStatus::Rejected => format!("{actor} rejected the request for {}", r.module),
            RequestStatus::Planned => format!(
                "The request for {} is planned: its plan waits for approval",
                r.module
            ),
            RequestStatus::Applied => format!("The request for {} is applied", r.module),
            RequestStatus::Failed => format!("The request for {} failed", r.module),
        };
        let mut facts = vec![
            ("Request".to_string(), r.id.clone()),
            ("Workspace".to_string(), r.workspace_id.clone()),
            (
                "Module".to_string(),
                format!("{} {}", r.module, r.module_version),
            ),
            ("Environment".to_string(), r.environment.clone()),
            ("Status".to_string(), r.status.as_str().to_string()),
        ];
        if let Some(plan) = &r.plan_sha256 {
            facts.push(("Plan".to_string(), plan.clone()));
        }
        if let Some(comment) = r.history.last().and_then(|e| e.comment.clone()) {
            facts.push(("Comment".to_string(), short(&comment)));
        }
        self.send(Message {
            event: format!("request.{}", r.status.as_str()),
            title,
            facts,
        });
    }

    /// A record was pushed (new or updated): approvals given, plans waiting for approval and
    /// finished runs are worth a message; comments and running runs are not.
    pub fn record_pushed(&self, actor: &str, workspace_id: &str, kind: RecordKind, body: &Value) {
        if self.queue.is_none() {
            return;
        }
        let text = |k: &str| {
            body.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let env = text("environment");
        let plan = text("plan_sha256");
        let mut facts = vec![("Workspace".to_string(), workspace_id.to_string())];
        if !env.is_empty() {
            facts.push(("Environment".to_string(), env.clone()));
        }
        if !plan.is_empty() {
            facts.push(("Plan".to_string(), plan.clone()));
        }
        let (event, title) = match kind {
            RecordKind::Approval => {
                let decision = text("decision");
                (
                    format!("approval.{decision}"),
                    format!("{actor} {decision} a plan for {env}"),
                )
            }
            RecordKind::Run => {
                let status = text("status");
                if status == "running" {
                    return;
                }
                let command = text("command");
                facts.push(("Status".to_string(), status.clone()));
                if command == "plan" && status == "succeeded" && !plan.is_empty() {
                    (
                        "approval.requested".to_string(),
                        format!("{actor}'s plan for {env} waits for approval"),
                    )
                } else {
                    (
                        "run.finished".to_string(),
                        format!("{actor}'s {command} run {status}"),
                    )
                }
            }
            RecordKind::Comment | RecordKind::Request => return,
        };
        self.send(Message {
            event,
            title,
            facts,
        });
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(280).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

async fn deliver_all(
    mut rx: mpsc::Receiver<Message>,
    hooks: Arc<Vec<Webhook>>,
    mailer: Option<crate::mail::Mailer>,
    http: reqwest::Client,
) {
    let slots = Arc::new(Semaphore::new(CONCURRENT));
    while let Some(message) = rx.recv().await {
        if let Some(mailer) = &mailer {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                return;
            };
            let (mailer, message) = (mailer.clone(), message.clone());
            tokio::spawn(async move {
                mailer.send(&message).await;
                drop(permit);
            });
        }
        for (index, hook) in hooks.iter().enumerate() {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                return;
            };
            let (http, hook, message) = (http.clone(), hook.clone(), message.clone());
            tokio::spawn(async move {
                deliver(&http, index + 1, &hook, &message).await;
                drop(permit);
            });
        }
    }
}

/// Posts one message to one webhook, retrying with doubling delays.
async fn deliver(http: &reqwest::Client, number: usize, hook: &Webhook, message: &Message) {
    let payload = match hook.flavor {
        Flavor::Slack => slack_payload(message),
        Flavor::Teams => teams_payload(message),
    };
    let mut delay = FIRST_DELAY;
    for attempt in 1..=ATTEMPTS {
        let outcome = http.post(&hook.url).json(&payload).send().await;
        let (retry, why) = match outcome {
            Ok(r) if r.status().is_success() => return,
            Ok(r) => {
                let s = r.status().as_u16();
                (s == 429 || s >= 500, format!("HTTP {s}"))
            }
            Err(e) => (
                true,
                if e.is_timeout() {
                    "no answer in time".into()
                } else {
                    "unreachable".into()
                },
            ),
        };
        if !retry || attempt == ATTEMPTS {
            crate::log::line(&format!(
                "webhook {number}: {} not delivered after {attempt} attempt(s): {why}",
                message.event
            ));
            return;
        }
        tokio::time::sleep(delay).await;
        delay *= 2;
    }
}
