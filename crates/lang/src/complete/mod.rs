//! Context-aware completion: the cursor's context comes from the text (see [`context`]), the
//! candidates from the module's symbol index, the local child modules and the provider
//! schemas.

mod context;

use crate::docs::{attribute_detail, block_detail};
use crate::functions::{is_computed_offline, FUNCTIONS};
use crate::index::ModuleIndex;
use crate::outline::match_score;
use crate::schema::{BlockSchema, Nesting};
use crate::workspace::LangWorkspace;
use context::{context_at, BlockHeader, ChainPart, Position};
use orbis_hcl::{FileKind, SymbolKind};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    ResourceType,
    DataSourceType,
    Attribute,
    Block,
    Variable,
    Local,
    Module,
    Output,
    Resource,
    DataSource,
    Function,
    Snippet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line: a type and whether it is required, a signature, a provider…
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// Text replacing `replace_start..cursor`; with `${1:name}` snippet fields when
    /// `snippet` is true.
    pub insert_text: String,
    pub snippet: bool,
    pub deprecated: bool,
}

/// The candidates at a cursor. Items are filtered by the word being typed (case-insensitive
/// subsequence) and ordered: required arguments first, then the rest, deprecated last.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completions {
    /// Start (byte) of the word being completed; it ends at the cursor.
    pub replace_start: usize,
    pub items: Vec<CompletionItem>,
}

fn item(label: &str, kind: CompletionKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind,
        detail,
        documentation: None,
        insert_text: label.to_string(),
        snippet: false,
        deprecated: false,
    }
}

fn with_doc(mut i: CompletionItem, doc: Option<String>) -> CompletionItem {
    i.documentation = doc.filter(|d| !d.is_empty());
    i
}

fn snippet(mut i: CompletionItem, text: &str) -> CompletionItem {
    i.insert_text = text.to_string();
    i.snippet = true;
    i
}

/// Top-level blocks: (keyword, snippet, summary).
const TOP_LEVEL: &[(&str, &str, &str)] = &[
    ("resource", "resource \"${1:type}\" \"${2:name}\" {\n  ${3}\n}", "A managed resource."),
    ("data", "data \"${1:type}\" \"${2:name}\" {\n  ${3}\n}", "A data source: reads information defined outside this configuration."),
    ("variable", "variable \"${1:name}\" {\n  type        = ${2:string}\n  description = \"${3}\"\n}", "An input variable of the module."),
    ("output", "output \"${1:name}\" {\n  value       = ${2}\n  description = \"${3}\"\n}", "An output value of the module."),
    ("locals", "locals {\n  ${1:name} = ${2}\n}", "Local values: named expressions of the module."),
    ("module", "module \"${1:name}\" {\n  source = \"${2}\"\n}", "A call of a child module."),
    ("provider", "provider \"${1:name}\" {\n  ${2}\n}", "A provider configuration."),
    ("terraform", "terraform {\n  required_version = \"${1:>= 1.5}\"\n\n  required_providers {\n    ${2}\n  }\n}", "Settings of Terraform itself: versions, providers, backend."),
    ("moved", "moved {\n  from = ${1}\n  to   = ${2}\n}", "Records that an object moved to a new address (refactoring without re-creating)."),
    ("import", "import {\n  to = ${1}\n  id = \"${2}\"\n}", "Imports an existing object into a resource address."),
    ("check", "check \"${1:name}\" {\n  assert {\n    condition     = ${2}\n    error_message = \"${3}\"\n  }\n}", "A continuous validation, reported as a warning."),
    ("removed", "removed {\n  from = ${1}\n\n  lifecycle {\n    destroy = ${2:false}\n  }\n}", "Removes an object from the configuration, optionally without destroying it."),
];

/// Meta-arguments of resources and data sources: (name, snippet, summary, data too).
const RESOURCE_META: &[(&str, &str, &str, bool)] = &[
    (
        "count",
        "count = ${1}",
        "Number of instances to create.",
        true,
    ),
    (
        "for_each",
        "for_each = ${1}",
        "One instance per element of a map or set of strings.",
        true,
    ),
    (
        "depends_on",
        "depends_on = [${1}]",
        "Explicit dependencies not visible in expressions.",
        true,
    ),
    (
        "provider",
        "provider = ${1}",
        "Non-default provider configuration (`aws.west`).",
        true,
    ),
    (
        "lifecycle",
        "lifecycle {\n  ${1}\n}",
        "Create-before-destroy, prevent-destroy, ignored changes, conditions.",
        true,
    ),
    (
        "provisioner",
        "provisioner \"${1:local-exec}\" {\n  ${2}\n}",
        "Runs an action on create or destroy (last resort).",
        false,
    ),
    (
        "connection",
        "connection {\n  ${1}\n}",
        "How provisioners reach the remote object.",
        false,
    ),
];

