//! SARIF 2.1.0: one result per risk reason at medium or above and per failing policy
//! message, so code-scanning UIs can list plan risks next to lint findings.

use crate::review::{PolicyResult, Review};
use crate::risk::RiskLevel;
use serde_json::{json, Value};

fn sarif_level(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Critical | RiskLevel::High => "error",
        RiskLevel::Medium => "warning",
        _ => "note",
    }
}

pub fn render(review: &Review) -> String {
    let mut results: Vec<Value> = Vec::new();
    let mut rules: Vec<String> = Vec::new();
    let rule = |id: String, rules: &mut Vec<String>| {
        if !rules.contains(&id) {
            rules.push(id.clone());
        }
        id
    };
    for (p, c, r) in review.changes() {
        for reason in r.reasons.iter().filter(|x| x.level >= RiskLevel::Medium) {
            let id = rule(format!("plan-risk/{}", reason.code), &mut rules);
            results.push(json!({
                "ruleId": id,
                "level": sarif_level(reason.level),
                "message": {"text": format!("{}: {} ({})", c.address, reason.message, reason.level.name())},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": p.source}},
                               "logicalLocations": [{"fullyQualifiedName": c.address, "kind": "resource"}]}],
            }));
        }
    }
    for f in review
        .policy
        .iter()
        .filter(|f| f.result != PolicyResult::Pass)
    {
        let id = rule(format!("policy/{}", f.policy), &mut rules);
        let level = if f.result == PolicyResult::Warn {
            "warning"
        } else {
            "error"
        };
        let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": review.plans.first().map(|p| p.source.as_str()).unwrap_or("plan.json")}}});
        if let Some(a) = &f.address {
            loc["logicalLocations"] = json!([{"fullyQualifiedName": a, "kind": "resource"}]);
        }
        results.push(json!({"ruleId": id, "level": level, "message": {"text": f.message}, "locations": [loc]}));
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orbis plan review",
                "informationUri": "https://github.com/terraorbis/terraorbis",
                "rules": rules.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
            }},
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
