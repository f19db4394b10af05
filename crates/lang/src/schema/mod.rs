//! Provider schemas: the resource, data source and provider configuration blocks that
//! completion and hover describe. Loaded from the standard `terraform providers schema -json`
//! output ([`ProviderSchemas::from_terraform_json`]) and from the crate's own compact text
//! format ([`compact`]), in which the bundled set is shipped ([`ProviderSchemas::bundled`]).

pub mod compact;
mod json;

use std::collections::BTreeMap;
use std::sync::Arc;

/// How a nested block (or nested attribute type) repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nesting {
    Single,
    Group,
    List,
    Set,
    Map,
}

impl Nesting {
    pub fn as_str(self) -> &'static str {
        match self {
            Nesting::Single => "single",
            Nesting::Group => "group",
            Nesting::List => "list",
            Nesting::Set => "set",
            Nesting::Map => "map",
        }
    }

    pub fn parse(s: &str) -> Option<Nesting> {
        Some(match s {
            "single" => Nesting::Single,
            "group" => Nesting::Group,
            "list" => Nesting::List,
            "set" => Nesting::Set,
            "map" => Nesting::Map,
            _ => return None,
        })
    }
}

/// A block's schema: a resource, a data source, a provider configuration or a nested block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockSchema {
    pub description: Option<String>,
    pub deprecated: bool,
    pub attributes: Vec<AttributeSchema>,
    pub blocks: Vec<NestedBlockSchema>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttributeSchema {
    pub name: String,
    /// The type as a Terraform type constraint: `string`, `list(string)`,
    /// `map(object({a=string}))`, `dynamic`; for a nested attribute type, e.g. `list(object)`.
    pub type_name: String,
    pub required: bool,
    pub optional: bool,
    pub computed: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    pub description: Option<String>,
    /// Attributes of a nested attribute type (`nested_type` in the JSON), if it is one.
    pub nested: Option<NestedAttributes>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NestedAttributes {
    pub nesting: Nesting,
    pub attributes: Vec<AttributeSchema>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NestedBlockSchema {
    pub name: String,
    pub nesting: Nesting,
    pub min_items: u32,
    /// `None`: unbounded.
    pub max_items: Option<u32>,
    pub block: BlockSchema,
}

impl AttributeSchema {
    /// Can be set in configuration (required or optional), as opposed to computed only.
    pub fn is_argument(&self) -> bool {
        self.required || self.optional
    }
}

impl NestedBlockSchema {
    pub fn is_required(&self) -> bool {
        self.min_items > 0
    }
}

impl BlockSchema {
    pub fn attribute(&self, name: &str) -> Option<&AttributeSchema> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn block(&self, name: &str) -> Option<&NestedBlockSchema> {
        self.blocks.iter().find(|b| b.name == name)
    }

    /// Number of attributes and blocks, nested ones included.
    pub fn size(&self) -> usize {
        fn attrs(a: &[AttributeSchema]) -> usize {
            a.iter()
                .map(|a| 1 + a.nested.as_ref().map_or(0, |n| attrs(&n.attributes)))
                .sum()
        }
        attrs(&self.attributes)
            + self
                .blocks
                .iter()
                .map(|b| 1 + b.block.size())
                .sum::<usize>()
    }
}

/// One provider's schemas.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderSchema {
    /// Local name (`aws`), taken from the last part of the source address.
    pub name: String,
    /// Source address as in the JSON (`registry.terraform.io/hashicorp/aws`).
    pub source: String,
    /// Version, when the source says it (the compact format keeps it; the JSON has none).
    pub version: Option<String>,
    /// The `provider "aws" { ... }` configuration block.
    pub provider: Option<Arc<BlockSchema>>,
    pub resources: BTreeMap<String, Arc<BlockSchema>>,
    pub data_sources: BTreeMap<String, Arc<BlockSchema>>,
}

/// A set of provider schemas, keyed by provider local name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderSchemas {
    pub providers: BTreeMap<String, ProviderSchema>,
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("not a `providers schema -json` document: {0}")]
    Json(String),
    #[error("unsupported format_version {0:?} (1.x expected)")]
    FormatVersion(String),
    #[error("compact schema, line {line}: {message}")]
    Compact { line: usize, message: String },
}

/// The schema set shipped in the crate (see the crate's README.md).
const BUNDLED: &[(&str, &str)] = &[
    (
        "terraform-builtin.schema",
        include_str!("../../schemas/terraform-builtin.schema"),
    ),
    (
        "hand-written.schema",
        include_str!("../../schemas/hand-written.schema"),
    ),
];

/// The provider local name of a source address: its last part.
pub fn provider_local_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

