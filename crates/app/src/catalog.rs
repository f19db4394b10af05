//! The catalog browser's operations (issue 10): the catalog's modules with their interface
//! (read with orbis-hcl by `orbis_generator::catalog`), the `module` block that calls one from
//! a file of the workspace, and vendoring a module into the workspace's
//! `modules/<cloud>/<name>` (as `orbis new` does), so the call works without a registry.

use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_generator::catalog::{self, CatalogModule};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogInput {
    pub name: String,
    pub description: Option<String>,
    pub type_text: Option<String>,
    pub default_text: Option<String>,
    pub required: bool,
    pub sensitive: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogOutput {
    pub name: String,
    pub description: Option<String>,
    pub sensitive: bool,
}

/// One module of the catalog as the Modules view lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogModuleInfo {
    /// `<cloud>/<name>`.
    pub id: String,
    pub name: String,
    pub cloud: String,
    pub version: String,
    pub description: String,
    pub category: String,
    pub keywords: Vec<String>,
    pub inputs: Vec<CatalogInput>,
    pub outputs: Vec<CatalogOutput>,
    /// The open workspace already has it under `modules/<cloud>/<name>`.
    pub vendored: bool,
}

/// The block "Insert module call" puts at the cursor.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ModuleCallSnippet {
    pub text: String,
    /// The `source` used, relative to the file's folder.
    pub source: String,
    /// The workspace already has the module (nothing to vendor).
    pub vendored: bool,
    /// Where to insert (UTF-16 offset): the cursor, or the end of the top-level block the
    /// cursor is in (a `module` block inside another block would not be valid).
    pub insert_at: u32,
}

/// The cursor (UTF-16 `offset` in `text`), moved past the end of the top-level block it is
/// inside, if any (found with orbis-hcl's parse, which works on broken text too).
pub fn insertion_offset(text: &str, offset: u32) -> u32 {
    use crate::editor::utf16;
    let Some(byte) = utf16::byte_of(text, offset) else {
        return utf16::len(text);
    };
    let file = orbis_hcl::parse_str(text, "insert.tf");
    let inside = file
        .body
        .blocks
        .iter()
        .find(|b| (b.span.start as usize) < byte && byte < b.span.end as usize);
    match inside {
        Some(b) => utf16::len(&text[..b.span.end as usize]),
        None => offset,
    }
}

/// Where a catalog module is vendored inside a workspace.
fn vendor_dir(id: &str) -> String {
    format!("modules/{id}")
}

/// `./modules/<id>` from the workspace root, `../../modules/<id>` from `envs/prod/main.tf`.
fn source_from(document: &str, id: &str) -> String {
    let depth = document
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .count()
        .saturating_sub(1);
    if depth == 0 {
        format!("./{}", vendor_dir(id))
    } else {
        format!("{}{}", "../".repeat(depth), vendor_dir(id))
    }
}

fn unknown(id: &str) -> AppError {
    AppError::new(
        ErrorCode::CatalogModuleUnknown,
        format!("{id} is not a module of the catalog"),
        "Pick a module from the Modules view.",
    )
}

fn catalog_error(e: orbis_generator::GenerateError) -> AppError {
    AppError::new(ErrorCode::CatalogMissing, e.to_string(), e.hint())
}

fn info(m: CatalogModule, vendored: bool) -> CatalogModuleInfo {
    CatalogModuleInfo {
        id: m.id,
        name: m.name,
        cloud: m.cloud,
        version: m.version,
        description: m.description,
        category: m.category,
        keywords: m.keywords,
        inputs: m
            .inputs
            .into_iter()
            .map(|i| CatalogInput {
                name: i.name,
                description: i.description,
                type_text: i.type_text,
                default_text: i.default_text,
                required: i.required,
                sensitive: i.sensitive,
            })
            .collect(),
        outputs: m
            .outputs
            .into_iter()
            .map(|o| CatalogOutput {
                name: o.name,
                description: o.description,
                sensitive: o.sensitive,
            })
            .collect(),
        vendored,
    }
}

impl Session {
    fn workspace_root(&self) -> Option<PathBuf> {
        self.current_workspace().map(|w| PathBuf::from(w.root))
    }

