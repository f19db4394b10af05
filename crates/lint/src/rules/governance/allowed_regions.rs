//! ORB-GOV-002: resources and providers stay in the regions the organisation allows
//! (`allowed_regions` in `.orbis.toml`; empty = no restriction, the rule is silent).

use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::rule::{Ctx, Rule, RuleMeta, Sink};

pub static RULE: AllowedRegions = AllowedRegions;

pub struct AllowedRegions;

static META: RuleMeta = RuleMeta {
    id: "ORB-GOV-002",
    title: "Region is not in the allowed list",
    severity: Severity::Medium,
    doc: r#"Data residency rules, latency and cost agreements usually restrict where infrastructure
may run. List the permitted regions in `.orbis.toml` (`allowed_regions`, e.g. `eu-west-1`,
`westeurope`, `europe-west1`); the rule then reports AWS/Google provider regions and Azure/Google
resource locations outside that list. Unknown regions (variables without defaults) are not
reported."#,
    fix_hint: "Deploy to an allowed region or extend `allowed_regions` in .orbis.toml.",
    checkov: &[],
    kics: &[],
    tfsec: &[],
};

/// Azure writes `West Europe` or `westeurope`; compare without spaces and case.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

impl Rule for AllowedRegions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workspace(&self, cx: &Ctx, out: &mut Vec<Finding>) {
        let allowed: Vec<String> = cx
            .config
            .allowed_regions
            .iter()
            .map(|r| normalize(r))
            .collect();
        if allowed.is_empty() {
            return;
        }
        let ok = |v: &str| {
            let n = normalize(v);
            // Google zones (europe-west1-b) belong to their region.
            allowed.iter().any(|a| {
                n == *a
                    || (n.starts_with(a.as_str())
                        && n[a.len()..].starts_with('-')
                        && n.len() == a.len() + 2)
            })
        };
        for p in cx
            .ws
            .providers
            .iter()
            .filter(|p| p.name == "aws" || p.name == "google" || p.name == "google-beta")
        {
            if let Some(a) = p.body.attr("region") {
                if let Value::Str(s) = &a.value {
                    if !ok(s) {
                        Sink::new(
                            &META,
                            p.file,
                            format!("provider.{}", p.name),
                            p.body.span,
                            out,
                        )
                        .report(a.span, format!("region {s} is not allowed"));
                    }
                }
            }
        }
        for r in cx.ws.resources.iter().filter(|r| !r.is_data) {
            let attr = if r.rtype.starts_with("azurerm_") {
                "location"
            } else if r.rtype.starts_with("google_") {
                if r.attr("region").is_some() {
                    "region"
                } else {
                    "location"
                }
            } else if r.rtype.starts_with("aws_") {
                "region"
            } else {
                continue;
            };
            let Some(a) = r.attr(attr) else { continue };
            let Value::Str(s) = &a.value else { continue };
            // Multi-region Google locations (EU, US) are not regions.
            if r.rtype.starts_with("google_")
                && matches!(
                    s.to_ascii_uppercase().as_str(),
                    "EU" | "US" | "ASIA" | "GLOBAL"
                )
            {
                continue;
            }
            if !ok(s) {
                Sink::new(&META, r.file, r.address.clone(), r.body.span, out)
                    .report(a.span, format!("{attr} {s} is not allowed"));
            }
        }
    }
}
