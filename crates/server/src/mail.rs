//! E-mail notifications (optional): the same messages as the webhooks (notify.rs), sent as
//! plain-text mail through an SMTP relay: `--smtp URL` / ORBIS_SMTP_URL (`smtp://host:25`,
//! `smtp://host:587?tls=required` for STARTTLS, `smtps://host:465`), `--smtp-from ADDR`,
//! recipients `--notify-email ADDR` (repeatable) / ORBIS_NOTIFY_EMAILS (comma-separated).
//! The account comes from the URL (`smtp://user:pass@host`) or ORBIS_SMTP_USER /
//! ORBIS_SMTP_PASSWORD.
//!
//! Sending happens on the notifier's background task with one bounded attempt per message:
//! a dead or slow relay never delays an API request. A failure is logged once, by kind
//! (unreachable, no answer in time, refused with a code) — never the URL or the account.

use crate::notify::Message;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// Connect + whole conversation of one message.
const TIMEOUT: Duration = Duration::from_secs(15);

/// What `--smtp`, `--smtp-from` and `--notify-email` say, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct MailArgs {
    pub url: Option<String>,
    pub from: Option<String>,
    pub to: Vec<String>,
    pub user: Option<String>,
    pub password: Option<String>,
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    to: Vec<Mailbox>,
}

impl Mailer {
    /// None without `--smtp` and recipients; an error names the argument that is wrong
    /// (never its value: the URL may hold a password).
    pub fn from_args(args: &MailArgs) -> anyhow::Result<Option<Mailer>> {
        let to: Vec<&str> = args
            .to
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        let url = args.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let Some(url) = url else {
            if !to.is_empty() {
                anyhow::bail!("--notify-email needs --smtp URL (the relay that sends the mail)");
            }
            return Ok(None);
        };
        if to.is_empty() {
            anyhow::bail!("--smtp needs at least one --notify-email ADDR (who gets the mail)");
        }
        let from = args
            .from
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("--smtp needs --smtp-from ADDR (the sender address)"))?
            .parse::<Mailbox>()
            .map_err(|_| anyhow::anyhow!("--smtp-from is not an e-mail address"))?;
        let to = to
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.parse::<Mailbox>().map_err(|_| {
                    anyhow::anyhow!("--notify-email {} is not an e-mail address", i + 1)
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            anyhow::bail!("--smtp is not an smtp:// or smtps:// URL");
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| anyhow::anyhow!("--smtp is not a valid smtp:// or smtps:// URL"))?
            .timeout(Some(TIMEOUT));
        if let (Some(user), Some(password)) = (&args.user, &args.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Some(Mailer {
            transport: builder.build(),
            from,
            to,
        }))
    }

    /// Sends one message to every recipient (one mail); logs a failure once.
    pub async fn send(&self, message: &Message) {
        let (subject, body) = render(message);
        let mut mail = lettre::Message::builder()
            .from(self.from.clone())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        for to in &self.to {
            mail = mail.to(to.clone());
        }
        let mail = match mail.body(body) {
            Ok(mail) => mail,
            Err(_) => {
                crate::log::line(&format!("e-mail: {} could not be built", message.event));
                return;
            }
        };
        // The transport's own timeout bounds each step; this bounds the whole conversation.
        let why = match tokio::time::timeout(TIMEOUT * 2, self.transport.send(mail)).await {
            Ok(Ok(_)) => return,
            Err(_) => "no answer in time".to_string(),
            Ok(Err(e)) if e.is_timeout() => "no answer in time".to_string(),
            Ok(Err(e)) => match e.status() {
                Some(code) => format!("refused by the server (code {code})"),
                None if e.is_tls() => "TLS failed".to_string(),
                None => "relay unreachable or closed the connection".to_string(),
            },
        };
        crate::log::line(&format!("e-mail: {} not sent: {why}", message.event));
    }
}

/// Subject and plain-text body of a notification.
pub fn render(m: &Message) -> (String, String) {
    let subject = format!("[TerraOrbis] {}", m.title);
    let mut body = format!("{}\n\n", m.title);
    for (k, v) in &m.facts {
        body.push_str(&format!("{k}: {v}\n"));
    }
    body.push_str(&format!(
        "\nEvent: {}\n-- \nSent by orbis-server, the TerraOrbis team server.\n",
        m.event
    ));
    (subject, body)
}
