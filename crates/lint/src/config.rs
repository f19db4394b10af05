//! Workspace configuration from `.orbis.toml` (section `[lint]`):
//!
//! ```toml
//! [lint]
//! disable = ["ORB-AWS-010"]            # rules to skip
//! enable = []                          # when non-empty, ONLY these rules run
//! required_tags = ["Owner", "Environment", "CostCenter"]
//! allowed_regions = ["eu-west-1", "westeurope", "europe-west1"]
//!
//! [lint.severity]                      # severity overrides
//! ORB-GOV-001 = "low"
//! ```

use crate::finding::Severity;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = ".orbis.toml";
pub const DEFAULT_REQUIRED_TAGS: [&str; 3] = ["Owner", "Environment", "CostCenter"];

#[derive(Clone, Debug)]
pub struct Config {
    pub disable: Vec<String>,
    pub enable: Vec<String>,
    pub severity: HashMap<String, Severity>,
    pub required_tags: Vec<String>,
    /// Empty: every region is allowed (the region rule stays silent).
    pub allowed_regions: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            disable: Vec::new(),
            enable: Vec::new(),
            severity: HashMap::new(),
            required_tags: DEFAULT_REQUIRED_TAGS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            allowed_regions: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LintSection {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: HashMap<String, String>,
    required_tags: Option<Vec<String>>,
    #[serde(default)]
    allowed_regions: Vec<String>,
}

#[derive(serde::Deserialize)]
struct FileShape {
    // Other sections of .orbis.toml belong to other features: ignore them.
    #[serde(default)]
    lint: Option<LintSection>,
}

impl Config {
    /// Parse the text of a `.orbis.toml`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let shape: FileShape = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let section = shape.lint.unwrap_or_default();
        let mut severity = HashMap::new();
        for (rule, sev) in section.severity {
            let s = Severity::parse(&sev).ok_or_else(|| {
                err(format!(
                    "severity of {rule}: `{sev}` is not one of info, low, medium, high, critical"
                ))
            })?;
            severity.insert(rule, s);
        }
        Ok(Config {
            disable: section.disable,
            enable: section.enable,
            severity,
            required_tags: section.required_tags.unwrap_or_else(|| {
                DEFAULT_REQUIRED_TAGS
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }),
            allowed_regions: section.allowed_regions,
        })
    }

    /// The `.orbis.toml` in `dir` or its nearest ancestor, or defaults when there is none.
    pub fn discover(dir: &Path) -> Result<Config, ConfigError> {
        let mut cur = Some(dir);
        while let Some(d) = cur {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate).map_err(|e| ConfigError {
                    path: candidate.clone(),
                    message: e.to_string(),
                })?;
                return Config::parse(&text, &candidate);
            }
            cur = d.parent();
        }
        Ok(Config::default())
    }

    pub fn is_enabled(&self, rule_id: &str) -> bool {
        if self.disable.iter().any(|r| r == rule_id) {
            return false;
        }
        self.enable.is_empty() || self.enable.iter().any(|r| r == rule_id)
    }

    pub fn severity_of(&self, rule_id: &str, default: Severity) -> Severity {
        self.severity.get(rule_id).copied().unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lint_section_and_ignores_other_sections() {
        let text = r#"
[cost]
currency = "EUR"

[lint]
disable = ["ORB-AWS-001"]
required_tags = ["Team"]
allowed_regions = ["eu-west-1"]
[lint.severity]
ORB-GOV-001 = "LOW"
"#;
        let c = Config::parse(text, Path::new(".orbis.toml")).unwrap();
        assert!(!c.is_enabled("ORB-AWS-001"));
        assert!(c.is_enabled("ORB-AWS-002"));
        assert_eq!(c.required_tags, vec!["Team"]);
        assert_eq!(c.allowed_regions, vec!["eu-west-1"]);
        assert_eq!(c.severity_of("ORB-GOV-001", Severity::High), Severity::Low);
    }

    #[test]
    fn rejects_bad_severity_and_unknown_keys() {
        let bad = "[lint.severity]\nX = \"urgent\"\n";
        assert!(Config::parse(bad, Path::new("a"))
            .unwrap_err()
            .message
            .contains("urgent"));
        let typo = "[lint]\ndisabled = [\"X\"]\n";
        assert!(Config::parse(typo, Path::new("a")).is_err());
    }

    #[test]
    fn enable_list_restricts_rules() {
        let c = Config::parse("[lint]\nenable = [\"A\"]\n", Path::new("a")).unwrap();
        assert!(c.is_enabled("A"));
        assert!(!c.is_enabled("B"));
        assert_eq!(Config::default().required_tags, DEFAULT_REQUIRED_TAGS);
    }
}