/// Static bodies: (block path, [(name, snippet, summary)]).
type StaticBody = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);
const STATIC_BODIES: &[StaticBody] = &[
    (
        "variable",
        &[
            (
                "type",
                "type = ${1:string}",
                "Type constraint of the value.",
            ),
            (
                "description",
                "description = \"${1}\"",
                "What the variable is for.",
            ),
            (
                "default",
                "default = ${1}",
                "Value used when none is given (makes the variable optional).",
            ),
            (
                "sensitive",
                "sensitive = ${1:true}",
                "Hide the value in plan output.",
            ),
            (
                "nullable",
                "nullable = ${1:false}",
                "Whether null is an accepted value.",
            ),
            (
                "ephemeral",
                "ephemeral = ${1:true}",
                "The value is not stored in the plan or state.",
            ),
            (
                "validation",
                "validation {\n  condition     = ${1}\n  error_message = \"${2}\"\n}",
                "A rule the value must satisfy.",
            ),
        ],
    ),
    (
        "variable/validation",
        &[
            (
                "condition",
                "condition = ${1}",
                "Must be true for a valid value.",
            ),
            (
                "error_message",
                "error_message = \"${1}\"",
                "Shown when the condition is false.",
            ),
        ],
    ),
    (
        "output",
        &[
            ("value", "value = ${1}", "The value of the output."),
            (
                "description",
                "description = \"${1}\"",
                "What the output is.",
            ),
            (
                "sensitive",
                "sensitive = ${1:true}",
                "Hide the value in CLI output.",
            ),
            (
                "ephemeral",
                "ephemeral = ${1:true}",
                "The value is not stored (child modules only).",
            ),
            (
                "depends_on",
                "depends_on = [${1}]",
                "Explicit dependencies.",
            ),
            (
                "precondition",
                "precondition {\n  condition     = ${1}\n  error_message = \"${2}\"\n}",
                "A check before the value is used.",
            ),
        ],
    ),
    (
        "terraform",
        &[
            (
                "required_version",
                "required_version = \"${1:>= 1.5}\"",
                "Terraform versions this configuration works with.",
            ),
            (
                "required_providers",
                "required_providers {\n  ${1}\n}",
                "Providers with their source and version.",
            ),
            (
                "backend",
                "backend \"${1:s3}\" {\n  ${2}\n}",
                "Where the state is stored.",
            ),
            (
                "cloud",
                "cloud {\n  ${1}\n}",
                "HCP Terraform / Terraform Enterprise settings.",
            ),
            (
                "experiments",
                "experiments = [${1}]",
                "Opt-in experimental language features.",
            ),
            (
                "provider_meta",
                "provider_meta \"${1}\" {\n  ${2}\n}",
                "Metadata passed to a provider.",
            ),
        ],
    ),
    (
        "lifecycle",
        &[
            (
                "create_before_destroy",
                "create_before_destroy = ${1:true}",
                "Create the replacement before destroying the old object.",
            ),
            (
                "prevent_destroy",
                "prevent_destroy = ${1:true}",
                "Reject any plan that would destroy this object.",
            ),
            (
                "ignore_changes",
                "ignore_changes = [${1}]",
                "Attributes whose changes are ignored when planning updates.",
            ),
            (
                "replace_triggered_by",
                "replace_triggered_by = [${1}]",
                "Replace this object when the referenced ones change.",
            ),
            (
                "precondition",
                "precondition {\n  condition     = ${1}\n  error_message = \"${2}\"\n}",
                "Checked before the object is planned.",
            ),
            (
                "postcondition",
                "postcondition {\n  condition     = ${1}\n  error_message = \"${2}\"\n}",
                "Checked after the object is planned or applied.",
            ),
        ],
    ),
    (
        "moved",
        &[
            ("from", "from = ${1}", "The old address."),
            ("to", "to = ${1}", "The new address."),
        ],
    ),
    (
        "import",
        &[
            ("to", "to = ${1}", "The resource address to import into."),
            (
                "id",
                "id = \"${1}\"",
                "The provider's identifier of the existing object.",
            ),
            (
                "identity",
                "identity = {\n  ${1}\n}",
                "The object's identity attributes (instead of id).",
            ),
            (
                "provider",
                "provider = ${1}",
                "Non-default provider configuration.",
            ),
            ("for_each", "for_each = ${1}", "Import several objects."),
        ],
    ),
    (
        "removed",
        &[
            ("from", "from = ${1}", "The address of the removed object."),
            (
                "lifecycle",
                "lifecycle {\n  destroy = ${1:false}\n}",
                "Whether to destroy the object (false: only forget it).",
            ),
            (
                "provisioner",
                "provisioner \"${1:local-exec}\" {\n  ${2}\n}",
                "A destroy-time provisioner.",
            ),
        ],
    ),
    (
        "check",
        &[
            (
                "data",
                "data \"${1:type}\" \"${2:name}\" {\n  ${3}\n}",
                "A scoped data source, read only for this check.",
            ),
            (
                "assert",
                "assert {\n  condition     = ${1}\n  error_message = \"${2}\"\n}",
                "A condition reported as a warning when false.",
            ),
        ],
    ),
    (
        "check/assert",
        &[
            ("condition", "condition = ${1}", "Must be true."),
            (
                "error_message",
                "error_message = \"${1}\"",
                "Shown when the condition is false.",
            ),
        ],
    ),
    (
        "dynamic",
        &[
            (
                "for_each",
                "for_each = ${1}",
                "The collection to generate one block per element of.",
            ),
            (
                "iterator",
                "iterator = ${1}",
                "Name of the iteration variable (default: the block type).",
            ),
            (
                "labels",
                "labels = [${1}]",
                "Labels of each generated block.",
            ),
            (
                "content",
                "content {\n  ${1}\n}",
                "The body of each generated block.",
            ),
        ],
    ),
];

