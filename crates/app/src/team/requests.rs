//! Self-service requests on the desktop (`team` feature). Requests are read from the synced
//! feed (each step arrives as a `request` change holding the whole request), so the list
//! works offline and follows the server. Making and deciding a request are direct calls:
//! the server checks roles and state at once and the person sees its answer.
//!
//! An operator turns an approved request into a workspace folder: the catalog module
//! vendored under `modules/<cloud>/<name>`, a `main.tf` calling it with `var.*`, the
//! module's types in `variables.tf`, the request's values in `terraform.tfvars.json`, the
//! request's environment in `.orbis.toml`, and `.orbis-request.json` naming the request. Runs
//! are then the ordinary runner's runs in that folder; when the sync sees a plan or apply of
//! such a folder end, it reports `planned` (with the plan hash), `applied` or `failed` to the
//! request. Those reports wait in the store until the server has answered them.

use super::imp::{
    client_error, connection, device_id, invalid, lock, not_connected, runtime, team, token,
    Connection, REQUEST_TIMEOUT,
};
use super::request_dto::*;
use crate::error::{AppError, ErrorCode};
use crate::session::Session;
use orbis_store::{RunRecord, RunStatus, Store, TeamRecord};
use orbis_sync::{
    ClientError, DecideRequest, NewRequest, RequestDecision, RequestProgress, RequestStatus,
    RequestView, Role, SyncClient,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FOLDERS_KEY: &str = "team.request_folders";
const REPORTS_KEY: &str = "team.request_reports";
/// The file that marks a workspace folder as made for a request.
pub(crate) const MARKER: &str = ".orbis-request.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Marker {
    server_url: String,
    workspace_id: String,
    request_id: String,
    module: String,
    environment: String,
}

/// A progress report waiting to be sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Report {
    workspace_id: String,
    request_id: String,
    progress: RequestProgress,
}

fn role(conn: &Connection) -> Role {
    Role::parse(&conn.role).unwrap_or(Role::Viewer)
}

