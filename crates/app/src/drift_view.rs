//! Inventory & Drift: a workspace state compared with the live cloud (a scan through
//! orbis-cloud, only in builds with the `cloud` feature) or with an inventory snapshot file,
//! by orbis-drift. The last scan is kept for its remediation views (import block + skeleton of
//! an unmanaged resource, accept-into-code diff of a changed one); each scan's counts are
//! recorded in the store and drawn as the workspace's timeline. Nothing here writes code,
//! state or cloud resources.

use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_drift::remediation::{accept_changes, import_blocks};
use orbis_drift::{DriftError, DriftReport, DriftRequest, Inventory, Status};
use orbis_store::NewDriftScan;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Instant;
use ts_rs::TS;

/// The state compared when the request names none.
pub const DEFAULT_STATE: &str = "terraform.tfstate";

/// Longest value text sent per side of a change (a policy document can be large).
const MAX_VALUE_CHARS: usize = 4_000;

/// Where the live side comes from.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DriftSource {
    /// An inventory snapshot (or a driftctl fixture), workspace-relative.
    Snapshot { path: String },
    /// Scan AWS now with the user's configuration (profile: `AWS_PROFILE`, the environment's
    /// keys, else `default`; regions: the profile's when empty).
    LiveAws {
        profile: Option<String>,
        regions: Vec<String>,
    },
    /// A live scan cached in the store (`DriftCapabilities::cached_scans`), compared again
    /// without scanning.
    Cached { id: u32 },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DriftScanRequest {
    /// Workspace-relative state file; `terraform.tfstate` when absent.
    pub state: Option<String>,
    pub source: DriftSource,
}

