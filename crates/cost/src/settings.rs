//! Cost settings in `.orbis.toml` (shared with the linter, which ignores our tables). Parsed
//! leniently: unknown keys are ignored and a malformed `[cost]` table gives defaults plus a
//! warning, never an error that would break linting.
//!
//! ```toml
//! [cost]
//! chargeback_tags = ["Owner", "CostCenter", "Environment"]
//!
//! [cost.budgets.prod]          # a budget per workspace/environment name
//! monthly_total = 5000         # the estimate's total must not exceed this
//! monthly_delta = 250          # a plan may not add more than this per month
//! ```

use crate::budget::Budget;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct CostSettings {
    pub budgets: Vec<Budget>,
    pub chargeback_tags: Vec<String>,
    pub warnings: Vec<String>,
}

impl Default for CostSettings {
    fn default() -> Self {
        CostSettings {
            budgets: Vec::new(),
            chargeback_tags: vec!["Owner".into(), "CostCenter".into(), "Environment".into()],
            warnings: Vec::new(),
        }
    }
}

impl CostSettings {
    pub fn load(path: &Path) -> CostSettings {
        match std::fs::read_to_string(path) {
            Ok(text) => CostSettings::parse(&text),
            Err(_) => CostSettings::default(),
        }
    }

    pub fn parse(text: &str) -> CostSettings {
        let mut s = CostSettings::default();
        let doc: toml::Table = match text.parse() {
            Ok(d) => d,
            Err(e) => {
                s.warnings.push(format!(
                    ".orbis.toml is not valid TOML ({e}); no budgets applied"
                ));
                return s;
            }
        };
        let Some(cost) = doc.get("cost").and_then(|c| c.as_table()) else {
            return s;
        };
        if let Some(tags) = cost.get("chargeback_tags").and_then(|t| t.as_array()) {
            s.chargeback_tags = tags
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect();
        }
        if let Some(budgets) = cost.get("budgets").and_then(|b| b.as_table()) {
            for (name, b) in budgets {
                let num = |k: &str| {
                    b.get(k)
                        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                };
                let budget = Budget {
                    name: name.clone(),
                    monthly_total: num("monthly_total"),
                    monthly_delta: num("monthly_delta"),
                };
                if budget.monthly_total.is_none() && budget.monthly_delta.is_none() {
                    s.warnings.push(format!("[cost.budgets.{name}] sets neither monthly_total nor monthly_delta; ignored"));
                    continue;
                }
                s.budgets.push(budget);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_and_tags_are_read_and_lint_tables_ignored() {
        let s = CostSettings::parse("[lint]\nskip=['x']\n[cost]\nchargeback_tags=['Team']\n[cost.budgets.prod]\nmonthly_total = 100\nmonthly_delta = 12.5\n[cost.budgets.bad]\nfoo=1\n");
        assert_eq!(s.chargeback_tags, vec!["Team"]);
        assert_eq!(s.budgets.len(), 1);
        assert_eq!(s.budgets[0].monthly_total, Some(100.0));
        assert_eq!(s.budgets[0].monthly_delta, Some(12.5));
        assert_eq!(s.warnings.len(), 1);
        assert!(CostSettings::parse("not toml [").warnings.len() == 1);
    }
}