fn folders(store: &Store) -> BTreeMap<String, String> {
    store
        .setting::<BTreeMap<String, String>>(FOLDERS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn to_dto(
    view: &RequestView,
    conn: &Connection,
    folders: &BTreeMap<String, String>,
) -> TeamRequest {
    let role = role(conn);
    let mine = view.requester_id == conn.user_id;
    TeamRequest {
        id: view.id.clone(),
        module: view.module.clone(),
        module_version: view.module_version.clone(),
        environment: view.environment.clone(),
        variables: view.variables.clone(),
        reason: view.reason.clone(),
        status: view.status.as_str().to_string(),
        requester: view.requester_name.clone(),
        mine,
        decided_by: view.decided_by_name.clone(),
        decision_comment: view.decision_comment.clone(),
        plan_sha256: view.plan_sha256.clone(),
        history: view
            .history
            .iter()
            .map(|e| TeamRequestStep {
                status: e.status.as_str().to_string(),
                actor: e.actor_name.clone(),
                at: e.at,
                comment: e.comment.clone(),
            })
            .collect(),
        can_decide: role >= Role::Approver && !mine && view.status == RequestStatus::Requested,
        can_run: role >= Role::Operator
            && matches!(
                view.status,
                RequestStatus::Approved | RequestStatus::Planned
            ),
        folder: folders.get(&view.id).cloned(),
        created_at: view.created_at,
        updated_at: view.updated_at,
    }
}

fn parse(record: &TeamRecord) -> Option<RequestView> {
    serde_json::from_str(&record.body).ok()
}

pub(crate) fn list(session: &Session) -> Result<Vec<TeamRequest>, AppError> {
    let store = session.store();
    let conn = connection(&store)?.ok_or_else(not_connected)?;
    let folders = folders(&store);
    let mut out: Vec<TeamRequest> = store
        .team_records(&conn.workspace_id, Some("request"))?
        .iter()
        .filter_map(parse)
        .map(|v| to_dto(&v, &conn, &folders))
        .collect();
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// The connection, a client with the session's token, and a runtime for one call.
pub(super) fn online(
    session: &Session,
) -> Result<(Connection, SyncClient, tokio::runtime::Runtime), AppError> {
    let (conn, device) = {
        let store = session.store();
        (
            connection(&store)?.ok_or_else(not_connected)?,
            device_id(&store)?,
        )
    };
    let token = token(&team(session).shared, &device)?;
    let client = SyncClient::with_timeout(&conn.server_url, &token, REQUEST_TIMEOUT);
    Ok((conn, client, runtime()?))
}

/// After a change on the server: pull it now so the list shows it (a failed pull is retried
/// by the background sync).
fn refresh(session: &Session) {
    if let Err(e) = super::sync::sync_now(session) {
        log::info!(
            "team server: refresh after a request change failed: {}",
            e.message
        );
    }
}

fn new_request_id(device: &str) -> String {
    let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
    let random = std::collections::hash_map::RandomState::new();
    let mut h = Sha256::new();
    h.update(seed.as_bytes());
    h.update(std::hash::BuildHasher::hash_one(&random, &seed).to_le_bytes());
    format!("{device}-req-{}", hex::encode(&h.finalize()[..6]))
}

pub(crate) fn create(session: &Session, request: &TeamNewRequest) -> Result<TeamRequest, AppError> {
    let module = session.catalog_module(&request.module)?;
    let environment = request.environment.trim();
    if environment.is_empty() || environment.len() > 128 {
        return Err(invalid(
            "The request needs an environment",
            "Name the environment it is for (e.g. dev, staging, prod).",
        ));
    }
    if request.reason.trim().is_empty() {
        return Err(invalid(
            "The request needs a reason",
            "Say what it is for: the approver reads it.",
        ));
    }
    let Some(values) = request.variables.as_object() else {
        return Err(invalid(
            "The module's values must be an object of input names",
            "This is a bug in the form; please report it.",
        ));
    };
    let mut variables = serde_json::Map::new();
    for (name, value) in values {
        let Some(input) = module.inputs.iter().find(|i| &i.name == name) else {
            return Err(invalid(
                &format!("{} has no input named {name}", module.id),
                "Fill in only the module's inputs (the form lists them).",
            ));
        };
        if input.sensitive && !value.is_null() {
            return Err(invalid(
                &format!("{name} is a sensitive input: a request cannot carry it"),
                "Leave it empty; the operator sets it where the plan runs (e.g. from the keychain's run secrets).",
            ));
        }
        if !value.is_null() {
            variables.insert(name.clone(), value.clone());
        }
    }
    let missing: Vec<&str> = module
        .inputs
        .iter()
        .filter(|i| i.required && !i.sensitive && !variables.contains_key(&i.name))
        .map(|i| i.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(invalid(
            &format!("{} needs a value for {}", module.id, missing.join(", ")),
            "Fill in every required input of the form.",
        ));
    }
    let (conn, client, rt) = online(session)?;
    if role(&conn) < Role::Operator {
        return Err(AppError::new(
            ErrorCode::TeamRefused,
            "Your role on this workspace cannot make requests",
            "Requests need the operator role or above; ask a workspace admin.",
        ));
    }
    let device = device_id(&session.store())?;
    let new = NewRequest {
        id: new_request_id(&device),
        module: module.id.clone(),
        module_version: module.version.clone(),
        environment: environment.to_string(),
        variables: serde_json::Value::Object(variables),
        reason: request.reason.trim().to_string(),
    };
    let view = rt
        .block_on(client.create_request(&conn.workspace_id, &new))
        .map_err(|e| client_error(e, &conn.server_url))?;
    refresh(session);
    Ok(to_dto(&view, &conn, &folders(&session.store())))
}

pub(crate) fn decide(
    session: &Session,
    decision: &TeamRequestDecision,
) -> Result<TeamRequest, AppError> {
    let (conn, client, rt) = online(session)?;
    let body = DecideRequest {
        decision: if decision.approve {
            RequestDecision::Approve
        } else {
            RequestDecision::Reject
        },
        comment: decision.comment.clone().filter(|c| !c.trim().is_empty()),
    };
    let view = rt
        .block_on(client.decide_request(&conn.workspace_id, &decision.request_id, &body))
        .map_err(|e| client_error(e, &conn.server_url))?;
    refresh(session);
    Ok(to_dto(&view, &conn, &folders(&session.store())))
}

/// A pulled approval (the server accepted it only from an approver) of exactly this plan for
/// this environment, and no pulled rejection of it.
pub(crate) fn pulled_approval(session: &Session, plan_sha256: &str, environment: &str) -> bool {
    let store = session.store();
    let Ok(Some(conn)) = connection(&store) else {
        return false;
    };
    let Ok(records) = store.team_records(&conn.workspace_id, Some("approval")) else {
        return false;
    };
    let decisions: Vec<String> = records
        .iter()
        .filter_map(|r| serde_json::from_str::<serde_json::Value>(&r.body).ok())
        .filter(|b| b["plan_sha256"] == plan_sha256 && b["environment"] == environment)
        .filter_map(|b| b["decision"].as_str().map(str::to_string))
        .collect();
    decisions.iter().any(|d| d == "approved") && !decisions.iter().any(|d| d == "rejected")
}

/// `s3-bucket-prod-1a2b3c`: readable, and unique per request.
fn folder_name(module: &str, environment: &str, id: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .trim_matches('-')
            .to_string()
    };
    let name = module.rsplit('/').next().unwrap_or(module);
    let tail = &id[id.len().saturating_sub(6)..];
    format!("{}-{}-{}", clean(name), clean(environment), clean(tail))
}

/// The files of a request's workspace (vendored module files come separately).
fn workspace_files(
    module: &orbis_generator::catalog::CatalogModule,
    view: &RequestView,
    marker: &Marker,
) -> BTreeMap<String, String> {
    let call = module.name.replace('-', "_");
    let names: Vec<&String> = view
        .variables
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    let mut main = format!(
        "# Self-service request {} ({} {} for {}), made by {} and approved by {}.\n\
         # Generated by TerraOrbis; the values are in terraform.tfvars.json.\n\n\
         module \"{call}\" {{\n  source = \"./modules/{}\"\n",
        view.id,
        view.module,
        view.module_version,
        view.environment,
        view.requester_name,
        view.decided_by_name.as_deref().unwrap_or("?"),
        module.id,
    );
    let mut variables = String::new();
    for name in &names {
        main.push_str(&format!("  {name} = var.{name}\n"));
        let input = module.inputs.iter().find(|i| &&i.name == name);
        variables.push_str(&format!("variable \"{name}\" {{\n"));
        if let Some(t) = input.and_then(|i| i.type_text.as_deref()) {
            variables.push_str(&format!("  type = {t}\n"));
        }
        if let Some(d) = input.and_then(|i| i.description.as_deref()) {
            variables.push_str(&format!("  description = {}\n", serde_json::Value::from(d)));
        }
        variables.push_str("}\n\n");
    }
    main.push_str("}\n");
    let mut files = BTreeMap::new();
    files.insert("main.tf".to_string(), main);
    files.insert("variables.tf".to_string(), variables);
    files.insert(
        "terraform.tfvars.json".to_string(),
        serde_json::to_string_pretty(&view.variables).unwrap_or_default() + "\n",
    );
    files.insert(
        ".orbis.toml".to_string(),
        format!(
            "# The request's environment: plans and applies run (and are approved) for it.\n\
             [runs.environments.{}]\n",
            serde_json::Value::from(view.environment.as_str())
        ),
    );
    files.insert(
        MARKER.to_string(),
        serde_json::to_string_pretty(marker).unwrap_or_default() + "\n",
    );
    files
}

pub(crate) fn prepare(
    session: &Session,
    request_id: &str,
    parent: Option<&Path>,
) -> Result<TeamRequestWorkspace, AppError> {
    let (conn, view) = {
        let store = session.store();
        let conn = connection(&store)?.ok_or_else(not_connected)?;
        let view = store
            .team_records(&conn.workspace_id, Some("request"))?
            .iter()
            .filter(|r| r.id == request_id)
            .find_map(parse)
            .ok_or_else(|| {
                invalid(
                    "This request is not on this desktop",
                    "Sync (Team Server → Sync now) and try again.",
                )
            })?;
        (conn, view)
    };
    if role(&conn) < Role::Operator {
        return Err(AppError::new(
            ErrorCode::TeamRefused,
            "Your role on this workspace cannot run requests",
            "Running a request needs the operator role or above.",
        ));
    }
    if !matches!(
        view.status,
        RequestStatus::Approved | RequestStatus::Planned
    ) {
        return Err(invalid(
            &format!(
                "The request is {}: only an approved request is run",
                view.status.as_str()
            ),
            "Wait for an approver's decision.",
        ));
    }
    let module = session.catalog_module(&view.module)?;
    if module.version != view.module_version {
        return Err(invalid(
            &format!(
                "The request is for {} {}, this catalog has {}",
                view.module, view.module_version, module.version
            ),
            "Update the module catalog to the version the request was approved for.",
        ));
    }
    let parent = match parent {
        Some(p) => p.to_path_buf(),
        None => default_parent()?,
    };
    let folder = parent.join(folder_name(&view.module, &view.environment, &view.id));
    if folder.exists() && !folder.join(MARKER).is_file() {
        return Err(invalid(
            &format!(
                "{} exists and is not this request's folder",
                folder.display()
            ),
            "Pick another parent folder.",
        ));
    }
    let marker = Marker {
        server_url: conn.server_url.clone(),
        workspace_id: conn.workspace_id.clone(),
        request_id: view.id.clone(),
        module: view.module.clone(),
        environment: view.environment.clone(),
    };
    let mut files = orbis_generator::catalog::vendored_files(&session.catalog_dir()?, &module.id)
        .map_err(|e| {
        AppError::new(
            ErrorCode::InvalidRequest,
            format!("The module {} cannot be copied: {e}", module.id),
            "Check the module catalog (Settings → Module catalog).",
        )
    })?;
    files.extend(workspace_files(&module, &view, &marker));
    for (rel, text) in &files {
        let path = folder.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| AppError::io("create", dir, &e))?;
        }
        std::fs::write(&path, text).map_err(|e| AppError::io("write", &path, &e))?;
    }
    // In the recent folders: the view's "Open workspace" may open only those.
    let folder = folder.canonicalize().unwrap_or(folder);
    let folder_text = folder.to_string_lossy().into_owned();
    {
        let store = session.store();
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        store.touch_workspace(&folder_text, &name, now)?;
        let mut map = folders(&store);
        map.insert(view.id.clone(), folder_text.clone());
        store.set_setting(FOLDERS_KEY, &map)?;
    }
    log::info!("request {} prepared in {}", view.id, folder.display());
    Ok(TeamRequestWorkspace {
        request_id: view.id,
        folder: folder_text,
        files: files.into_keys().collect(),
        environment: view.environment,
    })
}

