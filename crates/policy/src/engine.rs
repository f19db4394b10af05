//! Running policies with regorus. One engine per policy file keeps packages, syntax
//! versions and errors separate; the input document is parsed once and shared.

use crate::messages::messages;
use crate::Policy;
use orbis_plan::{Plan, PolicyFinding, PolicyResult};
use regorus::{Engine, Value};
use serde::Serialize;

/// Parameters of the bundled policies, visible to every policy as `data.orbis.config`.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyConfig {
    pub required_tags: Vec<String>,
    pub allowed_regions: Vec<String>,
    /// Largest allowed AWS size (`4xlarge`) and GCP vCPU count.
    pub max_instance_size: String,
    pub max_vcpus: u32,
    pub admin_ports: Vec<u16>,
    /// `required_tags` reports missing tags as `warn` unless this is set: almost every real
    /// plan misses some tag, and a default that fails every review gets switched off
    /// instead of fixed. Governance teams that enforce tagging turn this on (or ship their
    /// own deny policy).
    pub required_tags_deny: bool,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig {
            required_tags: vec!["Environment".into(), "Owner".into()],
            allowed_regions: [
                "us-east-1",
                "us-east-2",
                "us-west-2",
                "eu-west-1",
                "eu-central-1", // aws
                "eastus",
                "eastus2",
                "westus2",
                "westeurope",
                "northeurope", // azure
                "us-central1",
                "us-east1",
                "europe-west1",
                "europe-west4", // google
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            max_instance_size: "4xlarge".into(),
            max_vcpus: 16,
            admin_ports: vec![22, 3389],
            required_tags_deny: false,
        }
    }
}

/// Evaluates policies on a redacted plan.
pub fn evaluate_plan(
    policies: &[Policy],
    plan: &Plan,
    config: &PolicyConfig,
) -> Vec<PolicyFinding> {
    evaluate(policies, &plan.redacted_json(), config)
}

/// Evaluates policies on an input document (JSON text). Every policy yields at least one
/// finding: its deny/warn messages, `pass`, or `error` when it cannot be parsed or run.
pub fn evaluate(
    policies: &[Policy],
    input_json: &str,
    config: &PolicyConfig,
) -> Vec<PolicyFinding> {
    let input = match Value::from_json_str(input_json) {
        Ok(v) => v,
        Err(e) => {
            return policies
                .iter()
                .map(|p| {
                    finding(
                        p,
                        PolicyResult::Error,
                        format!("input is not JSON: {e}"),
                        None,
                    )
                })
                .collect();
        }
    };
    let data = serde_json::json!({"orbis": {"config": config}});
    let data = Value::from_json_str(&data.to_string()).unwrap_or_else(|_| Value::new_object());
    policies
        .iter()
        .flat_map(|p| run_one(p, &input, &data))
        .collect()
}

fn finding(
    p: &Policy,
    result: PolicyResult,
    message: String,
    address: Option<String>,
) -> PolicyFinding {
    PolicyFinding {
        policy: p.name.clone(),
        result,
        message,
        address,
    }
}

/// Why `p` does not parse (neither as Rego v1 nor as v0), or `None` when it does: what a
/// publisher of policies checks before handing them to others.
pub fn parse_error(p: &Policy) -> Option<String> {
    engine_for(p).err()
}

/// Parses as Rego v1, then v0 (older conftest policies).
fn engine_for(p: &Policy) -> Result<(Engine, String), String> {
    let mut errors = Vec::new();
    for v0 in [false, true] {
        let mut engine = Engine::new();
        engine.set_rego_v0(v0);
        match engine.add_policy(p.origin.clone(), p.source.clone()) {
            Ok(package) => return Ok((engine, package)),
            Err(e) => errors.push(e.to_string()),
        }
    }
    Err(errors.into_iter().next().unwrap_or_default())
}

fn run_one(p: &Policy, input: &Value, data: &Value) -> Vec<PolicyFinding> {
    let (mut engine, package) = match engine_for(p) {
        Ok(x) => x,
        Err(e) => {
            return vec![finding(
                p,
                PolicyResult::Error,
                format!("policy does not parse: {e}"),
                None,
            )]
        }
    };
    if let Err(e) = engine.add_data(data.clone()) {
        return vec![finding(
            p,
            PolicyResult::Error,
            format!("policy data: {e}"),
            None,
        )];
    }
    engine.set_input(input.clone());
    let mut out = Vec::new();
    for (rule, result) in [
        ("deny", PolicyResult::Deny),
        ("violation", PolicyResult::Deny),
        ("warn", PolicyResult::Warn),
    ] {
        if !engine
            .has_declared_rule_rooted_at(&p.origin, rule)
            .unwrap_or(false)
        {
            continue;
        }
        let value = match engine.eval_rule(format!("{package}.{rule}")) {
            Ok(v) => v,
            Err(e) => {
                out.push(finding(
                    p,
                    PolicyResult::Error,
                    format!("{rule} failed: {e}"),
                    None,
                ));
                continue;
            }
        };
        let json = if value == Value::Undefined {
            serde_json::Value::Null
        } else {
            value
                .to_json_str()
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default()
        };
        for m in messages(&json) {
            out.push(finding(p, result, m.text, m.address));
        }
    }
    if out.is_empty() {
        out.push(finding(p, PolicyResult::Pass, "no violations".into(), None));
    }
    out
}
