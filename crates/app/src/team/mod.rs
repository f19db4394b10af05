//! Team server sync (issue 13), the desktop side: connect to an `orbis-server` with a local
//! account, keep an outbox of this desktop's records (finished runs, plan approvals,
//! comments) in the store, push it idempotently and pull the workspace's records by cursor,
//! in the background while connected; an Approvals inbox of plans waiting for a decision.
//!
//! The session token lives only in the OS keychain (never in SQLite); without a keychain,
//! connecting is refused. The network part comes from `orbis-sync` with this crate's `team`
//! feature (the desktop enables it); without it these operations answer `team_unavailable`,
//! so plain builds and the bindings test stay free of reqwest.

pub mod audit_dto;
pub mod dto;
pub mod governance_dto;
pub(crate) mod in_force;
pub mod request_dto;
pub mod sso;
pub mod sso_dto;

#[cfg(feature = "team")]
mod audit;
#[cfg(feature = "team")]
mod governance;
#[cfg(feature = "team")]
mod imp;
#[cfg(feature = "team")]
mod live;
#[cfg(feature = "team")]
mod oidc;
#[cfg(feature = "team")]
mod records;
#[cfg(feature = "team")]
pub(crate) mod requests;
#[cfg(feature = "team")]
mod sync;

use crate::error::AppError;
#[cfg(not(feature = "team"))]
use crate::error::ErrorCode;
use crate::session::Session;
use dto::*;

/// The keychain service the session token is kept under (one item per app profile).
pub const KEYCHAIN_SERVICE: &str = "terraorbis-team";

/// The settings key of the saved connection (no secret in it).
pub(crate) const CONNECTION_KEY: &str = "team.connection";

/// What the session keeps for the team server: the background sync and its state.
#[derive(Default)]
pub struct Team {
    #[cfg(feature = "team")]
    inner: imp::TeamInner,
    /// Single sign-on in progress (sso.rs).
    sso: sso::SsoState,
}

#[cfg(not(feature = "team"))]
fn unavailable() -> AppError {
    AppError::new(
        ErrorCode::TeamUnavailable,
        "This build of TerraOrbis cannot connect to a team server",
        "Use a release build of TerraOrbis (or build it with the `team` feature).",
    )
}

impl Session {
    /// Connection, outbox and last sync, for the status bar and the Team server panel.
    pub fn team_status(&self) -> TeamStatus {
        #[cfg(feature = "team")]
        return imp::status(self);
        #[cfg(not(feature = "team"))]
        TeamStatus {
            available: false,
            connected: false,
            server_url: None,
            org: None,
            username: None,
            workspace_id: None,
            workspace_name: None,
            role: None,
            pending: 0,
            rejected: 0,
            rejected_records: Vec::new(),
            last_sync_at: None,
            syncing: false,
            last_error: None,
        }
    }

    /// Signs in, keeps the token in the OS keychain, remembers the server and workspace, and
    /// starts syncing in the background. Runs that ended before this are not shared.
    pub fn team_connect(&self, request: &TeamConnectRequest) -> Result<TeamStatus, AppError> {
        #[cfg(feature = "team")]
        return imp::connect(self, request);
        #[cfg(not(feature = "team"))]
        {
            let _ = request;
            Err(unavailable())
        }
    }

    /// Resumes a saved connection (at app start): the background sync starts and reads the
    /// token from the keychain itself, so this never blocks on the keychain or the network.
    pub fn team_resume(&self) -> TeamStatus {
        #[cfg(feature = "team")]
        imp::resume(self);
        self.team_status()
    }

    /// Signs out on the server (best effort), removes the token from the keychain and stops
    /// syncing. Queued records stay in the outbox for the next connection.
    pub fn team_disconnect(&self) -> Result<TeamStatus, AppError> {
        #[cfg(feature = "team")]
        return imp::disconnect(self);
        #[cfg(not(feature = "team"))]
        Err(unavailable())
    }

