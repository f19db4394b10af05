//! Resources from a Terraform plan JSON (through `orbis-plan`, so values are redacted and
//! every plan format is accepted): the prior side (`before`) and the planned side (`after`,
//! with `after_unknown` values marked unknown). The provider region comes from the plan's
//! `configuration.provider_config` (or a variable it references), else from the resource's
//! own `region`/`location`/`zone`/`availability_zone`/ARN.

use crate::error::CostError;
use crate::estimate::estimate_resources;
use crate::input::{unknown, ResourceInput};
use crate::model::{PlanEstimate, ResourceDelta};
use crate::Estimator;
use orbis_plan::{Action, Plan};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize, Default)]
struct ConfigOnly {
    #[serde(default)]
    configuration: Option<Configuration>,
    #[serde(default)]
    variables: Option<BTreeMap<String, VariableValue>>,
}

#[derive(Deserialize, Default)]
struct Configuration {
    #[serde(default)]
    provider_config: BTreeMap<String, ProviderConfig>,
}

#[derive(Deserialize, Default)]
struct ProviderConfig {
    #[serde(default)]
    name: String,
    #[serde(default)]
    expressions: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct VariableValue {
    #[serde(default)]
    value: Value,
}

/// Provider name (`aws`, `google`) → region from the plan's configuration.
fn provider_regions(bytes: &[u8]) -> BTreeMap<String, String> {
    let doc: ConfigOnly = serde_json::from_slice(bytes).unwrap_or_default();
    let vars = doc.variables.unwrap_or_default();
    let mut out = BTreeMap::new();
    for (k, p) in doc.configuration.unwrap_or_default().provider_config {
        let name = if p.name.is_empty() {
            k.split('.').next().unwrap_or(&k).to_string()
        } else {
            p.name.clone()
        };
        let Some(expr) = p.expressions.get("region") else {
            continue;
        };
        let region = expr
            .get("constant_value")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                let refs = expr.get("references")?.as_array()?;
                let var = refs
                    .iter()
                    .filter_map(Value::as_str)
                    .find_map(|r| r.strip_prefix("var."))?;
                vars.get(var)?.value.as_str().map(str::to_string)
            });
        if let Some(region) = region {
            // The default (un-aliased) provider wins over aliases.
            if !k.contains('.') || !out.contains_key(&name) {
                out.insert(name, region);
            }
        }
    }
    out
}

