//! The command line (clap). Secrets never come from arguments (visible in `ps`): the first
//! administrator's password is read from ORBIS_ADMIN_PASSWORD or standard input.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "orbis-server", version, about = "TerraOrbis team server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

// Parsed once at start: the size of the serve variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server (the default).
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate(DbArgs),
    /// Organizations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the OpenAPI description.
    Openapi,
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Create an organization and its first administrator (password from
    /// ORBIS_ADMIN_PASSWORD or the first line of standard input).
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the hash chain: exit 0 when intact, 1 naming the first broken entry.
    Verify(DbArgs),
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// Data directory (holds the SQLite database).
    #[arg(long, default_value = "./orbis-data")]
    pub data: PathBuf,
    /// `postgres://user@host:port/db` to use PostgreSQL instead of SQLite.
    #[arg(long, env = "ORBIS_DATABASE_URL", hide_env_values = true)]
    pub database: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Data directory (holds the SQLite database).
    #[arg(long, default_value = "./orbis-data")]
    pub data: PathBuf,
    /// `postgres://user@host:port/db` to use PostgreSQL instead of SQLite.
    #[arg(long, env = "ORBIS_DATABASE_URL", hide_env_values = true)]
    pub database: Option<String>,
    /// Largest request body accepted.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Requests per minute per token (bursts of a quarter of it).
    #[arg(long, default_value_t = 1200)]
    pub rate_limit_per_minute: u32,
    /// Lifetime of a sign-in session.
    #[arg(long, default_value_t = 12)]
    pub session_hours: u32,
    /// How often event streams look for records written by other instances.
    #[arg(long, default_value_t = 500)]
    pub poll_interval_ms: u64,
    /// Serve HTTPS with this certificate chain (PEM; needs --tls-key).
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM: PKCS#8, RSA or EC; needs --tls-cert).
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Accept sign-ins from this OpenID Connect provider (its issuer URL; needs
    /// --oidc-client-id).
    #[arg(long, env = "ORBIS_OIDC_ISSUER", requires = "oidc_client_id")]
    pub oidc_issuer: Option<String>,
    /// The client id registered at the provider for TerraOrbis: a public client (PKCE, no
    /// secret) with the redirect URI http://127.0.0.1/callback (any port).
    #[arg(long, env = "ORBIS_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    pub oidc_client_id: Option<String>,
    /// Scopes the desktop asks the provider for (`openid` and `email` are always added).
    #[arg(
        long,
        env = "ORBIS_OIDC_SCOPES",
        default_value = "openid email profile"
    )]
    pub oidc_scopes: String,
    /// Post notifications (requests created/decided/planned/applied, plans waiting for
    /// approval, approvals given, runs finished) to this webhook: `slack=URL`, `teams=URL`
    /// (a bare URL is Slack). Repeatable. Webhook URLs are secrets: prefer ORBIS_WEBHOOKS
    /// (space-separated) to arguments, which other users see in `ps`.
    #[arg(
        long = "webhook",
        env = "ORBIS_WEBHOOKS",
        hide_env_values = true,
        value_delimiter = ' '
    )]
    pub webhooks: Vec<String>,
    /// Also send the notifications as plain-text e-mail through this SMTP relay:
    /// `smtp://host:25`, `smtp://host:587?tls=required` (STARTTLS) or `smtps://host:465`;
    /// an account as `smtp://user:pass@host` or ORBIS_SMTP_USER / ORBIS_SMTP_PASSWORD. The URL
    /// may hold a password: prefer ORBIS_SMTP_URL to the argument.
    #[arg(long = "smtp", env = "ORBIS_SMTP_URL", hide_env_values = true)]
    pub smtp: Option<String>,
    /// The sender address of notification mail (needed with --smtp).
    #[arg(long = "smtp-from", env = "ORBIS_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// Who gets notification mail. Repeatable; ORBIS_NOTIFY_EMAILS is comma-separated.
    #[arg(
        long = "notify-email",
        env = "ORBIS_NOTIFY_EMAILS",
        value_delimiter = ','
    )]
    pub notify_emails: Vec<String>,
}

impl ServeArgs {
    /// The e-mail settings; the account comes only from the environment (or the URL), so
    /// it never shows in `ps`.
    pub fn mail_args(&self) -> crate::mail::MailArgs {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        crate::mail::MailArgs {
            url: self.smtp.clone(),
            from: self.smtp_from.clone(),
            to: self.notify_emails.clone(),
            user: env("ORBIS_SMTP_USER"),
            password: env("ORBIS_SMTP_PASSWORD"),
        }
    }
}