    /// One sync now: queue ended runs, push the outbox, pull the feed. Bounded by timeouts.
    pub fn team_sync_now(&self) -> Result<TeamSyncReport, AppError> {
        #[cfg(feature = "team")]
        return sync::sync_now(self);
        #[cfg(not(feature = "team"))]
        Err(unavailable())
    }

    /// Tells the background sync that something was recorded locally (a run ended): it
    /// syncs soon instead of at its next period. Does nothing when not connected.
    pub fn team_record_changed(&self) {
        #[cfg(feature = "team")]
        self.team.inner.kick();
    }

    /// Plans on the server waiting for an approval (of their plan hash, for their
    /// environment), newest first.
    pub fn team_approvals(&self) -> Result<Vec<TeamApprovalRequest>, AppError> {
        #[cfg(feature = "team")]
        return records::approvals(self);
        #[cfg(not(feature = "team"))]
        Err(unavailable())
    }

    /// The team server's audit log (organization administrators only), filtered, newest
    /// first.
    pub fn team_audit(
        &self,
        filter: &audit_dto::TeamAuditFilter,
    ) -> Result<audit_dto::TeamAuditView, AppError> {
        #[cfg(feature = "team")]
        return audit::audit(self, filter);
        #[cfg(not(feature = "team"))]
        {
            let _ = filter;
            Err(unavailable())
        }
    }

    /// Approves or rejects a plan of the inbox: the decision is queued (bound to the plan's
    /// hash and environment) and sent at once in the background. Returns the inbox.
    pub fn team_decide(
        &self,
        request: &TeamDecisionRequest,
    ) -> Result<Vec<TeamApprovalRequest>, AppError> {
        #[cfg(feature = "team")]
        return records::decide(self, request);
        #[cfg(not(feature = "team"))]
        {
            let _ = request;
            Err(unavailable())
        }
    }

    /// Queues a comment on a run's plan (about `address` when given).
    pub fn team_add_comment(
        &self,
        run_id: Option<&str>,
        address: Option<&str>,
        text: &str,
    ) -> Result<TeamComment, AppError> {
        #[cfg(feature = "team")]
        return records::add_comment(self, run_id, address, text);
        #[cfg(not(feature = "team"))]
        {
            let _ = (run_id, address, text);
            Err(unavailable())
        }
    }

    /// Comments of the workspace (of one run when given): pulled ones, then queued ones.
    pub fn team_comments(&self, run_id: Option<&str>) -> Result<Vec<TeamComment>, AppError> {
        #[cfg(feature = "team")]
        return records::comments(self, run_id);
        #[cfg(not(feature = "team"))]
        {
            let _ = run_id;
            Err(unavailable())
        }
    }

    /// The server record id of this desktop's run `local_id` (`<device>-run-<id>`), for
    /// comments on a plan opened from the Runs panel; `None` when not connected.
    pub fn team_run_record_id(&self, local_id: i64) -> Option<String> {
        #[cfg(feature = "team")]
        return records::run_record_id(self, local_id);
        #[cfg(not(feature = "team"))]
        {
            let _ = local_id;
            None
        }
    }

    /// Keeps the token under another keychain service (tests: each simulated desktop its
    /// own) instead of `KEYCHAIN_SERVICE`.
    pub fn set_team_keychain_service(&self, service: &str) {
        #[cfg(feature = "team")]
        self.team.inner.set_service(service);
        #[cfg(not(feature = "team"))]
        let _ = service;
    }

    /// How often the background sync runs while connected (default 30 s).
    pub fn set_team_sync_interval(&self, interval: std::time::Duration) {
        #[cfg(feature = "team")]
        self.team.inner.set_interval(interval);
        #[cfg(not(feature = "team"))]
        let _ = interval;
    }

    /// Queues the approval of a plan confirmed in Plan Review (when connected): the team
    /// sees it, and the server accepts this plan's apply.
    pub(crate) fn team_local_approval(&self, run: &crate::runs::dto::RunSummary) {
        #[cfg(feature = "team")]
        records::local_approval(self, run);
        #[cfg(not(feature = "team"))]
        let _ = run;
    }
}
