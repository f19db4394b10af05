//! The reviewed plan: what the engine and every front end work on. Built by `load`, already
//! redacted; attribute trees stay compact JSON text (`Raw`) and are parsed on demand.

use crate::raw::{Raw, RawDocument};
use serde::Serialize;

/// What a resource change does, with a replace counted once, as a replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    NoOp,
    Create,
    Read,
    Update,
    /// `["delete","create"]` (default) or `["create","delete"]` (create_before_destroy).
    Replace {
        create_before_destroy: bool,
    },
    Delete,
    /// Removed from state without destroying (`removed { lifecycle { destroy = false } }`).
    Forget,
    /// An action list this engine does not know; kept visible rather than guessed.
    Other,
}

impl Action {
    pub fn from_actions(actions: &[String]) -> Action {
        let first = actions.first().map(String::as_str);
        let second = actions.get(1).map(String::as_str);
        let pair = if actions.len() > 2 {
            [Some("?"), Some("?")]
        } else {
            [first, second]
        };
        match pair {
            [Some("no-op"), None] => Action::NoOp,
            [Some("create"), None] => Action::Create,
            [Some("read"), None] => Action::Read,
            [Some("update"), None] => Action::Update,
            [Some("delete"), None] => Action::Delete,
            [Some("delete"), Some("create")] => Action::Replace {
                create_before_destroy: false,
            },
            [Some("create"), Some("delete")] => Action::Replace {
                create_before_destroy: true,
            },
            [Some("forget"), None] => Action::Forget,
            // Terraform 1.x: replace where the old object is only forgotten.
            [Some("create"), Some("forget")] | [Some("forget"), Some("create")] => {
                Action::Replace {
                    create_before_destroy: false,
                }
            }
            _ => Action::Other,
        }
    }

    /// Short stable name used in JSON output and reports.
    pub fn name(self) -> &'static str {
        match self {
            Action::NoOp => "no-op",
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::Replace {
                create_before_destroy: false,
            } => "replace",
            Action::Replace {
                create_before_destroy: true,
            } => "replace (create before destroy)",
            Action::Delete => "delete",
            Action::Forget => "forget",
            Action::Other => "other",
        }
    }

    /// Does the existing object get destroyed?
    pub fn destroys(self) -> bool {
        matches!(self, Action::Delete | Action::Replace { .. })
    }
}

/// One resource instance change (also used for drift and deferred changes).
#[derive(Debug)]
pub struct ResourceChange {
    pub address: String,
    pub previous_address: Option<String>,
    pub module_address: Option<String>,
    /// `managed` or `data`.
    pub mode: String,
    pub resource_type: String,
    pub name: String,
    pub index: Option<Raw>,
    pub deposed: Option<String>,
    pub provider_name: String,
    pub action: Action,
    /// The raw action list, for `Action::Other` and exact reports.
    pub actions: Vec<String>,
    pub action_reason: Option<String>,
    /// Import id when the change imports an existing object.
    pub importing: Option<String>,
    pub before: Option<Raw>,
    pub after: Option<Raw>,
    pub after_unknown: Option<Raw>,
    pub replace_paths: Option<Raw>,
    /// Paths (`a.b[0]`) whose sensitive value changed; the values themselves are redacted.
    pub sensitive_changed_paths: Vec<String>,
}

impl ResourceChange {
    pub fn is_move(&self) -> bool {
        self.previous_address
            .as_deref()
            .is_some_and(|p| p != self.address)
    }
}

#[derive(Debug)]
pub struct DeferredChange {
    pub reason: String,
    pub change: ResourceChange,
}

#[derive(Debug)]
pub struct OutputChange {
    pub name: String,
    pub action: Action,
    pub actions: Vec<String>,
    pub sensitive: bool,
    pub before: Option<Raw>,
    pub after: Option<Raw>,
    pub after_unknown: bool,
}

/// Which kind of document was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// `terraform show -json PLANFILE`.
    Plan,
    /// The TFC/TFE "redacted JSON plan" (`plan_format_version`).
    RedactedRendererPlan,
    /// `terraform show -json` of a state.
    StateJson,
    /// A raw `terraform.tfstate` (version 1…4).
    RawState,
}

/// A provider used by the plan, from resource changes and the configuration.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Provider {
    pub name: String,
    pub resources: usize,
}

/// Module tree node built from change addresses (`module.a.module.b`).
#[derive(Debug, Default, Clone, Serialize)]
pub struct ModuleNode {
    pub address: String,
    pub changes: usize,
    pub children: Vec<ModuleNode>,
}

/// A loaded, redacted plan (or state, reviewed as a plan without changes).
#[derive(Debug)]
pub struct Plan {
    /// Label of the source (file path or name given by the caller).
    pub source: String,
    pub kind: DocumentKind,
    pub format_version: Option<String>,
    pub terraform_version: Option<String>,
    pub resource_changes: Vec<ResourceChange>,
    pub resource_drift: Vec<ResourceChange>,
    pub deferred_changes: Vec<DeferredChange>,
    pub output_changes: Vec<OutputChange>,
    pub errored: bool,
    pub applyable: Option<bool>,
    pub complete: Option<bool>,
    pub providers: Vec<Provider>,
    pub modules: ModuleNode,
    /// Configuration addresses (`aws_db_instance.main`) declaring `prevent_destroy`.
    pub prevent_destroy: Vec<String>,
    /// Names of variables declared sensitive.
    pub sensitive_variables: Vec<String>,
    /// Resource addresses of a loaded state (state documents have no changes).
    pub state_resources: Vec<String>,
    /// How many values were redacted on load.
    pub redacted_values: usize,
    /// The redacted source document (for policies and exports).
    pub(crate) document: RawDocument,
}

impl Plan {
    /// The redacted document as JSON text: the policy input and the "export plan" content.
    /// Fields unknown to the engine are not carried over.
    pub fn redacted_json(&self) -> String {
        crate::export::redacted_document_json(self)
    }

    /// The plan's `configuration` block (already redacted) as JSON text, when it has one:
    /// what references each argument's expression makes (the linter relates resources with it).
    pub fn configuration_json(&self) -> Option<&str> {
        self.document.configuration.as_deref().map(|r| r.get())
    }
}