fn default_parent() -> Result<PathBuf, AppError> {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("TerraOrbis Requests"))
        .ok_or_else(|| {
            invalid(
                "There is no home folder to put the request's workspace in",
                "Pick a parent folder.",
            )
        })
}

/// The report a run of a request's folder makes: `planned` after a successful plan with a
/// plan file, `applied` after a successful apply, `failed` after a failed one; nothing for
/// other commands or a cancelled run.
fn report_for(run: &RunRecord, device: &str) -> Option<RequestProgress> {
    let words: Vec<&str> = run.command.split_whitespace().collect();
    let verb = words
        .iter()
        .find(|w| ["plan", "apply", "init", "destroy"].contains(w))
        .copied()?;
    let run_id = Some(format!("{device}-run-{}", run.id));
    let status = match (verb, run.status) {
        ("plan", RunStatus::Succeeded) if run.plan_sha256.is_some() => RequestStatus::Planned,
        ("apply", RunStatus::Succeeded) => RequestStatus::Applied,
        ("plan" | "apply", RunStatus::Failed) => RequestStatus::Failed,
        _ => return None,
    };
    Some(RequestProgress {
        status,
        run_id,
        plan_sha256: run.plan_sha256.clone(),
        message: (status == RequestStatus::Failed)
            .then(|| format!("the {verb} failed (exit code {:?})", run.exit_code)),
    })
}

