//! State Explorer: a Terraform/OpenTofu state read (redacted while reading) by `orbis-state`,
//! shown as module → type → instance rows; one instance's attributes are sent when it is
//! selected, with the resources depending on it and the block that declares it in the code.
//! Read only: nothing here writes a state or a lock. State files hold secrets in clear, so the
//! editor refuses them and they open here instead.

use crate::editor::dto::{Location, TextRange};
use crate::editor::utf16;
use crate::error::{AppError, ErrorCode};
use orbis_state::{Instance, Mode, State, StateError, StateFormat};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Instant;
use ts_rs::TS;

/// Longest attribute or output value sent to the UI (characters); longer ones are cut with a
/// note (a policy document or a user-data script can be large).
const MAX_VALUE_CHARS: usize = 20_000;

/// Does the file name say it is a state (`terraform.tfstate`, `x.tfstate.backup`)?
pub fn is_state_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.ends_with(".tfstate") || name.ends_with(".tfstate.backup")
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateView {
    /// Where the state was read from (workspace-relative when inside the workspace).
    pub location: String,
    /// What the file is: `terraform.tfstate v4`, `terraform.tfstate v3`, `terraform show -json`.
    pub format: String,
    pub version: String,
    pub terraform_version: Option<String>,
    pub serial: Option<u64>,
    pub lineage: Option<String>,
    /// Read from an OpenTofu encrypted state (decrypted in memory only).
    pub encrypted: bool,
    /// How many sensitive values were replaced while reading.
    pub redacted_values: u32,
    pub instances: u32,
    /// Who holds the lock (local lock file, or a remote backend's first lock holder).
    pub lock: Option<StateLock>,
    /// Set when the state was read from the workspace's remote backend.
    pub remote: Option<RemoteStateSource>,
    pub modules: Vec<StateModuleRow>,
    pub outputs: Vec<StateOutputRow>,
    pub elapsed_ms: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateLock {
    pub who: String,
    pub operation: String,
    pub created: String,
    pub id: String,
    /// The command that removes a stale lock (shown, never run by the app).
    pub force_unlock: String,
}

/// Where a remote state was read from, and every lock holder seen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RemoteStateSource {
    /// `s3` or `http`.
    pub backend: String,
    /// `s3://bucket/key` or the HTTP address (without credentials).
    pub url: String,
    /// The Terraform workspace (`default`, or the one `terraform workspace select` chose).
    pub workspace: String,
    /// Each lock seen (`dynamodb` table item, `s3_lockfile`, `azure_lease`, `gcs_lockfile`,
    /// `tfe_workspace`), empty when unlocked.
    pub locks: Vec<RemoteLockRow>,
    /// What could not be checked (a lock table that could not be read…).
    pub warnings: Vec<String>,
    /// When it was read (RFC 3339, UTC).
    pub fetched_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RemoteLockRow {
    pub kind: String,
    pub lock: StateLock,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateModuleRow {
    /// `root` or `module.a.module.b`.
    pub module: String,
    pub types: Vec<StateTypeRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateTypeRow {
    pub resource_type: String,
    pub instances: Vec<StateInstanceRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateInstanceRow {
    pub address: String,
    pub id: Option<String>,
    pub data: bool,
    /// A create_before_destroy leftover (not the current object).
    pub deposed: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateOutputRow {
    pub name: String,
    /// JSON text of the value; None when the output is sensitive.
    pub value: Option<String>,
    pub sensitive: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateInstanceDetail {
    pub address: String,
    pub resource_type: String,
    pub provider: String,
    pub id: Option<String>,
    pub data: bool,
    pub deposed: Option<String>,
    pub attributes: Vec<StateAttributeRow>,
    pub dependencies: Vec<String>,
    pub dependents: Vec<String>,
    /// The block declaring this resource in the workspace's code, when found.
    pub code: Option<Location>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StateAttributeRow {
    pub name: String,
    /// JSON text (pretty for objects and lists); already redacted.
    pub value: String,
    pub sensitive: bool,
}

/// A state held by the session while its tab is open.
pub struct LoadedState {
    state: State,
    view: StateView,
    /// The module folder the state belongs to (for "show in code").
    module_dir: Option<PathBuf>,
}

impl LoadedState {
    pub fn view(&self) -> &StateView {
        &self.view
    }

    pub(crate) fn state(&self) -> &State {
        &self.state
    }
}

pub(crate) fn state_error(e: StateError) -> AppError {
    // The engine's hint names the CLI's flag; say what works from the app.
    let hint = match e.code {
        "state.encrypted" => {
            "The app cannot ask for the passphrase yet: read this state with `orbis state show FILE \
             --passphrase-env VAR` (VAR holds the passphrase; it is used in memory only)."
        }
        _ => e.hint,
    };
    AppError::new(
        ErrorCode::StateInvalid,
        format!("{} ({})", e.message, e.code),
        hint,
    )
}

/// Reads the state at `path`; `module_dir` is the configuration it belongs to, when known.
pub fn load(
    path: &Path,
    location: &str,
    module_dir: Option<PathBuf>,
) -> Result<LoadedState, AppError> {
    let started = Instant::now();
    let state = orbis_state::read_file(path, None).map_err(state_error)?;
    let lock = orbis_state::local_lock(path)
        .ok()
        .flatten()
        .map(StateLock::from);
    Ok(from_state(state, location, module_dir, lock, None, started))
}

impl From<orbis_state::LockInfo> for StateLock {
    fn from(l: orbis_state::LockInfo) -> Self {
        StateLock {
            force_unlock: format!("terraform force-unlock {}", l.id),
            who: l.who,
            operation: l.operation,
            created: l.created,
            id: l.id,
        }
    }
}

/// The explorer's view of a state already read (a local file, or a remote backend's object).
pub(crate) fn from_state(
    state: State,
    location: &str,
    module_dir: Option<PathBuf>,
    lock: Option<StateLock>,
    remote: Option<RemoteStateSource>,
    started: Instant,
) -> LoadedState {
    let modules = orbis_state::explorer::tree(&state)
        .into_iter()
        .map(|m| StateModuleRow {
            module: m.module,
            types: m
                .types
                .into_iter()
                .map(|t| StateTypeRow {
                    resource_type: t.resource_type,
                    instances: t
                        .addresses
                        .iter()
                        .filter_map(|a| instance(&state, a))
                        .map(|i| StateInstanceRow {
                            address: i.address.clone(),
                            id: i.id.clone(),
                            data: i.mode == Mode::Data,
                            deposed: i.deposed.is_some(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let outputs = state
        .outputs
        .iter()
        .map(|o| StateOutputRow {
            name: o.name.clone(),
            value: o.value.as_ref().map(value_text),
            sensitive: o.sensitive,
        })
        .collect();
    let view = StateView {
        location: location.to_string(),
        format: match state.format {
            StateFormat::V4 => "terraform.tfstate v4",
            StateFormat::V3 => "terraform.tfstate v3",
            StateFormat::ShowJson => "terraform show -json",
        }
        .to_string(),
        version: state.version.clone(),
        terraform_version: state.terraform_version.clone(),
        serial: state.serial,
        lineage: state.lineage.clone(),
        encrypted: state.encrypted,
        redacted_values: state.redacted_values as u32,
        instances: state.instances.len() as u32,
        lock,
        remote,
        modules,
        outputs,
        elapsed_ms: started.elapsed().as_millis() as u32,
    };
    LoadedState {
        state,
        view,
        module_dir,
    }
}

fn instance<'a>(state: &'a State, address: &str) -> Option<&'a Instance> {
    state.instances.iter().find(|i| i.address == address)
}

/// One instance's attributes, dependencies, dependents and declaring block; `rel` turns an
/// absolute path inside the workspace into the path the UI uses.
pub fn detail(
    loaded: &LoadedState,
    address: &str,
    rel: &dyn Fn(&Path) -> Option<String>,
) -> Result<StateInstanceDetail, AppError> {
    // Dependencies name resources, not instances: `module.m.aws_subnet.public` opens its
    // first instance.
    let i = instance(&loaded.state, address)
        .or_else(|| {
            let prefix = format!("{address}[");
            loaded
                .state
                .instances
                .iter()
                .find(|i| i.address.starts_with(&prefix))
        })
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("{address} is not in the open state"),
                "Pick a resource from the State Explorer's list.",
            )
        })?;
    let attributes = match &i.attributes {
        Value::Object(map) => map
            .iter()
            .map(|(name, v)| StateAttributeRow {
                name: name.clone(),
                // A wholly hidden value reads as the marker, not as a quoted string.
                value: match v {
                    Value::String(s) if s == orbis_state::REDACTED => s.clone(),
                    _ => value_text(v),
                },
                sensitive: i.is_sensitive(name),
            })
            .collect(),
        other => vec![StateAttributeRow {
            name: "(value)".into(),
            value: value_text(other),
            sensitive: false,
        }],
    };
    let code = loaded
        .module_dir
        .as_deref()
        .and_then(|dir| declaring_block(dir, i))
        .and_then(|(file, range, preview)| {
            Some(Location {
                path: rel(&file)?,
                range,
                preview,
            })
        });
    Ok(StateInstanceDetail {
        address: i.address.clone(),
        resource_type: i.resource_type.clone(),
        provider: i.provider.clone(),
        id: i.id.clone(),
        data: i.mode == Mode::Data,
        deposed: i.deposed.clone(),
        attributes,
        dependencies: i.dependencies.clone(),
        dependents: orbis_state::explorer::dependents(&loaded.state, &i.address)
            .into_iter()
            .map(str::to_string)
            .collect(),
        code,
    })
}

/// Addresses of instances whose address, id or (redacted) values contain `query`.
pub fn search(loaded: &LoadedState, query: &str) -> Vec<String> {
    orbis_state::explorer::search(&loaded.state, query)
        .into_iter()
        .map(|i| i.address.clone())
        .collect()
}

/// The configuration a state belongs to: its folder, or for a workspace state
/// (`terraform.tfstate.d/NAME/terraform.tfstate`) the folder holding `terraform.tfstate.d`.
pub fn module_dir_of(state: &Path) -> Option<PathBuf> {
    let dir = state.parent()?;
    match dir.parent() {
        Some(up) if up.file_name().is_some_and(|n| n == "terraform.tfstate.d") => {
            up.parent().map(Path::to_path_buf)
        }
        _ => Some(dir.to_path_buf()),
    }
}

/// The `resource`/`data` block of `i` in the configuration rooted at `dir` (local child
/// modules followed), as (file, UTF-16 range of the block's first line, that line). Loaded per
/// lookup, not kept with the state: the code may have been edited and saved since.
fn declaring_block(dir: &Path, i: &Instance) -> Option<(PathBuf, TextRange, String)> {
    let module = orbis_hcl::Module::load(dir, &orbis_hcl::ModuleOptions::default());
    let wanted = strip_keys(&resource_address(i));
    let resources = module.all_resources();
    let r = resources
        .iter()
        .find(|r| strip_keys(&r.address) == wanted)?;
    let text = r.file.source.as_str();
    let start = r.block.span.start as usize;
    let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let line = &text[start..line_end];
    let from = utf16::len(&text[..start]);
    let pos = r.block.span.start_pos;
    Some((
        r.file.path.clone(),
        TextRange {
            from,
            to: from + utf16::len(line),
            line: pos.line,
            column: pos.column,
            end_line: pos.line,
            end_column: pos.column + utf16::len(line),
        },
        line.trim().to_string(),
    ))
}

/// `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b` (instance keys dropped).
fn strip_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut quoted = false;
    for c in address.chars() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The resource address of an instance (with module path, `data.` for data sources).
fn resource_address(i: &Instance) -> String {
    let local = match i.mode {
        Mode::Data => format!("data.{}.{}", i.resource_type, i.name),
        Mode::Managed => format!("{}.{}", i.resource_type, i.name),
    };
    match &i.module {
        Some(m) => format!("{m}.{local}"),
        None => local,
    }
}

/// JSON text of a value: strings and scalars compact, objects and lists pretty; cut at
/// [`MAX_VALUE_CHARS`].
fn value_text(v: &Value) -> String {
    let text = match v {
        Value::Object(_) | Value::Array(_) => serde_json::to_string_pretty(v).unwrap_or_default(),
        _ => v.to_string(),
    };
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
    format!("{cut}\n… (cut: {} characters in all)", text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_keys_are_dropped_from_addresses() {
        assert_eq!(
            strip_keys(r#"module.a["x[1]"].aws_s3_bucket.b[0]"#),
            "module.a.aws_s3_bucket.b"
        );
        assert_eq!(strip_keys("aws_instance.web"), "aws_instance.web");
    }

    #[test]
    fn workspace_states_belong_to_the_folder_above_terraform_tfstate_d() {
        assert_eq!(
            module_dir_of(Path::new(
                "/w/infra/terraform.tfstate.d/prod/terraform.tfstate"
            )),
            Some(PathBuf::from("/w/infra"))
        );
        assert_eq!(
            module_dir_of(Path::new("/w/infra/terraform.tfstate")),
            Some(PathBuf::from("/w/infra"))
        );
    }
}
