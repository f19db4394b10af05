//! What Plan Review takes from the team (always compiled: it reads only the store): the
//! budget and policy packs pulled for the connected workspace. A set pulled for another
//! workspace, or kept after disconnecting, is not applied.

use super::governance_dto::*;
use crate::plan_checks::TeamBudget;
use crate::session::Session;
use orbis_store::Store;

/// The team's part of a review.
#[derive(Debug, Default)]
pub(crate) struct TeamRules {
    pub(crate) budget: Option<TeamBudget>,
    /// Named `<pack>@<version>/<policy>`, so each finding says where it comes from.
    pub(crate) policies: Vec<orbis_policy::Policy>,
}

/// The settings of a review with the team budget added; a workspace `.orbis.toml` that does
/// not read still leaves the team budget in force.
pub(crate) fn with_team_budget(
    settings: Result<crate::plan_checks::PlanCheckSettings, String>,
    team: Option<TeamBudget>,
) -> Result<crate::plan_checks::PlanCheckSettings, String> {
    match (settings, team) {
        (Ok(mut s), team) => {
            s.team_budget = team;
            Ok(s)
        }
        (Err(e), Some(team)) => Ok(crate::plan_checks::PlanCheckSettings {
            warnings: vec![format!("{e}; the review uses the default settings")],
            team_budget: Some(team),
            ..Default::default()
        }),
        (Err(e), None) => Err(e),
    }
}

/// The pulled set, when it is the connected workspace's.
pub(crate) fn stored(store: &Store) -> Option<StoredGovernance> {
    let connection = store
        .setting::<serde_json::Value>(super::CONNECTION_KEY)
        .ok()
        .flatten()?;
    let workspace = connection.get("workspace_id")?.as_str()?.to_owned();
    store
        .setting::<StoredGovernance>(GOVERNANCE_KEY)
        .ok()
        .flatten()
        .filter(|g| g.workspace_id == workspace)
}

fn budget_name(b: &StoredBudget) -> String {
    match &b.workspace_name {
        Some(name) if b.scope != "default" => format!("team:{name}"),
        _ => "team:default".to_owned(),
    }
}

impl Session {
    /// The team budget and policy packs Plan Review applies, for Settings → Team server.
    pub fn team_governance(&self) -> TeamGovernanceView {
        let stored = stored(&self.store());
        TeamGovernanceView {
            pulled: stored.is_some(),
            pulled_at: stored.as_ref().map(|g| g.pulled_at),
            budget: stored
                .as_ref()
                .and_then(|g| g.budget.as_ref())
                .map(|b| TeamBudgetView {
                    applies_to: if b.scope == "default" {
                        "organization default".into()
                    } else {
                        "this workspace".into()
                    },
                    monthly_limit: b.monthly_limit,
                    warn_percent: b.warn_percent,
                    published_by: b.published_by.clone(),
                    published_at: b.published_at,
                }),
            packs: stored
                .iter()
                .flat_map(|g| &g.policy_packs)
                .map(|p| TeamPackView {
                    name: p.name.clone(),
                    version: p.version,
                    description: p.description.clone(),
                    policies: p.policies.iter().map(|q| q.name.clone()).collect(),
                    published_by: p.published_by.clone(),
                    published_at: p.published_at,
                })
                .collect(),
            rule: BUDGET_RULE.to_owned(),
        }
    }

    pub(crate) fn team_rules(&self) -> TeamRules {
        let Some(g) = stored(&self.store()) else {
            return TeamRules::default();
        };
        TeamRules {
            budget: g.budget.as_ref().map(|b| TeamBudget {
                name: budget_name(b),
                monthly_limit: b.monthly_limit,
                warn_percent: b.warn_percent,
            }),
            policies: g
                .policy_packs
                .iter()
                .flat_map(|pack| {
                    pack.policies.iter().map(move |p| orbis_policy::Policy {
                        name: format!("{}@{}/{}", pack.name, pack.version, p.name),
                        source: p.source.clone(),
                        origin: format!("team pack {} v{}: {}", pack.name, pack.version, p.name),
                    })
                })
                .collect(),
        }
    }
}
