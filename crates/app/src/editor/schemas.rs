//! Provider schemas from the user's own initialised module folders: `terraform providers
//! schema -json` run in each folder holding `.terraform/` (in the background, with a timeout;
//! a failure is logged and leaves the bundled schemas), merged over the bundled set.
//!
//! The result is cached per folder, keyed by the content of its `.terraform.lock.hcl` (the
//! provider versions), as the compact schema format in the app's cache folder, so terraform
//! runs again only after an init changed the providers.

use super::{lock, Editor};
use orbis_lang::schema::compact::WriteOptions;
use orbis_lang::ProviderSchemas;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, Weak};
use std::time::{Duration, Instant};

/// `providers schema -json` starts every provider plugin of the folder; big providers take a
/// few seconds each. Past this, the process is killed.
const TIMEOUT: Duration = Duration::from_secs(90);

const LOCK_FILE: &str = ".terraform.lock.hcl";

/// Where a folder's provider schemas came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// The cache of an earlier run with the same `.terraform.lock.hcl`.
    Cache,
    /// `terraform providers schema -json` ran now.
    Terraform,
    /// It could not be read (message); the bundled schemas stay in use.
    Failed(String),
}

/// One folder's provider schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaLoad {
    pub dir: PathBuf,
    pub source: SchemaSource,
    pub resource_types: usize,
    pub millis: u64,
}

#[derive(Default)]
pub(crate) struct SchemaLoader {
    state: Mutex<LoaderState>,
}

#[derive(Default)]
struct LoaderState {
    /// Where cached schemas are kept (none: no cache beyond this session).
    cache_dir: Option<PathBuf>,
    /// The binary to run instead of `terraform` (then `tofu`) from `PATH`.
    binary: Option<PathBuf>,
    /// Folder → cache key of the schemas loaded (or being loaded) for it.
    keys: HashMap<PathBuf, u64>,
    loads: Vec<SchemaLoad>,
    running: usize,
}

impl SchemaLoader {
    pub fn set_cache_dir(&self, dir: Option<PathBuf>) {
        lock(&self.state).cache_dir = dir;
    }

    pub fn set_binary(&self, binary: Option<PathBuf>) {
        lock(&self.state).binary = binary;
    }

    /// Another workspace: nothing loaded yet.
    pub fn reset(&self) {
        let mut s = lock(&self.state);
        s.keys.clear();
        s.loads.clear();
    }

    pub fn status(&self) -> (Vec<SchemaLoad>, bool) {
        let s = lock(&self.state);
        (s.loads.clone(), s.running > 0)
    }
}

/// FNV-1a: a hash that is the same in every build and run (a cache key on disk).
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The first executable named `name` on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let file = if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    };
    std::env::split_paths(&path)
        .map(|dir| dir.join(&file))
        .find(|p| p.is_file())
}

/// Reads the provider schemas of `dirs` (initialised module folders) and merges them into the
/// language model of `generation`. Runs on a background thread; returns when done.
pub(crate) fn load_schemas(editor: Weak<Editor>, generation: u64, dirs: Vec<PathBuf>) {
    for dir in dirs {
        let Some(ed) = editor.upgrade() else { return };
        if ed.language_generation() != generation {
            return;
        }
        let lock_bytes = std::fs::read(dir.join(LOCK_FILE)).unwrap_or_default();
        let key = stable_hash(&lock_bytes);
        let (cache_file, binary) = {
            let mut s = lock(&ed.lang.schemas.state);
            if s.keys.get(&dir) == Some(&key) {
                continue;
            }
            s.keys.insert(dir.clone(), key);
            s.running += 1;
            let cache_file = s.cache_dir.as_ref().map(|c| {
                c.join(format!(
                    "{:016x}-{key:016x}.schema",
                    stable_hash(dir.to_string_lossy().as_bytes())
                ))
            });
            let binary = s
                .binary
                .clone()
                .or_else(|| which("terraform"))
                .or_else(|| which("tofu"));
            (cache_file, binary)
        };
        drop(ed);
        let started = Instant::now();
        let result = read_schemas(&dir, cache_file.as_deref(), binary.as_deref());
        let Some(ed) = editor.upgrade() else { return };
        let millis = started.elapsed().as_millis() as u64;
        let load = match result {
            Ok((schemas, source)) => {
                let resource_types = schemas.resource_count();
                ed.merge_provider_schemas(generation, schemas);
                log::info!(
                    "provider schemas of {} ({source:?}): {resource_types} resource types in {millis} ms",
                    dir.display()
                );
                SchemaLoad {
                    dir,
                    source,
                    resource_types,
                    millis,
                }
            }
            Err(message) => {
                log::warn!("provider schemas of {} not read: {message}", dir.display());
                SchemaLoad {
                    dir,
                    source: SchemaSource::Failed(message),
                    resource_types: 0,
                    millis,
                }
            }
        };
        let mut s = lock(&ed.lang.schemas.state);
        s.running -= 1;
        if ed.language_generation() == generation {
            s.loads.retain(|l| l.dir != load.dir);
            s.loads.push(load);
        }
    }
}

/// The schemas of one folder: from the cache when its lock file is unchanged, else from
/// terraform (then cached).
fn read_schemas(
    dir: &Path,
    cache_file: Option<&Path>,
    binary: Option<&Path>,
) -> Result<(ProviderSchemas, SchemaSource), String> {
    if let Some(cached) = cache_file.and_then(|f| std::fs::read_to_string(f).ok()) {
        match ProviderSchemas::from_compact(&cached) {
            Ok(s) => return Ok((s, SchemaSource::Cache)),
            Err(e) => log::warn!("cached provider schemas unreadable, running terraform: {e}"),
        }
    }
    let binary = binary.ok_or_else(|| {
        "no terraform or tofu binary on PATH (completion uses the bundled schemas)".to_string()
    })?;
    let stdout = run_schema_command(binary, dir)?;
    let schemas = ProviderSchemas::from_terraform_json(&stdout)
        .map_err(|e| format!("unexpected `providers schema -json` output: {e}"))?;
    if let Some(file) = cache_file {
        if let Err(e) = write_cache(file, &schemas) {
            log::warn!("provider schema cache not written: {e}");
        }
    }
    Ok((schemas, SchemaSource::Terraform))
}

fn write_cache(file: &Path, schemas: &ProviderSchemas) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Older entries of the same folder (before an init changed the lock file) go.
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some((folder, _)) = name.split_once('-') {
        for e in std::fs::read_dir(dir)?.filter_map(Result::ok) {
            let other = e.file_name();
            let other = other.to_string_lossy();
            if other.starts_with(&format!("{folder}-")) && other != name {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let text = schemas.to_compact(&WriteOptions::default());
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}

/// `<binary> providers schema -json` in `dir`: its stdout, or why not (timeout, exit code
/// with stderr's last line).
fn run_schema_command(binary: &Path, dir: &Path) -> Result<Vec<u8>, String> {
    let mut child = Command::new(binary)
        .args(["providers", "schema", "-json"])
        .current_dir(dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    // Read both pipes on threads so a big output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{} providers schema -json` took over {} s and was stopped",
                    binary.display(),
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for {}: {e}", binary.display())),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let stderr = String::from_utf8_lossy(&stderr);
        let last = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.chars().all(|c| "╷╵│".contains(c)))
            .map(|l| l.trim_start_matches('│').trim())
            .find(|l| l.starts_with("Error:"))
            .unwrap_or("")
            .to_string();
        return Err(format!(
            "`{} providers schema -json` failed ({status}){}",
            binary.display(),
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        ));
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_key_hash_is_stable() {
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
