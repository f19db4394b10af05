//! One drift scan from files, for every front end (CLI now, the desktop app next): read the
//! states, the inventory, the refresh-only plan and `.driftignore`, then [`scan`]. Errors
//! carry a code and a hint; nothing is written.

use crate::inventory::{self, Inventory};
use crate::{scan, DriftError, DriftIgnore, DriftReport, ScanInput};
use orbis_state::{Passphrase, State};
use std::path::PathBuf;

#[derive(Debug, Default, Clone)]
pub struct DriftRequest {
    pub states: Vec<PathBuf>,
    /// States already read (a remote backend's state fetched by the caller), compared as if
    /// they were files of `states`.
    pub read_states: Vec<State>,
    pub inventory: Option<PathBuf>,
    /// An inventory already in memory (a live scan); used instead of `inventory`.
    pub live: Option<Inventory>,
    /// Resource type of a driftctl fixture given as the inventory (else inferred).
    pub inventory_type: Option<String>,
    pub refresh_only_plan: Option<PathBuf>,
    pub driftignore: Option<PathBuf>,
    pub passphrase: Option<Passphrase>,
    /// Raw attribute comparison (null ≠ empty).
    pub strict: bool,
}

pub struct DriftOutcome {
    pub report: DriftReport,
    pub states: Vec<State>,
    pub inventory: Option<Inventory>,
}

pub fn run(req: &DriftRequest) -> Result<DriftOutcome, DriftError> {
    if req.states.is_empty() && req.read_states.is_empty() {
        return Err(DriftError::new(
            "drift.no_state",
            "no state given",
            "pass --state FILE (a terraform.tfstate or `terraform show -json` output)",
        ));
    }
    if req.inventory.is_none() && req.live.is_none() && req.refresh_only_plan.is_none() {
        return Err(DriftError::new(
            "drift.no_live_source",
            "nothing to compare the state with",
            "pass --inventory FILE (a live inventory snapshot) and/or --refresh-only-plan FILE \
             (`terraform plan -refresh-only -out=p && terraform show -json p`), or scan the \
             cloud with --live aws",
        ));
    }
    let mut states = req
        .states
        .iter()
        .map(|p| orbis_state::read_file(p, req.passphrase.as_ref()).map_err(DriftError::from))
        .collect::<Result<Vec<_>, _>>()?;
    states.extend(req.read_states.iter().cloned());
    let mut warnings = Vec::new();
    let inventory = match &req.inventory {
        _ if req.live.is_some() => req.live.clone(),
        Some(p) => {
            let (inv, w) = inventory::load_file(p, req.inventory_type.as_deref())?;
            warnings.extend(w);
            Some(inv)
        }
        None => None,
    };
    let plan = match &req.refresh_only_plan {
        Some(p) => Some(orbis_plan::load_file(p).map_err(|e| {
            DriftError::new(e.code, format!("{}: {}", p.display(), e.message), e.hint)
        })?),
        None => None,
    };
    let ignore = match &req.driftignore {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                DriftError::new(
                    "drift.driftignore_io",
                    format!("cannot read {}: {e}", p.display()),
                    "check the path",
                )
            })?;
            let ig = DriftIgnore::parse(&text);
            for (line, l) in &ig.invalid {
                warnings.push(format!(
                    "{}:{line}: `{l}` is not a rule (TYPE, TYPE.ID or TYPE.ID.FIELD); ignored",
                    p.display()
                ));
            }
            ig
        }
        None => DriftIgnore::default(),
    };
    let report = scan(ScanInput {
        states: states.iter().collect(),
        inventory: inventory.as_ref(),
        refresh_only: plan.as_ref(),
        ignore,
        warnings,
        strict: req.strict,
    });
    Ok(DriftOutcome {
        report,
        states,
        inventory,
    })
}