fn own_region(values: &Value) -> Option<String> {
    for k in ["region", "location", "zone"] {
        if let Some(s) = values.get(k).and_then(Value::as_str) {
            return Some(s.to_string());
        }
    }
    if let Some(az) = values.get("availability_zone").and_then(Value::as_str) {
        return Some(
            az.trim_end_matches(|c: char| c.is_ascii_lowercase())
                .to_string(),
        )
        .filter(|s| !s.is_empty());
    }
    values
        .get("arn")
        .and_then(Value::as_str)
        .and_then(|arn| arn.split(':').nth(3))
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

fn parse_raw(raw: &Option<Box<serde_json::value::RawValue>>) -> Option<Value> {
    raw.as_ref()
        .and_then(|r| serde_json::from_str(r.get()).ok())
}

/// Marks top-level (and first-level block) attributes unknown where `after_unknown` says so.
fn mark_unknowns(values: &mut Value, unknowns: &Value) {
    let (Value::Object(v), Value::Object(u)) = (values, unknowns) else {
        return;
    };
    for (k, flag) in u {
        match flag {
            Value::Bool(true) => {
                v.insert(k.clone(), unknown());
            }
            Value::Object(_) | Value::Array(_) => {
                if let Some(child) = v.get_mut(k) {
                    mark_unknowns_nested(child, flag);
                }
            }
            _ => {}
        }
    }
}

fn mark_unknowns_nested(values: &mut Value, unknowns: &Value) {
    match (values, unknowns) {
        (v @ Value::Object(_), u @ Value::Object(_)) => mark_unknowns(v, u),
        (Value::Array(vs), Value::Array(us)) => {
            for (v, u) in vs.iter_mut().zip(us) {
                mark_unknowns_nested(v, u);
            }
        }
        _ => {}
    }
}

/// The two sides of a loaded plan as resources to price, plus each change's action.
pub struct PlanSides {
    pub before: Vec<ResourceInput>,
    pub after: Vec<ResourceInput>,
    pub actions: Vec<(String, String, String)>,
}

pub fn plan_sides(plan: &Plan, regions: &BTreeMap<String, String>) -> PlanSides {
    let mut sides = PlanSides {
        before: Vec::new(),
        after: Vec::new(),
        actions: Vec::new(),
    };
    for rc in &plan.resource_changes {
        if rc.mode != "managed" || rc.deposed.is_some() {
            continue;
        }
        let provider = crate::input::provider_of(&rc.resource_type).to_string();
        let region_for =
            |values: &Value| own_region(values).or_else(|| regions.get(&provider).cloned());
        let keeps_before = !matches!(rc.action, Action::Create);
        let has_after = !matches!(rc.action, Action::Delete | Action::Forget);
        if keeps_before {
            if let Some(before) = parse_raw(&rc.before).filter(|v| v.is_object()) {
                let region = region_for(&before);
                sides.before.push(ResourceInput::new(
                    &rc.address,
                    &rc.resource_type,
                    region.as_deref(),
                    before,
                ));
            }
        }
        if has_after {
            let mut after = parse_raw(&rc.after)
                .filter(|v| v.is_object())
                .unwrap_or_else(|| Value::Object(Default::default()));
            if let Some(u) = parse_raw(&rc.after_unknown) {
                mark_unknowns(&mut after, &u);
            }
            let region = region_for(&after);
            sides.after.push(ResourceInput::new(
                &rc.address,
                &rc.resource_type,
                region.as_deref(),
                after,
            ));
        }
        sides.actions.push((
            rc.address.clone(),
            rc.resource_type.clone(),
            rc.action.name().to_string(),
        ));
    }
    sides
}

/// Estimates both sides of a plan document and the per-resource delta.
pub fn estimate_plan_bytes(
    bytes: &[u8],
    source: &str,
    estimator: &Estimator,
) -> Result<PlanEstimate, CostError> {
    let plan = orbis_plan::load_bytes(bytes, source).map_err(|e| {
        // The plan engine's own hint says what to do for this exact failure; keep one hint.
        let position = match (e.offset, e.line, e.column) {
            (Some(o), Some(l), Some(c)) => format!(" (byte {o}, line {l}, column {c})"),
            _ => String::new(),
        };
        CostError::new(
            "cost.plan",
            format!("{source}: [{}] {}{position}", e.code, e.message),
            e.hint,
        )
    })?;
    let regions = provider_regions(bytes);
    let sides = plan_sides(&plan, &regions);
    let before = estimate_resources(&sides.before, &estimator.catalog, &estimator.usage);
    let after = estimate_resources(&sides.after, &estimator.catalog, &estimator.usage);
    let cost_of = |e: &crate::Estimate| -> BTreeMap<String, f64> {
        e.resources
            .iter()
            .map(|r| (r.address.clone(), r.monthly_cost))
            .collect()
    };
    let (b, a) = (cost_of(&before), cost_of(&after));
    let deltas = sides
        .actions
        .into_iter()
        .filter_map(|(address, resource_type, action)| {
            let past = b.get(&address).copied().unwrap_or(0.0);
            let now = a.get(&address).copied().unwrap_or(0.0);
            (past != 0.0 || now != 0.0).then_some(ResourceDelta {
                address,
                resource_type,
                action,
                past_monthly_cost: past,
                monthly_cost: now,
                diff_monthly_cost: now - past,
            })
        })
        .collect();
    Ok(PlanEstimate {
        after,
        before,
        deltas,
    })
}

pub fn estimate_plan_file(path: &Path, estimator: &Estimator) -> Result<PlanEstimate, CostError> {
    let bytes = std::fs::read(path).map_err(|e| {
        CostError::new(
            "cost.io",
            format!("cannot read {}: {e}", path.display()),
            "check the plan file path",
        )
    })?;
    estimate_plan_bytes(&bytes, &path.display().to_string(), estimator)
}