    pub(crate) fn catalog_module(&self, id: &str) -> Result<CatalogModule, AppError> {
        let modules = catalog::list(&self.catalog_dir()?).map_err(catalog_error)?;
        modules
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| unknown(id))
    }

    /// Every module of the catalog with its inputs and outputs, and whether the open
    /// workspace has it vendored already.
    pub fn catalog_modules(&self) -> Result<Vec<CatalogModuleInfo>, AppError> {
        let modules = catalog::list(&self.catalog_dir()?).map_err(catalog_error)?;
        let root = self.workspace_root();
        Ok(modules
            .into_iter()
            .map(|m| {
                let vendored = root
                    .as_ref()
                    .is_some_and(|r| r.join(vendor_dir(&m.id)).is_dir());
                info(m, vendored)
            })
            .collect())
    }

    /// The `module` block calling catalog module `id` from the workspace file `document`
    /// (its `source` points at the vendored copy), named `call_name`, and where it goes in the
    /// document's current `text` given the cursor (UTF-16 `cursor`).
    pub fn catalog_module_call(
        &self,
        id: &str,
        document: &str,
        call_name: &str,
        text: &str,
        cursor: u32,
    ) -> Result<ModuleCallSnippet, AppError> {
        let ok = !call_name.is_empty()
            && call_name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && call_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return Err(AppError::new(
                ErrorCode::InvalidRequest,
                format!("{call_name:?} is not a valid module name"),
                "Use letters, digits, '_' or '-', starting with a letter.",
            ));
        }
        let module = self.catalog_module(id)?;
        let source = source_from(document, id);
        let vendored = self
            .workspace_root()
            .is_some_and(|r| r.join(vendor_dir(id)).is_dir());
        Ok(ModuleCallSnippet {
            text: catalog::module_call(&module, call_name, &source),
            source,
            vendored,
            insert_at: insertion_offset(text, cursor),
        })
    }

    /// Copies catalog module `id` into the open workspace's `modules/<cloud>/<name>` and
    /// returns the files written (workspace-relative). A module already there is left as it
    /// is (nothing written): it may hold the team's own changes.
    pub fn vendor_catalog_module(&self, id: &str) -> Result<Vec<String>, AppError> {
        // Only ids of the catalog reach the file system (no `..` from the webview).
        self.catalog_module(id)?;
        let root = self.workspace_root().ok_or_else(|| {
            AppError::new(
                ErrorCode::NoWorkspace,
                "No workspace is open",
                "Open a folder first.",
            )
        })?;
        if root.join(vendor_dir(id)).exists() {
            return Ok(Vec::new());
        }
        let files = catalog::vendored_files(&self.catalog_dir()?, id).map_err(catalog_error)?;
        let mut written = Vec::new();
        for (rel, text) in &files {
            let path = root.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| AppError::io("create", parent, &e))?;
            }
            std::fs::write(&path, text).map_err(|e| AppError::io("write", &path, &e))?;
            written.push(rel.clone());
        }
        log::info!("vendored {id} into {}", root.join(vendor_dir(id)).display());
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_call_goes_after_the_top_level_block_holding_the_cursor() {
        let text = "locals {\n  a = \"é\"\n}\n\nresource \"x\" \"y\" {\n  b = 1\n}\n";
        let len = crate::editor::utf16::len;
        let end_locals = text.find('}').unwrap() + 1;
        // "é" is one UTF-16 unit but two bytes: offsets come back in units.
        assert_eq!(len(&text[..end_locals]) as usize, end_locals - 1);
        let inside_locals = text.find("a =").unwrap() as u32;
        assert_eq!(
            super::insertion_offset(text, inside_locals),
            len(&text[..end_locals])
        );
        let between = len(&text[..end_locals + 1]);
        assert_eq!(super::insertion_offset(text, between), between);
        let inside_resource = super::insertion_offset(text, 40);
        assert_eq!(inside_resource, crate::editor::utf16::len(text.trim_end()));
        assert_eq!(
            super::insertion_offset(text, 10_000),
            crate::editor::utf16::len(text)
        );
    }

    #[test]
    fn source_is_relative_to_the_file_folder() {
        assert_eq!(
            super::source_from("main.tf", "aws/network"),
            "./modules/aws/network"
        );
        assert_eq!(
            super::source_from("envs/prod/main.tf", "aws/rds"),
            "../../modules/aws/rds"
        );
    }
}
