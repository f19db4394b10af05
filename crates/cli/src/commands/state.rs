//! `orbis state show FILE|--backend DIR [--workspace NAME] [--format text|json] [--search Q]
//! [--passphrase-env VAR]`: the state
//! explorer on the command line — resources by module and type, ids, dependencies, outputs
//! and the lock holder, with every sensitive value redacted. The state is only read.
//! Exit codes: 0 shown, 2 unreadable state or usage error.

use orbis_state::{explorer, local_lock, Passphrase, State, StateError};
use serde_json::json;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct StateArgs {
    #[command(subcommand)]
    command: StateCommand,
}

#[derive(clap::Subcommand)]
enum StateCommand {
    /// Show a state: terraform.tfstate (v3/v4), `terraform show -json` output or an OpenTofu
    /// encrypted state.
    Show(ShowArgs),
}

#[derive(clap::Args)]
struct ShowArgs {
    #[arg(required_unless_present = "backend")]
    file: Option<PathBuf>,
    /// Read the remote state of the root module in DIR (its s3, azurerm, gcs, http, remote or
    /// cloud backend, as `terraform init` configured it) instead of a file; needs the `cloud`
    /// feature.
    #[arg(long, value_name = "DIR", conflicts_with = "file")]
    backend: Option<PathBuf>,
    /// The Terraform workspace of --backend (default: TF_WORKSPACE, else the selected one).
    #[arg(long, value_name = "NAME", requires = "backend")]
    workspace: Option<String>,
    /// text or json.
    #[arg(long, default_value = "text")]
    format: String,
    /// Only instances whose address, id or a non-sensitive value contains this text.
    #[arg(long)]
    search: Option<String>,
    /// Environment variable holding the passphrase of an OpenTofu encrypted state.
    #[arg(long, value_name = "VAR")]
    passphrase_env: Option<String>,
    /// Show one instance in full: attributes (sensitive ones redacted), dependencies and
    /// dependents.
    #[arg(long, value_name = "ADDRESS")]
    address: Option<String>,
}

pub fn run(args: StateArgs) -> u8 {
    match args.command {
        StateCommand::Show(a) => show(a),
    }
}

/// The passphrase from a named environment variable (never from the command line, where
/// it would land in the shell history and the process list).
pub fn passphrase(var: Option<&str>) -> Result<Option<Passphrase>, (String, String)> {
    let Some(var) = var else { return Ok(None) };
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Ok(Some(Passphrase::new(v))),
        _ => Err((
            format!("[state.passphrase_env] the environment variable {var} is not set"),
            format!("export {var}=… (the pbkdf2 key provider's passphrase) before running"),
        )),
    }
}

fn show(a: ShowArgs) -> u8 {
    if a.format != "text" && a.format != "json" {
        return fail(
            "[state.usage] --format must be text or json",
            "use --format text or --format json",
        );
    }
    let pass = match passphrase(a.passphrase_env.as_deref()) {
        Ok(p) => p,
        Err((m, h)) => return fail(&m, &h),
    };
    let (state, lock) = if let Some(dir) = &a.backend {
        match remote(dir, a.workspace.as_deref(), pass.as_ref()) {
            Ok(found) => found,
            Err((m, h)) => return fail(&m, &h),
        }
    } else {
        let file = a.file.clone().unwrap_or_default();
        let state = match orbis_state::read_file(&file, pass.as_ref()) {
            Ok(s) => s,
            Err(e) => return fail_state(&e),
        };
        match local_lock(&file) {
            Ok(l) => (state, l),
            Err(e) => return fail_state(&e),
        }
    };
    if let Some(addr) = &a.address {
        return detail(&state, addr, &a.format);
    }
    let shown: Vec<&orbis_state::Instance> = match &a.search {
        Some(q) => explorer::search(&state, q),
        None => state.instances.iter().collect(),
    };
    if a.format == "json" {
        let v = json!({
            "format": state.format,
            "version": state.version,
            "terraform_version": state.terraform_version,
            "serial": state.serial,
            "lineage": state.lineage,
            "encrypted": state.encrypted,
            "lock": lock,
            "tree": explorer::tree(&state),
            "resources": shown,
            "outputs": state.outputs,
            "redacted_values": state.redacted_values,
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print!("{}", text(&state, &shown, lock.as_ref()));
    }
    0
}

/// The remote state of the root module in `dir` and its first lock holder (read only).
#[cfg(feature = "cloud")]
fn remote(
    dir: &std::path::Path,
    workspace: Option<&str>,
    pass: Option<&Passphrase>,
) -> Result<(State, Option<orbis_state::LockInfo>), (String, String)> {
    use orbis_app::remote_state::{detect, target, Target};
    use orbis_cloud::remote_state::{
        fetch_azurerm, fetch_gcs, fetch_http_env, fetch_s3, fetch_tfe_env,
    };
    let env_ws = std::env::var("TF_WORKSPACE").ok();
    let found = detect::detect(dir, workspace.or(env_ws.as_deref())).ok_or_else(|| {
        (
            format!(
                "[state.no_backend] {} has no remote backend: its state is local",
                dir.display()
            ),
            "pass the state file instead: `orbis state show DIR/terraform.tfstate`".to_string(),
        )
    })?;
    let target = target(&found).map_err(|why| {
        (
            format!("[state.backend] {why}"),
            "fix the backend block, then run `terraform init`".to_string(),
        )
    })?;
    let ctx = orbis_cloud::Context::from_process();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            (
                format!("cannot start the async runtime: {e}"),
                "try again".to_string(),
            )
        })?;
    let fetched = rt
        .block_on(async {
            match &target {
                Target::S3(loc) => fetch_s3(&ctx, loc).await,
                Target::Http(loc) => fetch_http_env(&ctx, loc).await,
                Target::Azure(loc) => fetch_azurerm(&ctx, loc).await,
                Target::Gcs(loc) => fetch_gcs(&ctx, loc).await,
                Target::Tfe(loc) => fetch_tfe_env(&ctx, loc).await,
            }
        })
        .map_err(|e| (format!("[{}] {}", e.code, e.message), e.hint))?;
    for w in &fetched.warnings {
        eprintln!("warning: {w}");
    }
    let state = orbis_state::read_bytes(&fetched.bytes, &fetched.source, pass)
        .map_err(|e| (format!("[{}] {}", e.code, e.message), e.hint.to_string()))?;
    Ok((state, fetched.locks.into_iter().next().map(|l| l.info)))
}

