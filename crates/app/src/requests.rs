//! Self-service requests (issue 13), the operations the Requests view calls: list the
//! workspace's requests (from the synced feed), request a catalog module with its variables,
//! approve or reject one, and make an approved request's workspace folder for the runner.
//! The work is in `team::requests` (`team` feature); without it these answer
//! `team_unavailable`.

use crate::error::AppError;
#[cfg(not(feature = "team"))]
use crate::error::ErrorCode;
use crate::session::Session;
use crate::team::request_dto::*;

#[cfg(not(feature = "team"))]
fn unavailable() -> AppError {
    AppError::new(
        ErrorCode::TeamUnavailable,
        "This build of TerraOrbis cannot connect to a team server",
        "Use a release build of TerraOrbis (or build it with the `team` feature).",
    )
}

impl Session {
    /// The workspace's requests as last synced, newest first.
    pub fn team_requests(&self) -> Result<Vec<TeamRequest>, AppError> {
        #[cfg(feature = "team")]
        return crate::team::requests::list(self);
        #[cfg(not(feature = "team"))]
        Err(unavailable())
    }

    /// Requests a catalog module: checks the values against the module's inputs (required
    /// ones present, no unknown or sensitive ones), then stores the request on the server.
    pub fn team_create_request(&self, request: &TeamNewRequest) -> Result<TeamRequest, AppError> {
        #[cfg(feature = "team")]
        return crate::team::requests::create(self, request);
        #[cfg(not(feature = "team"))]
        {
            let _ = request;
            Err(unavailable())
        }
    }

    /// Approves or rejects a request (approver role; not one's own request).
    pub fn team_decide_request(
        &self,
        decision: &TeamRequestDecision,
    ) -> Result<TeamRequest, AppError> {
        #[cfg(feature = "team")]
        return crate::team::requests::decide(self, decision);
        #[cfg(not(feature = "team"))]
        {
            let _ = decision;
            Err(unavailable())
        }
    }

    /// Makes the workspace folder of an approved request under `parent` (default
    /// `~/TerraOrbis Requests`). Plans and applies run there report to the request.
    pub fn team_prepare_request(
        &self,
        request_id: &str,
        parent: Option<&std::path::Path>,
    ) -> Result<TeamRequestWorkspace, AppError> {
        #[cfg(feature = "team")]
        return crate::team::requests::prepare(self, request_id, parent);
        #[cfg(not(feature = "team"))]
        {
            let _ = (request_id, parent);
            Err(unavailable())
        }
    }

    /// Whether the team server holds an approver's approval of this plan hash for this
    /// environment (pulled, not rejected since): it opens the local apply gate.
    pub(crate) fn team_approves_plan(&self, plan_sha256: &str, environment: &str) -> bool {
        #[cfg(feature = "team")]
        return crate::team::requests::pulled_approval(self, plan_sha256, environment);
        #[cfg(not(feature = "team"))]
        {
            let _ = (plan_sha256, environment);
            false
        }
    }
}