/// Called by the sync for runs that just ended: those of a request's folder (of this
/// server workspace) queue a report.
pub(super) fn note_runs(store: &Store, conn: &Connection, device: &str, runs: &[RunRecord]) {
    let mut reports: Vec<Report> = store
        .setting(REPORTS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let before = reports.len();
    for run in runs {
        let Ok(text) = std::fs::read_to_string(Path::new(&run.workspace).join(MARKER)) else {
            continue;
        };
        let Ok(marker) = serde_json::from_str::<Marker>(&text) else {
            continue;
        };
        if marker.workspace_id != conn.workspace_id {
            continue;
        }
        if let Some(progress) = report_for(run, device) {
            reports.push(Report {
                workspace_id: marker.workspace_id,
                request_id: marker.request_id,
                progress,
            });
        }
    }
    if reports.len() != before {
        if let Err(e) = store.set_setting(REPORTS_KEY, &reports) {
            log::warn!("team server: request reports not kept: {e}");
        }
    }
}

/// Sends the queued reports in order (after the runs they name were pushed). A report the
/// server refuses (the request moved on, say) is dropped with a log line; one it did not
/// answer stays for the next sync.
pub(super) fn flush_reports(
    rt: &tokio::runtime::Runtime,
    store: &std::sync::Mutex<Store>,
    client: &SyncClient,
    server: &str,
) -> Result<usize, AppError> {
    let mut sent = 0;
    loop {
        let reports: Vec<Report> = lock(store).setting(REPORTS_KEY)?.unwrap_or_default();
        let Some(first) = reports.first().cloned() else {
            return Ok(sent);
        };
        match rt.block_on(client.report_request(
            &first.workspace_id,
            &first.request_id,
            &first.progress,
        )) {
            Ok(_) => sent += 1,
            Err(e) if !e.is_retryable() && !matches!(e, ClientError::Api { status: 401, .. }) => {
                log::warn!(
                    "team server refused the {} report of request {}: {e}",
                    first.progress.status.as_str(),
                    first.request_id
                );
            }
            Err(e) => return Err(client_error(e, server)),
        }
        let s = lock(store);
        let mut now: Vec<Report> = s.setting(REPORTS_KEY)?.unwrap_or_default();
        if !now.is_empty() {
            now.remove(0);
        }
        s.set_setting(REPORTS_KEY, &now)?;
    }
}

#[cfg(test)]
mod tests {
    use orbis_store::{RunRecord, RunStatus};
    use orbis_sync::RequestStatus;

    fn run(command: &str, status: RunStatus, plan: Option<&str>) -> RunRecord {
        RunRecord {
            id: 7,
            command: format!("/usr/bin/terraform {command}"),
            tool: "terraform".into(),
            tool_version: "1.11.4".into(),
            workspace: "/w".into(),
            environment: Some("staging".into()),
            identity: None,
            plan_sha256: plan.map(str::to_string),
            started_at: 1,
            ended_at: Some(2),
            status,
            exit_code: Some(if status == RunStatus::Succeeded { 0 } else { 1 }),
            changes: None,
            log: String::new(),
            log_truncated: false,
        }
    }

    #[test]
    fn ended_runs_map_to_request_reports() {
        let plan = "ab".repeat(32);
        let planned = super::report_for(
            &run("plan -json -out=x", RunStatus::Succeeded, Some(&plan)),
            "dev",
        )
        .unwrap();
        assert_eq!(planned.status, RequestStatus::Planned);
        assert_eq!(planned.plan_sha256.as_deref(), Some(plan.as_str()));
        assert_eq!(planned.run_id.as_deref(), Some("dev-run-7"));
        let applied = super::report_for(
            &run("apply -json x", RunStatus::Succeeded, Some(&plan)),
            "dev",
        )
        .unwrap();
        assert_eq!(applied.status, RequestStatus::Applied);
        let failed =
            super::report_for(&run("apply -json x", RunStatus::Failed, Some(&plan)), "dev")
                .unwrap();
        assert_eq!(failed.status, RequestStatus::Failed);
        assert!(failed.message.unwrap().contains("apply failed"));
        // Nothing for init, a cancelled run, or a plan without a saved plan file.
        assert!(super::report_for(&run("init", RunStatus::Succeeded, None), "dev").is_none());
        assert!(super::report_for(&run("plan", RunStatus::Cancelled, None), "dev").is_none());
        assert!(super::report_for(&run("plan", RunStatus::Succeeded, None), "dev").is_none());
    }

    #[test]
    fn folder_names_are_readable_and_safe() {
        assert_eq!(
            super::folder_name("aws/s3-bucket", "Prod EU/1", "abcd-req-0011aabbccdd"),
            "s3-bucket-prod-eu-1-bbccdd"
        );
        assert_eq!(super::folder_name("x/y", "../..", "r"), "y--r");
    }
}
