//! `orbis run init|validate|plan|apply [DIR]`: runs terraform/tofu with the user's own
//! environment and credentials, streaming typed events (`--format json`: one object per line,
//! `run_finished` last) or readable lines. Apply takes only a saved plan (`--plan`) whose
//! sha256 is given with `--approve-hash` (the approval gate). Ctrl-C is forwarded once as an
//! interrupt (graceful stop); a second Ctrl-C kills. `--history DB` records the run in that
//! local store. Exit codes: 0 succeeded, 1 failed/cancelled/interrupted, 2 usage or IO error.

use clap::{Args, ValueEnum};
use orbis_runner::{
    detect, render, start, which, Environment, Operation, Outcome, RunError, RunEvent, RunReport,
    RunRequest, WorkspaceSettings,
};
use orbis_store::{NewRun, RunChanges, RunEnd, RunStatus, Store};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum RunCommand {
    Init,
    Validate,
    Plan,
    Apply,
}

#[derive(Args)]
pub struct RunArgs {
    /// What to run.
    pub command: RunCommand,
    /// The workspace folder (the root module).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// terraform, tofu or terragrunt binary (default: terraform, else tofu, on PATH).
    #[arg(long)]
    pub binary: Option<PathBuf>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// plan: where to save the plan (default `tfplan`). apply: the saved plan to apply.
    /// A relative path is relative to DIR.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// apply: the sha256 of the approved plan (printed by `orbis run plan`).
    #[arg(long)]
    pub approve_hash: Option<String>,
    /// plan: plan a destroy (apply it like any other plan).
    #[arg(long)]
    pub destroy: bool,
    /// Environment name (dev, staging, prod) recorded in history.
    #[arg(long = "env")]
    pub env_name: Option<String>,
    /// Var files of the environment (repeatable).
    #[arg(long = "var-file")]
    pub var_files: Vec<PathBuf>,
    /// init: backend config files or key=value (repeatable).
    #[arg(long)]
    pub backend_config: Vec<String>,
    /// The environment is production: apply needs `--confirm <env name>`.
    #[arg(long)]
    pub production: bool,
    /// The environment name, typed to confirm a production apply.
    #[arg(long)]
    pub confirm: Option<String>,
    #[arg(long)]
    pub parallelism: Option<u32>,
    /// Record the run in this local history database (SQLite).
    #[arg(long)]
    pub history: Option<PathBuf>,
    /// Label of the identity used (e.g. `aws:dev-profile`), recorded in history. No secrets.
    #[arg(long)]
    pub identity: Option<String>,
}

fn fail(e: &RunError) -> u8 {
    eprintln!("error: [{}] {e}\nhint: {}", e.code(), e.hint());
    2
}

pub fn run(args: RunArgs) -> u8 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return 2;
        }
    };
    rt.block_on(run_async(args))
}