impl ProviderSchemas {
    /// The bundled set (parsed on each call; a few milliseconds).
    pub fn bundled() -> ProviderSchemas {
        let mut out = ProviderSchemas::default();
        for (name, text) in BUNDLED {
            match compact::parse(text) {
                Ok(s) => out.merge(s),
                // A test parses the bundled files: this cannot happen in a release.
                Err(e) => debug_assert!(false, "bundled schema {name}: {e}"),
            }
        }
        out
    }

    /// Parses `terraform providers schema -json` output (format 1.x; also the 0.x
    /// documents of Terraform 0.12–0.15, which have the same shape).
    pub fn from_terraform_json(bytes: &[u8]) -> Result<ProviderSchemas, SchemaError> {
        json::parse(bytes)
    }

    /// Parses the compact text format.
    pub fn from_compact(text: &str) -> Result<ProviderSchemas, SchemaError> {
        compact::parse(text)
    }

    /// Writes the compact text format.
    pub fn to_compact(&self, options: &compact::WriteOptions) -> String {
        compact::write(self, options)
    }

    /// Adds `other` over `self`: a provider present in both keeps its types not in `other`
    /// and takes `other`'s schema for every type `other` has.
    pub fn merge(&mut self, other: ProviderSchemas) {
        for (name, p) in other.providers {
            match self.providers.get_mut(&name) {
                None => {
                    self.providers.insert(name, p);
                }
                Some(mine) => {
                    mine.source = p.source;
                    if p.version.is_some() {
                        mine.version = p.version;
                    }
                    if p.provider.is_some() {
                        mine.provider = p.provider;
                    }
                    mine.resources.extend(p.resources);
                    mine.data_sources.extend(p.data_sources);
                }
            }
        }
    }

    pub fn resource(&self, type_name: &str) -> Option<&BlockSchema> {
        self.providers
            .values()
            .find_map(|p| p.resources.get(type_name))
            .map(Arc::as_ref)
    }

    pub fn data_source(&self, type_name: &str) -> Option<&BlockSchema> {
        self.providers
            .values()
            .find_map(|p| p.data_sources.get(type_name))
            .map(Arc::as_ref)
    }

    /// The configuration block of `provider "<name>"`.
    pub fn provider_config(&self, name: &str) -> Option<&BlockSchema> {
        self.providers.get(name)?.provider.as_deref()
    }

    /// Every resource type, with its provider's local name, sorted by type.
    pub fn resource_types(&self) -> Vec<(&str, &str, &BlockSchema)> {
        let mut v: Vec<_> = self
            .providers
            .values()
            .flat_map(|p| {
                p.resources
                    .iter()
                    .map(move |(t, s)| (t.as_str(), p.name.as_str(), s.as_ref()))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }

    /// Every data source type, with its provider's local name, sorted by type.
    pub fn data_source_types(&self) -> Vec<(&str, &str, &BlockSchema)> {
        let mut v: Vec<_> = self
            .providers
            .values()
            .flat_map(|p| {
                p.data_sources
                    .iter()
                    .map(move |(t, s)| (t.as_str(), p.name.as_str(), s.as_ref()))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }

    pub fn resource_count(&self) -> usize {
        self.providers.values().map(|p| p.resources.len()).sum()
    }

    pub fn data_source_count(&self) -> usize {
        self.providers.values().map(|p| p.data_sources.len()).sum()
    }
}

/// A description cut to its first sentence (at most `max` characters), on one line.
pub fn short_description(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = one_line.len();
    for (i, _) in one_line.match_indices(". ") {
        // Skip abbreviations such as "e.g. " and "i.e. ".
        let before = &one_line[..i];
        if before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with("etc") {
            continue;
        }
        end = i + 1;
        break;
    }
    let sentence = &one_line[..end];
    if sentence.chars().count() > max {
        let cut: String = sentence.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        sentence.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_descriptions_keep_the_first_sentence() {
        assert_eq!(
            short_description("The name of the bucket. If omitted, a random name.", 160),
            "The name of the bucket."
        );
        assert_eq!(
            short_description("Uses e.g. gp3 volumes.\nMore text.", 160),
            "Uses e.g. gp3 volumes."
        );
        assert_eq!(short_description("abcdefgh", 5), "abcd…");
        assert_eq!(short_description("  multi\n line  ", 160), "multi line");
    }

    #[test]
    fn provider_names_come_from_source_addresses() {
        assert_eq!(
            provider_local_name("registry.terraform.io/hashicorp/aws"),
            "aws"
        );
        assert_eq!(
            provider_local_name("terraform.io/builtin/terraform"),
            "terraform"
        );
        assert_eq!(provider_local_name("aws"), "aws");
    }
}