#[cfg(not(feature = "cloud"))]
fn remote(
    _dir: &std::path::Path,
    _workspace: Option<&str>,
    _pass: Option<&Passphrase>,
) -> Result<(State, Option<orbis_state::LockInfo>), (String, String)> {
    Err((
        "[state.cloud_not_built] this build of orbis cannot read remote states".to_string(),
        "use a release build (built with `--features orbis-cli/cloud`), or `terraform state pull > state.json` and pass that file".to_string(),
    ))
}

fn text(
    state: &State,
    shown: &[&orbis_state::Instance],
    lock: Option<&orbis_state::LockInfo>,
) -> String {
    let mut s = format!(
        "State {:?} v{}{}{}{}\n",
        state.format,
        state.version,
        state
            .terraform_version
            .as_deref()
            .map(|v| format!(", terraform {v}"))
            .unwrap_or_default(),
        state
            .serial
            .map(|v| format!(", serial {v}"))
            .unwrap_or_default(),
        if state.encrypted {
            ", decrypted in memory"
        } else {
            ""
        }
    );
    match lock {
        Some(l) => s.push_str(&format!(
            "Locked by {} ({}, since {}, lock id {})\n",
            l.who, l.operation, l.created, l.id
        )),
        None => s.push_str("Not locked\n"),
    }
    let wanted: std::collections::BTreeSet<&str> =
        shown.iter().map(|i| i.address.as_str()).collect();
    for group in explorer::tree(state) {
        let types: Vec<_> = group
            .types
            .iter()
            .filter(|t| t.addresses.iter().any(|a| wanted.contains(a.as_str())))
            .collect();
        if types.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{}\n", group.module));
        for t in types {
            s.push_str(&format!("  {}\n", t.resource_type));
            for a in t.addresses.iter().filter(|a| wanted.contains(a.as_str())) {
                let i = state.instances.iter().find(|i| &i.address == a);
                let id = i.and_then(|i| i.id.as_deref()).unwrap_or("-");
                let deps = i.map(|i| i.dependencies.len()).unwrap_or(0);
                s.push_str(&format!(
                    "    {a}  id={id}{}\n",
                    if deps > 0 {
                        format!("  depends on {deps}")
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    if !state.outputs.is_empty() {
        s.push_str("\nOutputs\n");
        for o in &state.outputs {
            let v = match &o.value {
                Some(v) => v.to_string(),
                None => "(sensitive)".into(),
            };
            s.push_str(&format!("  {} = {}\n", o.name, v));
        }
    }
    s.push_str(&format!(
        "\n{} instances, {} sensitive values redacted\n",
        state.instances.len(),
        state.redacted_values
    ));
    s
}

/// One instance: attributes, dependencies and what depends on it.
fn detail(state: &State, address: &str, format: &str) -> u8 {
    let Some(i) = state.instances.iter().find(|i| i.address == address) else {
        return fail(
            &format!("[state.no_such_address] {address} is not in the state"),
            "list the addresses with `orbis state show FILE` (or --search TEXT)",
        );
    };
    let dependents = explorer::dependents(state, address);
    if format == "json" {
        let v = json!({"resource": i, "dependents": dependents});
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return 0;
    }
    println!(
        "{}  ({}, id {})",
        i.address,
        i.provider,
        i.id.as_deref().unwrap_or("-")
    );
    if let Some(attrs) = i.attributes.as_object() {
        for (k, v) in attrs {
            println!("  {k} = {v}");
        }
    }
    for d in &i.dependencies {
        println!("  depends on {d}");
    }
    for d in dependents {
        println!("  needed by {d}");
    }
    0
}

pub fn fail_state(e: &StateError) -> u8 {
    fail(&e.to_string(), e.hint)
}

fn fail(message: &str, hint: &str) -> u8 {
    eprintln!("error: {message}\nhint: {hint}");
    2
}