async fn run_async(args: RunArgs) -> u8 {
    let Some(binary) = args
        .binary
        .clone()
        .or_else(|| which("terraform"))
        .or_else(|| which("tofu"))
    else {
        eprintln!("error: [runner.no_binary] no terraform or tofu on PATH\nhint: install one, or pass --binary PATH");
        return 2;
    };
    let dir = std::fs::canonicalize(&args.dir).unwrap_or_else(|_| args.dir.clone());
    let mut settings = WorkspaceSettings::new(&binary, &dir);
    settings.parallelism = args.parallelism;
    if args.env_name.is_some() || !args.var_files.is_empty() || !args.backend_config.is_empty() {
        settings.environment = Some(Environment {
            name: args.env_name.clone().unwrap_or_default(),
            var_files: args.var_files.clone(),
            backend_config: args.backend_config.clone(),
            production: args.production,
        });
    }
    let operation = match args.command {
        RunCommand::Init => Operation::Init,
        RunCommand::Validate => Operation::Validate,
        RunCommand::Plan => Operation::Plan {
            out: args.plan.clone().unwrap_or_else(|| "tfplan".into()),
            destroy: args.destroy,
        },
        RunCommand::Apply => match (&args.plan, &args.approve_hash) {
            (Some(plan), Some(hash)) => Operation::Apply {
                plan: plan.clone(),
                approved_sha256: hash.clone(),
            },
            _ => {
                eprintln!("error: [runner.usage] apply needs --plan FILE (a saved plan) and --approve-hash SHA256\nhint: run `orbis run plan` first; it prints the hash to approve");
                return 2;
            }
        },
    };
    let mut req = RunRequest::new(settings.clone(), operation);
    req.typed_confirmation = args.confirm.clone().unwrap_or_default();
    let tool_version = detect(&binary).await.map(|t| t.version).unwrap_or_default();
    let handle = match start(req) {
        Ok(h) => h,
        Err(e) => return fail(&e),
    };
    let history = match &args.history {
        Some(db) => match open_history(db, &handle.command, &settings, &args, tool_version) {
            Ok(h) => Some(h),
            Err(e) => {
                eprintln!("error: [store.open] {e}\nhint: {}", e.hint());
                None
            }
        },
        None => None,
    };
    let json = args.format == "json";
    let (mut events, cancel, done) = handle.split();
    let mut log_batch = String::new();
    let mut interrupts = 0;
    loop {
        tokio::select! {
            event = events.recv() => {
                let Some(event) = event else { break };
                print_event(&event, json);
                // History gets the log in batches: one write per line would be slow.
                if let (Some((store, id)), Some(line)) = (&history, render(&event)) {
                    log_batch.push_str(&line);
                    log_batch.push('\n');
                    if log_batch.len() > 16 * 1024 {
                        flush(store, *id, &mut log_batch);
                    }
                }
            }
            _ = tokio::signal::ctrl_c() => {
                interrupts += 1;
                cancel.request();
                if interrupts == 1 && !json {
                    eprintln!("interrupt forwarded; waiting for a graceful stop (Ctrl-C again to kill)");
                }
            }
        }
    }
    let report = done.await;
    if let Some((store, id)) = &history {
        flush(store, *id, &mut log_batch);
        finish(store, *id, &report);
    }
    if !json {
        if let (RunCommand::Plan, Outcome::Succeeded, Some(hash)) =
            (args.command, report.outcome, &report.plan_sha256)
        {
            let plan = args.plan.clone().unwrap_or_else(|| "tfplan".into());
            eprintln!(
                "plan saved: {} (sha256 {hash})\nto apply after review: orbis run apply --plan {} --approve-hash {hash} {}",
                plan.display(),
                plan.display(),
                args.dir.display()
            );
        }
    }
    if report.outcome == Outcome::Succeeded {
        0
    } else {
        1
    }
}

fn print_event(event: &RunEvent, json: bool) {
    if json {
        if let Ok(line) = serde_json::to_string(event) {
            println!("{line}");
        }
    } else if let Some(line) = render(event) {
        println!("{line}");
    }
}

fn open_history(
    db: &std::path::Path,
    command: &[String],
    settings: &WorkspaceSettings,
    args: &RunArgs,
    tool_version: String,
) -> Result<(Store, i64), orbis_store::StoreError> {
    let store = Store::open(db)?;
    let plan_sha256 = match (args.command, &args.approve_hash) {
        (RunCommand::Apply, Some(h)) => Some(h.trim().to_ascii_lowercase()),
        _ => None,
    };
    let id = store.start_run(&NewRun {
        command: command.join(" "),
        tool: settings.tool_name(),
        tool_version,
        workspace: settings.working_dir.display().to_string(),
        environment: args.env_name.clone(),
        identity: args.identity.clone(),
        plan_sha256,
        started_at: now(),
    })?;
    Ok((store, id))
}

fn flush(store: &Store, id: i64, batch: &mut String) {
    if !batch.is_empty() {
        if let Err(e) = store.append_run_log(id, batch) {
            eprintln!("warning: run history: {e}");
        }
        batch.clear();
    }
}

fn finish(store: &Store, id: i64, report: &RunReport) {
    let status = match report.outcome {
        Outcome::Succeeded => RunStatus::Succeeded,
        Outcome::Failed => RunStatus::Failed,
        Outcome::Cancelled => RunStatus::Cancelled,
        Outcome::Interrupted => RunStatus::Interrupted,
    };
    let end = RunEnd {
        status,
        exit_code: report.exit_code,
        changes: report.change_summary.map(|c| RunChanges {
            add: c.add,
            change: c.change,
            remove: c.remove,
            import: c.import,
        }),
        plan_sha256: report.plan_sha256.clone(),
        ended_at: now(),
    };
    if let Err(e) = store.finish_run(id, &end) {
        eprintln!("warning: run history: {e}");
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
