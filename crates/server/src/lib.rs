//! orbis-server: the optional self-hosted TerraOrbis team server (issue 13).
//!
//! Desktop apps push their run history, approvals and comments; the server keeps them per
//! organization → team → workspace, with per-workspace roles, a hash-chained audit log, and a
//! cursor feed clients pull (or stream over SSE). SQLite (embedded, default) or PostgreSQL
//! (several instances behind a load balancer). The API's JSON types and the sync client
//! the desktop uses live in `orbis-sync` (re-exported here), so the app takes them without
//! the server.

pub mod api;
pub mod audit;
pub mod auth;
pub mod client;
pub mod config;
pub mod db;
pub mod error;
pub mod log;
pub mod mail;
pub mod notify;
pub mod oidc;
pub mod ratelimit;
pub mod records;
pub mod state;
pub mod tls;

use std::sync::Arc;

/// Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Opens the database, runs migrations, then listens; returns when the process is told to
/// stop (SIGINT/SIGTERM), after in-flight requests finish.
pub async fn serve(args: config::ServeArgs) -> anyhow::Result<()> {
    // Bad webhook or e-mail arguments stop the start before anything is created.
    let mailer = mail::Mailer::from_args(&args.mail_args())?;
    let notifier = notify::Notifier::from_args(&args.webhooks, mailer)?;
    let db = db::Database::open(args.database.as_deref(), &args.data)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    let version = db
        .migrate()
        .await
        .map_err(|e| anyhow::anyhow!("cannot migrate the database: {e}"))?;
    let oidc = match (&args.oidc_issuer, &args.oidc_client_id) {
        (Some(issuer), Some(client_id)) => Some(Arc::new(oidc::Verifier::new(
            oidc::OidcSettings::new(issuer, client_id, &args.oidc_scopes)?,
        ))),
        _ => None,
    };
    let (stop_tx, stopping) = tokio::sync::watch::channel(false);
    let state = state::AppState {
        stopping,
        db: db.clone(),
        limiter: Arc::new(ratelimit::RateLimiter::new(args.rate_limit_per_minute)),
        login_limiter: Arc::new(ratelimit::RateLimiter::new(30)),
        feed_changed: Arc::new(tokio::sync::Notify::new()),
        oidc,
        notifier,
        config: Arc::new(state::Limits {
            max_body_bytes: args.max_body_bytes,
            session_ttl_ms: i64::from(args.session_hours) * 3_600_000,
            poll_interval_ms: args.poll_interval_ms,
        }),
    };
    // Read the certificate before listening: a wrong file stops here, not at the first client.
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(tls::load_config(cert, key)?),
        _ => None,
    };
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.listen))?;
    log::line(&format!(
        "orbis-server listening on {}://{} ({} database, schema {version})",
        if tls.is_some() { "https" } else { "http" },
        listener.local_addr()?,
        db.kind()
    ));
    let stop = async move {
        shutdown_signal().await;
        log::line("stopping: finishing in-flight requests");
        let _ = stop_tx.send(true);
    };
    let app = api::router(state);
    match tls {
        Some(config) => {
            axum::serve(tls::TlsListener::new(listener, config)?, app)
                .with_graceful_shutdown(stop)
                .await?
        }
        None => {
            axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await?
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