const MODULE_META: &[(&str, &str, &str)] = &[
    (
        "source",
        "source = \"${1}\"",
        "Where the module's code is: a local path, registry or URL.",
    ),
    (
        "version",
        "version = \"${1}\"",
        "Version constraint (registry modules).",
    ),
    (
        "count",
        "count = ${1}",
        "Number of instances of the module.",
    ),
    (
        "for_each",
        "for_each = ${1}",
        "One instance per element of a map or set of strings.",
    ),
    (
        "providers",
        "providers = {\n  ${1}\n}",
        "Provider configurations passed to the module.",
    ),
    (
        "depends_on",
        "depends_on = [${1}]",
        "Explicit dependencies.",
    ),
];

const EXPRESSION_ROOTS: &[(&str, &str)] = &[
    ("var", "input variables"),
    ("local", "local values"),
    ("module", "module call outputs"),
    ("data", "data sources"),
    ("path", "filesystem paths: path.module, path.root, path.cwd"),
    ("terraform", "terraform.workspace"),
    ("count", "count.index"),
    ("each", "each.key, each.value"),
    (
        "self",
        "the object itself (provisioners, connection, postconditions)",
    ),
];

fn attribute_insert(name: &str, type_name: &str) -> String {
    match type_name {
        "string" => format!("{name} = \"${{1}}\""),
        "bool" => format!("{name} = ${{1:true}}"),
        t if t.starts_with("list(") || t.starts_with("set(") || t.starts_with("tuple(") => {
            format!("{name} = [${{1}}]")
        }
        t if t.starts_with("map(") || t.starts_with("object") => {
            format!("{name} = {{\n  ${{1}}\n}}")
        }
        _ => format!("{name} = ${{1}}"),
    }
}

/// Arguments and blocks of a schema body, required first, deprecated last.
fn schema_body_items(schema: &BlockSchema, owner: &str) -> Vec<CompletionItem> {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let mut deprecated = Vec::new();
    for a in schema.attributes.iter().filter(|a| a.is_argument()) {
        let mut it = snippet(
            item(
                &a.name,
                CompletionKind::Attribute,
                Some(attribute_detail(a)),
            ),
            &attribute_insert(&a.name, &a.type_name),
        );
        it.documentation = a.description.clone();
        it.deprecated = a.deprecated;
        match (a.deprecated, a.required) {
            (true, _) => deprecated.push(it),
            (false, true) => required.push(it),
            (false, false) => optional.push(it),
        }
    }
    for b in &schema.blocks {
        let body = if b.nesting == Nesting::Map {
            format!("{} \"${{1:key}}\" {{\n  ${{2}}\n}}", b.name)
        } else {
            format!("{} {{\n  ${{1}}\n}}", b.name)
        };
        let mut it = snippet(
            item(&b.name, CompletionKind::Block, Some(block_detail(b))),
            &body,
        );
        it.documentation = b.block.description.clone();
        it.deprecated = b.block.deprecated;
        match (b.block.deprecated, b.is_required()) {
            (true, _) => deprecated.push(it),
            (false, true) => required.push(it),
            (false, false) => optional.push(it),
        }
    }
    let _ = owner;
    required.extend(optional);
    required.extend(deprecated);
    required
}

