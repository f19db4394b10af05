//! The API description, generated from the handlers' annotations (utoipa). The checked-in
//! `crates/server/openapi.json` is compared with it by a test (`UPDATE_OPENAPI=1` refreshes).

use super::{accounts, budgets, events, governance, health, oidc, policy_packs, requests, sync};
use crate::auth::Role;
use crate::error::ErrorBody;
use crate::records::{
    ApprovalBody, CommentBody, Decision, PlanSummary, RecordKind, RunBody, RunStatus,
};
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "TerraOrbis team server", description = "Sync of run history, approvals, comments and audit between TerraOrbis desktop apps. Errors are `{code, message, hint}`."),
    paths(
        health::healthz,
        accounts::login, accounts::logout, accounts::me, accounts::create_token,
        accounts::revoke_token, accounts::create_user, accounts::create_team,
        accounts::create_workspace, accounts::list_workspaces, accounts::get_workspace,
        accounts::update_workspace, accounts::list_audit,
        accounts::grant, accounts::revoke_grant,
        sync::push, sync::pull, sync::get_record, sync::apply_check, events::stream,
        oidc::config, oidc::sign_in,
        requests::create, requests::list, requests::get, requests::decide, requests::progress,
        budgets::publish, budgets::remove, budgets::list,
        policy_packs::publish, policy_packs::list, policy_packs::retire, governance::get,
    ),
    components(schemas(
        ErrorBody, Role, RecordKind, RunStatus, PlanSummary, RunBody, Decision, ApprovalBody,
        CommentBody, requests::RequestStatus, requests::NewRequest, requests::RequestDecision,
        requests::DecideRequest, requests::RequestProgress, requests::RequestEvent,
        requests::RequestView, requests::RequestList,
        budgets::PublishBudget, budgets::BudgetView, budgets::BudgetList,
        policy_packs::PackPolicy, policy_packs::PublishPolicyPack, policy_packs::PolicyPackView,
        policy_packs::PolicyPackList, governance::Governance,
    )),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = api.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The description as pretty JSON (what is served and checked in).
pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}

pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}