#[derive(Debug, Clone, Copy, Default, Serialize, TS)]
pub struct DriftCounts {
    /// In state and in the cloud (changed ones included, as driftctl counts).
    pub managed: u32,
    pub changed: u32,
    pub missing: u32,
    pub unmanaged: u32,
    /// Left out by `.driftignore`.
    pub ignored: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftChangeRow {
    pub attribute: String,
    /// JSON text of each side (cut when very long).
    pub state: String,
    pub live: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftRow {
    pub resource_type: String,
    pub id: String,
    /// `managed` (in sync), `changed`, `missing` or `unmanaged`.
    pub status: String,
    /// State address, for resources in state.
    pub address: Option<String>,
    /// The live `Name` tag, when there is one.
    pub name: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    pub changes: Vec<DriftChangeRow>,
}

/// A resource type the scan could not enumerate in a region: nothing of it is classified.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftNotScanned {
    pub resource_type: String,
    pub region: Option<String>,
    pub code: String,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftView {
    /// The state compared (workspace-relative).
    pub state: String,
    /// What the live side was: `snapshot inventory.json` or `aws:dev:123… (eu-west-1)`.
    pub source: String,
    pub counts: DriftCounts,
    /// Managed share of everything seen, percent.
    pub coverage: f64,
    pub rows: Vec<DriftRow>,
    pub not_scanned: Vec<DriftNotScanned>,
    pub warnings: Vec<String>,
    /// The `.driftignore` honoured (workspace-relative), when the workspace has one.
    pub driftignore: Option<String>,
    /// How old the inventory is, in minutes, when it came from the cache (0 for a live scan,
    /// None for a snapshot file).
    pub inventory_age_minutes: Option<u32>,
    pub elapsed_ms: u32,
}

/// Whether this build can scan clouds live (the desktop app can; a build without the
/// `cloud` feature only reads snapshots).
#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftCapabilities {
    pub live_aws: bool,
    /// The state the view proposes first (the workspace's `terraform.tfstate` when present).
    pub default_state: Option<String>,
    /// Workspace `.tfstate` files and `.json` files that look like snapshots, for the pickers.
    pub states: Vec<String>,
    pub snapshots: Vec<String>,
    /// Live scans cached in the store, newest first (any workspace: an account's inventory
    /// is the same whichever state is compared).
    pub cached_scans: Vec<crate::inventory_cache::CachedInventoryScan>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftImport {
    /// `import` block + resource skeleton with the observed attributes (HCL).
    pub code: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftAccept {
    pub address: String,
    /// Workspace-relative file holding the block, when found.
    pub file: Option<String>,
    /// Unified diff of the block with the live values (empty when nothing can be rewritten).
    pub diff: String,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DriftTimeline {
    pub scans: u32,
    /// Counts over time (SVG).
    pub counts_svg: String,
    /// Coverage over time (SVG).
    pub coverage_svg: String,
}

/// The last scan, for the remediation views.
pub struct LoadedDrift {
    report: DriftReport,
    inventory: Option<Inventory>,
    module_dir: PathBuf,
}

impl LoadedDrift {
    /// The last scan's report (the Inventory table's "managed by").
    pub(crate) fn report(&self) -> &DriftReport {
        &self.report
    }
}

fn drift_error(e: DriftError) -> AppError {
    AppError::new(
        ErrorCode::DriftInvalid,
        format!("{} [{}]", e.message, e.code),
        e.hint,
    )
}

fn no_scan() -> AppError {
    AppError::new(
        ErrorCode::NoDriftScan,
        "No drift scan has run yet",
        "Run a scan in Inventory & Drift first.",
    )
}

impl Session {
    /// What the Inventory & Drift view can offer in this build and workspace.
    pub fn drift_capabilities(&self) -> Result<DriftCapabilities, AppError> {
        let ws = self.current()?;
        let mut states = Vec::new();
        let mut snapshots = Vec::new();
        let walker = ignore::WalkBuilder::new(ws.root())
            .max_depth(Some(4))
            .hidden(true)
            .build();
        for entry in walker.flatten().filter(|e| e.path().is_file()) {
            let Some(rel) = ws.relative(entry.path()) else {
                continue;
            };
            if crate::state_explorer::is_state_file(entry.path()) {
                states.push(rel);
            } else if rel.ends_with(".json") && looks_like_snapshot(entry.path()) {
                snapshots.push(rel);
            }
        }
        states.sort();
        snapshots.sort();
        // The remote state open in the State Explorer can be compared too (first: it is the
        // one Terraform uses when the workspace has a backend).
        if let Some(remote) = self.open_remote_location() {
            states.insert(0, remote);
        }
        let default_state = states
            .iter()
            .find(|s| *s == DEFAULT_STATE)
            .or(states.first())
            .cloned();
        Ok(DriftCapabilities {
            live_aws: cfg!(feature = "cloud"),
            default_state,
            states,
            snapshots,
            cached_scans: crate::inventory_cache::list(&self.store()),
        })
    }

    /// Compares a workspace state with the live side, keeps the result for the remediation
    /// views and records the counts in the store (the timeline).
    pub fn drift_scan(&self, request: &DriftScanRequest) -> Result<DriftView, AppError> {
        let started = Instant::now();
        let ws = self.current()?;
        let state_rel = request.state.as_deref().unwrap_or(DEFAULT_STATE);
        let driftignore = ws.root().join(".driftignore");
        let mut req = DriftRequest {
            driftignore: driftignore.is_file().then(|| driftignore.clone()),
            ..Default::default()
        };
        // The remote state open in the State Explorer is compared as read (no second fetch);
        // anything else names a workspace file.
        let remote = self.open_remote_state_copy(state_rel);
        let state_path = match remote {
            Some(state) => {
                req.read_states.push(state);
                ws.root().to_path_buf()
            }
            None => {
                let path = ws.resolve(state_rel)?;
                req.states.push(path.clone());
                path
            }
        };
        let mut inventory_age_minutes = None;
        let source = match &request.source {
            DriftSource::Snapshot { path } => {
                req.inventory = Some(ws.resolve(path)?);
                format!("snapshot {path}")
            }
            DriftSource::LiveAws { profile, regions } => {
                let inv = live_aws(profile.as_deref(), regions)?;
                let source = inv.source.clone().unwrap_or_else(|| "aws".into());
                crate::inventory_cache::record(&self.store(), &inv, &source);
                inventory_age_minutes = Some(0);
                req.live = Some(inv);
                source
            }
            DriftSource::Cached { id } => {
                let (inv, row) = crate::inventory_cache::load(&self.store(), *id)?;
                inventory_age_minutes = Some(row.age_minutes);
                req.live = Some(inv);
                format!("{} (cached)", row.source)
            }
        };
        let outcome = orbis_drift::run(&req).map_err(drift_error)?;
        let report = outcome.report;
        let not_scanned = outcome
            .inventory
            .as_ref()
            .map(|inv| {
                inv.scan_errors
                    .iter()
                    .map(|e| DriftNotScanned {
                        resource_type: e.resource_type.clone(),
                        region: e.region.clone(),
                        code: e.code.clone(),
                        message: e.message.clone(),
                        hint: e.hint.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = rows(&report, outcome.inventory.as_ref());
        let s = report.summary;
        let counts = DriftCounts {
            managed: s.managed as u32,
            changed: s.changed as u32,
            missing: s.missing as u32,
            unmanaged: s.unmanaged as u32,
            ignored: s.ignored as u32,
        };
        self.store().record_drift_scan(&NewDriftScan {
            workspace: ws.root().display().to_string(),
            scanned_at: now(),
            sources: report.sources.join(","),
            managed: s.managed as u64,
            unmanaged: s.unmanaged as u64,
            missing: s.missing as u64,
            changed: s.changed as u64,
            ignored: s.ignored as u64,
            coverage: report.coverage,
        })?;
        let view = DriftView {
            state: if req.read_states.is_empty() {
                ws.relative(&state_path)
                    .unwrap_or_else(|| state_rel.to_string())
            } else {
                state_rel.to_string()
            },
            source,
            counts,
            coverage: report.coverage,
            rows,
            not_scanned,
            warnings: report.warnings.clone(),
            driftignore: driftignore.is_file().then(|| ".driftignore".to_string()),
            inventory_age_minutes,
            elapsed_ms: started.elapsed().as_millis().min(u32::MAX as u128) as u32,
        };
        let module_dir = if req.read_states.is_empty() {
            crate::state_explorer::module_dir_of(&state_path)
                .unwrap_or_else(|| ws.root().to_path_buf())
        } else {
            state_path
        };
        *self.drift_slot() = Some(LoadedDrift {
            report,
            inventory: outcome.inventory,
            module_dir,
        });
        Ok(view)
    }

    /// `import` block + resource skeleton for an unmanaged resource of the last scan.
    pub fn drift_import_block(
        &self,
        resource_type: &str,
        id: &str,
    ) -> Result<DriftImport, AppError> {
        let guard = self.drift_slot();
        let loaded = guard.as_ref().ok_or_else(no_scan)?;
        let live = loaded
            .inventory
            .as_ref()
            .and_then(|inv| {
                inv.resources
                    .iter()
                    .find(|r| r.resource_type == resource_type && r.id == id)
            })
            .filter(|_| {
                loaded
                    .report
                    .with_status(Status::Unmanaged)
                    .any(|d| d.resource_type == resource_type && d.id == id)
            })
            .ok_or_else(|| not_in_scan(resource_type, id, "unmanaged"))?;
        let code = import_blocks(&[live], &orbis_lang::ProviderSchemas::bundled());
        Ok(DriftImport { code })
    }

    /// The "accept into code" edit of a changed resource of the last scan, as a diff.
    pub fn drift_accept_preview(
        &self,
        resource_type: &str,
        id: &str,
    ) -> Result<DriftAccept, AppError> {
        let guard = self.drift_slot();
        let loaded = guard.as_ref().ok_or_else(no_scan)?;
        let drift = loaded
            .report
            .with_status(Status::Changed)
            .find(|d| d.resource_type == resource_type && d.id == id)
            .ok_or_else(|| not_in_scan(resource_type, id, "changed"))?;
        let edit = accept_changes(&loaded.module_dir, std::slice::from_ref(drift))
            .into_iter()
            .next()
            .ok_or_else(|| not_in_scan(resource_type, id, "changed"))?;
        Ok(DriftAccept {
            address: edit.address,
            file: edit
                .file
                .as_deref()
                .and_then(|f| self.workspace_relative(f)),
            diff: edit.diff,
            notes: edit.notes,
        })
    }

    /// The workspace's drift timeline from the recorded scans.
    pub fn drift_timeline(&self, dark: bool) -> Result<DriftTimeline, AppError> {
        let ws = self.current()?;
        let key = ws.root().display().to_string();
        let scans = self.store().drift_scans(&key, 1000)?;
        let points: Vec<orbis_drift::timeline::ScanPoint> = scans
            .iter()
            .map(|r| orbis_drift::timeline::ScanPoint {
                at: r.scan.scanned_at,
                managed: r.scan.managed as usize,
                unmanaged: r.scan.unmanaged as usize,
                missing: r.scan.missing as usize,
                changed: r.scan.changed as usize,
                coverage: r.scan.coverage,
            })
            .collect();
        let theme = if dark {
            orbis_charts::Theme::Dark
        } else {
            orbis_charts::Theme::Light
        };
        let options = orbis_charts::Options::new(800, 320, theme);
        let (counts_svg, coverage_svg) = orbis_drift::timeline::svg(&ws.name(), &points, &options)
            .map_err(|e| {
                AppError::new(
                    ErrorCode::Internal,
                    format!("Cannot draw the drift timeline: {e}"),
                    "This is a bug in TerraOrbis; please report it.",
                )
            })?;
        Ok(DriftTimeline {
            scans: scans.len() as u32,
            counts_svg,
            coverage_svg,
        })
    }
}

fn not_in_scan(resource_type: &str, id: &str, what: &str) -> AppError {
    AppError::new(
        ErrorCode::InvalidRequest,
        format!("{resource_type} {id} is not {what} in the last scan"),
        "Scan again; the list may be out of date.",
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A small `.json` whose first bytes name an inventory (`inventory_version`/`resources`).
fn looks_like_snapshot(path: &Path) -> bool {
    use std::io::Read;
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = String::new();
    let _ = f.take(4096).read_to_string(&mut head);
    head.contains("\"inventory_version\"")
}

fn rows(report: &DriftReport, inventory: Option<&Inventory>) -> Vec<DriftRow> {
    let name_of = |t: &str, id: &str| {
        inventory?
            .resources
            .iter()
            .find(|r| r.resource_type == t && r.id == id)?
            .tags
            .get("Name")
            .cloned()
    };
    report
        .resources
        .iter()
        .map(|d| DriftRow {
            resource_type: d.resource_type.clone(),
            id: d.id.clone(),
            status: d.status.name().to_string(),
            address: d.address.clone(),
            name: name_of(&d.resource_type, &d.id),
            region: d.region.clone(),
            account: d.account.clone(),
            changes: d
                .changes
                .iter()
                .map(|c| DriftChangeRow {
                    attribute: c.attribute.clone(),
                    state: value_text(&c.state),
                    live: value_text(&c.live),
                })
                .collect(),
        })
        .collect()
}

fn value_text(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
    format!("{cut}… (cut)")
}

#[cfg(feature = "cloud")]
fn live_aws(profile: Option<&str>, regions: &[String]) -> Result<Inventory, AppError> {
    use orbis_cloud::inventory::{default_profile, scan_aws, AwsScanOptions};
    let ctx = orbis_cloud::Context::from_process();
    let mut options = AwsScanOptions::new(
        profile
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().to_string())
            .unwrap_or_else(|| default_profile(&ctx)),
    );
    options.regions = regions
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("Cannot start the scan: {e}"),
                "Try again.",
            )
        })?;
    rt.block_on(scan_aws(&ctx, &options)).map_err(|e| {
        AppError::new(
            ErrorCode::CloudScanFailed,
            format!("{} [{}]", e.message, e.code),
            e.hint,
        )
    })
}

#[cfg(not(feature = "cloud"))]
fn live_aws(_profile: Option<&str>, _regions: &[String]) -> Result<Inventory, AppError> {
    Err(AppError::new(
        ErrorCode::CloudNotBuilt,
        "This build of TerraOrbis cannot scan clouds",
        "Compare with an inventory snapshot instead (`orbis drift --live aws --save-inventory FILE` writes one), or use the desktop release.",
    ))
}