/// Attributes readable in an expression (`aws_s3_bucket.b.<attr>`), computed ones included.
fn schema_reference_items(schema: &BlockSchema) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = schema
        .attributes
        .iter()
        .map(|a| {
            let mut it = with_doc(
                item(
                    &a.name,
                    CompletionKind::Attribute,
                    Some(attribute_detail(a)),
                ),
                a.description.clone(),
            );
            it.deprecated = a.deprecated;
            it
        })
        .collect();
    out.extend(schema.blocks.iter().map(|b| {
        with_doc(
            item(&b.name, CompletionKind::Block, Some(block_detail(b))),
            b.block.description.clone(),
        )
    }));
    out
}

/// Where a body sits relative to a schema.
enum BodySchema<'s> {
    Schema(&'s BlockSchema, String),
    Dynamic,
    Lifecycle,
    None,
}

impl LangWorkspace {
    /// Completion at `byte` of `path`, from the file's current text (the last
    /// `update_file`/`update_text`, or disk).
    pub fn completions(&self, path: &Path, byte: usize) -> Completions {
        let path = self.normalize(path);
        let Some(file) = self.file(&path) else {
            return Completions {
                replace_start: byte,
                items: Vec::new(),
            };
        };
        let text = file.source.as_str();
        let byte = byte.min(text.len());
        let cx = context_at(text, byte);
        let prefix = cx.prefix(text, byte).to_ascii_lowercase();
        let idx = self.index_of_file(&path);
        let items = match &cx.position {
            Position::Comment | Position::Other => Vec::new(),
            Position::Label { kind, index } => self.label_items(kind, *index),
            Position::BodyName => match cx.blocks.as_slice() {
                [] if file.kind == FileKind::TfVars => idx
                    .map(|idx| {
                        idx.defs_of(SymbolKind::Variable)
                            .map(|d| {
                                let info = self.decl_info(d);
                                let it = item(&d.name, CompletionKind::Variable, info.type_text);
                                snippet(
                                    with_doc(it, info.description),
                                    &format!("{} = ${{1}}", d.name),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                [] => TOP_LEVEL
                    .iter()
                    .map(|(k, s, doc)| {
                        snippet(
                            with_doc(
                                item(k, CompletionKind::Keyword, None),
                                Some(doc.to_string()),
                            ),
                            s,
                        )
                    })
                    .collect(),
                blocks => self.body_items(blocks, idx.map(|i| i.as_ref())),
            },
            Position::Expression { chain } => {
                self.expression_items(chain, &cx.blocks, idx.map(|i| i.as_ref()))
            }
        };
        Completions {
            replace_start: cx.prefix_start,
            items: filter(items, &prefix),
        }
    }

    fn label_items(&self, kind: &str, index: usize) -> Vec<CompletionItem> {
        let s = &self.schemas();
        match (kind, index) {
            ("resource", 0) => s
                .resource_types()
                .into_iter()
                .map(|(t, p, b)| {
                    let mut it = with_doc(
                        item(
                            t,
                            CompletionKind::ResourceType,
                            Some(format!("{p} resource")),
                        ),
                        b.description.clone(),
                    );
                    it.deprecated = b.deprecated;
                    it
                })
                .collect(),
            ("data", 0) => s
                .data_source_types()
                .into_iter()
                .map(|(t, p, b)| {
                    let mut it = with_doc(
                        item(
                            t,
                            CompletionKind::DataSourceType,
                            Some(format!("{p} data source")),
                        ),
                        b.description.clone(),
                    );
                    it.deprecated = b.deprecated;
                    it
                })
                .collect(),
            ("provider", 0) => s
                .providers
                .values()
                .map(|p| item(&p.name, CompletionKind::Keyword, Some(p.source.clone())))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The schema (or static body) the innermost block of `blocks` has.
    fn body_schema<'s>(&'s self, blocks: &[BlockHeader]) -> BodySchema<'s> {
        let Some((top, rest)) = blocks.split_first() else {
            return BodySchema::None;
        };
        let s = self.schemas();
        let label = top.labels.first().map(String::as_str).unwrap_or("");
        let (mut schema, mut owner) = match top.kind.as_str() {
            "resource" => (s.resource(label), label.to_string()),
            "data" => (s.data_source(label), format!("data.{label}")),
            "provider" => (s.provider_config(label), format!("provider {label}")),
            _ => (None, String::new()),
        };
        let mut in_dynamic = false;
        for h in rest {
            match (h.kind.as_str(), in_dynamic) {
                ("content", true) => in_dynamic = false,
                ("lifecycle", _) if matches!(top.kind.as_str(), "resource" | "data") => {
                    return BodySchema::Lifecycle
                }
                ("dynamic", _) => {
                    let target = h.labels.first().map(String::as_str).unwrap_or("");
                    schema = schema.and_then(|b| b.block(target)).map(|b| &b.block);
                    owner = format!("{owner}.{target}");
                    in_dynamic = true;
                }
                (kind, _) => {
                    schema = schema.and_then(|b| b.block(kind)).map(|b| &b.block);
                    owner = format!("{owner}.{kind}");
                }
            }
        }
        if in_dynamic {
            return BodySchema::Dynamic;
        }
        match schema {
            Some(b) => BodySchema::Schema(b, owner),
            None => BodySchema::None,
        }
    }

    fn body_items(&self, blocks: &[BlockHeader], idx: Option<&ModuleIndex>) -> Vec<CompletionItem> {
        let statics = |key: &str| -> Vec<CompletionItem> {
            STATIC_BODIES
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, items)| {
                    items
                        .iter()
                        .map(|(n, s, d)| {
                            snippet(
                                with_doc(
                                    item(n, CompletionKind::Attribute, None),
                                    Some(d.to_string()),
                                ),
                                s,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let path: Vec<&str> = blocks.iter().map(|b| b.kind.as_str()).collect();
        let top = blocks[0].kind.as_str();
        match (top, path.as_slice()) {
            ("resource" | "data", _) => {
                let is_data = top == "data";
                match self.body_schema(blocks) {
                    BodySchema::Lifecycle => statics("lifecycle"),
                    BodySchema::Dynamic => statics("dynamic"),
                    BodySchema::Schema(schema, owner) => {
                        let mut items = schema_body_items(schema, &owner);
                        if blocks.len() == 1 {
                            items.extend(meta_items(is_data));
                        }
                        items
                    }
                    BodySchema::None if blocks.len() == 1 => meta_items(is_data),
                    BodySchema::None => Vec::new(),
                }
            }
            ("provider", [_]) => {
                let mut items = match self.body_schema(blocks) {
                    BodySchema::Schema(schema, owner) => schema_body_items(schema, &owner),
                    _ => Vec::new(),
                };
                items.push(snippet(
                    with_doc(
                        item("alias", CompletionKind::Attribute, Some("string".into())),
                        Some("Name of an additional configuration (`aws.west`).".into()),
                    ),
                    "alias = \"${1}\"",
                ));
                items
            }
            ("provider", _) => match self.body_schema(blocks) {
                BodySchema::Schema(schema, owner) => schema_body_items(schema, &owner),
                _ => Vec::new(),
            },
            ("module", [_]) => self.module_call_items(&blocks[0], idx),
            ("terraform", ["terraform", "required_providers"]) => self
                .schemas()
                .providers
                .values()
                .filter(|p| p.source.contains('/') && !p.source.contains("builtin"))
                .map(|p| {
                    let source = p
                        .source
                        .strip_prefix("registry.terraform.io/")
                        .unwrap_or(&p.source);
                    snippet(
                        item(&p.name, CompletionKind::Keyword, Some(source.to_string())),
                        &format!(
                            "{} = {{\n  source  = \"{source}\"\n  version = \"${{1}}\"\n}}",
                            p.name
                        ),
                    )
                })
                .collect(),
            (_, [k]) => statics(k),
            (_, [a, b]) => statics(&format!("{a}/{b}")),
            (_, [.., "lifecycle"]) => statics("lifecycle"),
            _ => Vec::new(),
        }
    }

    /// In `module "m" { | }`: the child's variables (required ones first) and the module
    /// meta-arguments.
    fn module_call_items(
        &self,
        header: &BlockHeader,
        idx: Option<&ModuleIndex>,
    ) -> Vec<CompletionItem> {
        let mut required = Vec::new();
        let mut optional = Vec::new();
        let name = header.labels.first().map(String::as_str).unwrap_or("");
        let child = idx
            .and_then(|i| i.call(name))
            .and_then(|c| c.child_dir.as_ref())
            .and_then(|d| self.index(d));
        if let Some(child) = child {
            for d in child.defs_of(SymbolKind::Variable) {
                let info = self.decl_info(d);
                let mut detail = info.type_text.clone().unwrap_or_else(|| "any".into());
                detail.push_str(if info.has_default {
                    " · optional"
                } else {
                    " · required"
                });
                let mut doc = info.description.clone().unwrap_or_default();
                if let Some(def) = &info.default_text {
                    doc.push_str(&format!("\n\nDefault: `{def}`"));
                }
                let it = snippet(
                    with_doc(
                        item(&d.name, CompletionKind::Variable, Some(detail)),
                        Some(doc),
                    ),
                    &format!("{} = ${{1}}", d.name),
                );
                if info.has_default {
                    optional.push(it)
                } else {
                    required.push(it)
                }
            }
        }
        required.extend(optional);
        required.extend(MODULE_META.iter().map(|(n, s, d)| {
            snippet(
                with_doc(
                    item(n, CompletionKind::Keyword, Some("meta-argument".into())),
                    Some(d.to_string()),
                ),
                s,
            )
        }));
        required
    }

    fn expression_items(
        &self,
        chain: &[ChainPart],
        blocks: &[BlockHeader],
        idx: Option<&ModuleIndex>,
    ) -> Vec<CompletionItem> {
        let names: Vec<Option<&str>> = chain
            .iter()
            .map(|p| match p {
                ChainPart::Name(n) => Some(n.as_str()),
                ChainPart::Index => None,
            })
            .collect();
        // Attribute steps after the instance (indexes skipped).
        let attr_path =
            |from: usize| -> Vec<&str> { names[from..].iter().flatten().copied().collect() };
        let defs = |kind| -> Vec<CompletionItem> {
            let Some(idx) = idx else { return Vec::new() };
            idx.defs_of(kind)
                .map(|d| {
                    let info = self.decl_info(d);
                    let (ck, detail) = match kind {
                        SymbolKind::Variable => (CompletionKind::Variable, info.type_text.clone()),
                        SymbolKind::Local => (CompletionKind::Local, info.type_text.clone()),
                        _ => (
                            CompletionKind::Module,
                            info.source.clone().map(|s| format!("source = {s:?}")),
                        ),
                    };
                    let mut doc = info.description.clone().unwrap_or_default();
                    if let Some(def) = &info.default_text {
                        doc.push_str(&format!("\n\nDefault: `{def}`"));
                    }
                    with_doc(item(&d.name, ck, detail), Some(doc))
                })
                .collect()
        };
        match names.as_slice() {
            [] => self.root_items(idx),
            [Some("var")] => defs(SymbolKind::Variable),
            [Some("local")] => defs(SymbolKind::Local),
            [Some("module")] => defs(SymbolKind::Module),
            [Some("module"), Some(m)] | [Some("module"), Some(m), None] => {
                let child = idx
                    .and_then(|i| i.call(m))
                    .and_then(|c| c.child_dir.as_ref())
                    .and_then(|d| self.index(d));
                child
                    .map(|c| {
                        c.defs_of(SymbolKind::Output)
                            .map(|d| {
                                let info = self.decl_info(d);
                                with_doc(
                                    item(&d.name, CompletionKind::Output, Some("output".into())),
                                    info.description,
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            }
            [Some("data")] => unique_types(idx, SymbolKind::DataSource)
                .into_iter()
                .map(|t| {
                    item(
                        &t,
                        CompletionKind::DataSourceType,
                        Some("data source type".into()),
                    )
                })
                .collect(),
            [Some("data"), Some(t)] => names_of_type(idx, SymbolKind::DataSource, t)
                .into_iter()
                .map(|n| item(&n, CompletionKind::DataSource, Some(format!("data.{t}"))))
                .collect(),
            [Some("data"), Some(t), Some(_), ..] => self
                .schemas()
                .data_source(t)
                .and_then(|s| navigate(s, &attr_path(3)))
                .map(schema_reference_items)
                .unwrap_or_default(),
            [Some("path")] => ["module", "root", "cwd"]
                .iter()
                .map(|n| item(n, CompletionKind::Keyword, Some("string".into())))
                .collect(),
            [Some("terraform")] => vec![item(
                "workspace",
                CompletionKind::Keyword,
                Some("string".into()),
            )],
            [Some("count")] => vec![item(
                "index",
                CompletionKind::Keyword,
                Some("number".into()),
            )],
            [Some("each")] => ["key", "value"]
                .iter()
                .map(|n| item(n, CompletionKind::Keyword, None))
                .collect(),
            [Some("self")] => match self.body_schema(&blocks[..blocks.len().min(1)]) {
                BodySchema::Schema(s, _) => schema_reference_items(s),
                _ => Vec::new(),
            },
            [Some(t)] => names_of_type(idx, SymbolKind::Resource, t)
                .into_iter()
                .map(|n| item(&n, CompletionKind::Resource, Some((*t).to_string())))
                .collect(),
            [Some(t), Some(n), ..] => {
                let declared = names_of_type(idx, SymbolKind::Resource, t);
                if !declared.iter().any(|d| d == n) {
                    return Vec::new();
                }
                self.schemas()
                    .resource(t)
                    .and_then(|s| navigate(s, &attr_path(2)))
                    .map(schema_reference_items)
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// Completions at the start of an expression.
    fn root_items(&self, idx: Option<&ModuleIndex>) -> Vec<CompletionItem> {
        let mut out: Vec<CompletionItem> = EXPRESSION_ROOTS
            .iter()
            .map(|(n, d)| item(n, CompletionKind::Keyword, Some(d.to_string())))
            .collect();
        for t in unique_types(idx, SymbolKind::Resource) {
            out.push(item(
                &t,
                CompletionKind::ResourceType,
                Some("resource type".into()),
            ));
        }
        for (name, params, summary) in FUNCTIONS {
            let mut doc = summary.to_string();
            if !is_computed_offline(name) {
                doc.push_str("\n\nNot computed offline by TerraOrbis: its value is unknown in the editor's evaluation.");
            }
            out.push(snippet(
                with_doc(
                    item(
                        name,
                        CompletionKind::Function,
                        Some(format!("{name}({params})")),
                    ),
                    Some(doc),
                ),
                &format!("{name}(${{1}})"),
            ));
        }
        for k in ["true", "false", "null"] {
            out.push(item(k, CompletionKind::Keyword, None));
        }
        out
    }
}

fn meta_items(is_data: bool) -> Vec<CompletionItem> {
    RESOURCE_META
        .iter()
        .filter(|m| !is_data || m.3)
        .map(|(n, s, d, _)| {
            snippet(
                with_doc(
                    item(n, CompletionKind::Keyword, Some("meta-argument".into())),
                    Some(d.to_string()),
                ),
                s,
            )
        })
        .collect()
}

/// Follows nested blocks and nested attribute types from a schema (`["versioning"]`).
fn navigate<'s>(schema: &'s BlockSchema, path: &[&str]) -> Option<&'s BlockSchema> {
    let Some((first, rest)) = path.split_first() else {
        return Some(schema);
    };
    let b = schema.block(first)?;
    navigate(&b.block, rest)
}

fn unique_types(idx: Option<&ModuleIndex>, kind: SymbolKind) -> BTreeSet<String> {
    idx.map(|i| {
        i.defs_of(kind)
            .filter_map(|d| d.name.split_once('.').map(|(t, _)| t.to_string()))
            .collect()
    })
    .unwrap_or_default()
}

fn names_of_type(idx: Option<&ModuleIndex>, kind: SymbolKind, t: &str) -> Vec<String> {
    let mut v: Vec<String> = idx
        .map(|i| {
            i.defs_of(kind)
                .filter_map(|d| match d.name.split_once('.') {
                    Some((dt, n)) if dt == t => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v.dedup();
    v
}

/// Keeps items matching the typed word (subsequence, case-insensitive); order is kept.
fn filter(items: Vec<CompletionItem>, prefix: &str) -> Vec<CompletionItem> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|i| match_score(&i.label, prefix).is_some())
        .filter(|i| seen.insert((i.label.clone(), i.kind as u8)))
        .collect()
}
