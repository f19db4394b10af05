//! Starting a run and driving it: spawn the tool with the run's environment, turn its output
//! into events, forward cancel requests (first: interrupt; second: kill), and sum it all up
//! in a `RunReport` whose last event is `RunFinished`.

use crate::error::spawn_error;
use crate::event::{ChangeSummary, Outcome, RunEvent, Stream};
use crate::gate::{check_approved_plan, confirm_environment};
use crate::parse::{parse_line, validate_document};
use crate::process::{next_line, own_process_group, signal_group, MAX_LINE};
use crate::redact::Redactor;
use crate::settings::{arguments, display_command, Operation, WorkspaceSettings};
use crate::transcript::Transcript;
use crate::RunError;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::BufReader;
use tokio::sync::mpsc;

/// After the tool exits, how long its pipes may stay open (a grandchild that keeps them
/// open must not keep the run alive).
const DRAIN_AFTER_EXIT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct RunRequest {
    pub settings: WorkspaceSettings,
    pub operation: Operation,
    /// Injected into the child's environment only; their values are redacted from every event.
    pub secret_env: Vec<(String, String)>,
    /// The environment name as typed by the person (checked for production apply/destroy).
    pub typed_confirmation: String,
}

/// Written by hand so that `{:?}` (logs, panics, test failures) names the secret variables
/// but never prints their values.
impl std::fmt::Debug for RunRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret_names: Vec<&str> = self.secret_env.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("RunRequest")
            .field("settings", &self.settings)
            .field("operation", &self.operation)
            .field(
                "secret_env",
                &format_args!("{secret_names:?} (values redacted)"),
            )
            .field("typed_confirmation", &self.typed_confirmation)
            .finish()
    }
}

impl RunRequest {
    pub fn new(settings: WorkspaceSettings, operation: Operation) -> Self {
        Self {
            settings,
            operation,
            secret_env: Vec::new(),
            typed_confirmation: String::new(),
        }
    }
}

/// What a run came to. `log` is redacted and bounded (`transcript.rs`).
#[derive(Debug, Clone)]
pub struct RunReport {
    pub outcome: Outcome,
    pub exit_code: Option<i32>,
    pub change_summary: Option<ChangeSummary>,
    /// sha256 of the plan file: the applied plan, or the plan just written by `plan`.
    pub plan_sha256: Option<String>,
    pub errored_state: Option<PathBuf>,
    pub command: Vec<String>,
    pub log: String,
    pub log_truncated: bool,
}

/// Asks a running run to stop: the first call interrupts (graceful), the next kills.
#[derive(Debug, Clone)]
pub struct CancelHandle(mpsc::UnboundedSender<()>);

impl CancelHandle {
    pub fn request(&self) {
        let _ = self.0.send(());
    }
}

pub struct RunHandle {
    /// Every event of the run, `RunFinished` last. Unbounded so a slow reader never stalls the
    /// tool's output pipe.
    pub events: mpsc::UnboundedReceiver<RunEvent>,
    pub cancel: CancelHandle,
    pub command: Vec<String>,
    done: tokio::task::JoinHandle<RunReport>,
}

impl RunHandle {
    /// Waits for the run to end (events stay readable in `events`).
    pub async fn finish(self) -> RunReport {
        let command = self.command.clone();
        match self.done.await {
            Ok(report) => report,
            Err(_) => RunReport {
                outcome: Outcome::Failed,
                exit_code: None,
                change_summary: None,
                plan_sha256: None,
                errored_state: None,
                command,
                log: String::new(),
                log_truncated: false,
            },
        }
    }

    /// Splits into the event stream, the cancel handle and the completion future.
    pub fn split(
        self,
    ) -> (
        mpsc::UnboundedReceiver<RunEvent>,
        CancelHandle,
        impl std::future::Future<Output = RunReport>,
    ) {
        let command = self.command;
        let done = self.done;
        let fut = async move {
            done.await.unwrap_or_else(|_| RunReport {
                outcome: Outcome::Failed,
                exit_code: None,
                change_summary: None,
                plan_sha256: None,
                errored_state: None,
                command,
                log: String::new(),
                log_truncated: false,
            })
        };
        (self.events, self.cancel, fut)
    }
}

/// Checks the gate, spawns the tool and returns at once; the run proceeds on the tokio
/// runtime this is called from.
pub fn start(req: RunRequest) -> Result<RunHandle, RunError> {
    let settings = &req.settings;
    let mut plan_sha256 = None;
    if req.operation.mutates() {
        if let Some(env) = &settings.environment {
            confirm_environment(&env.name, env.production, &req.typed_confirmation)?;
        }
    }
    if let Operation::Apply {
        plan,
        approved_sha256,
    } = &req.operation
    {
        let plan = absolute(settings, plan);
        plan_sha256 = Some(check_approved_plan(&plan, approved_sha256)?);
    }
    let args = arguments(settings, &req.operation)?;
    let tool = settings.tool_name();
    let command = display_command(&tool, &args);
    let mut cmd = tokio::process::Command::new(&settings.binary);
    cmd.args(&args)
        .current_dir(&settings.working_dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("TF_INPUT", "0")
        .envs(settings.env.iter().map(|(k, v)| (k, v)))
        .envs(req.secret_env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    own_process_group(&mut cmd);
    let child = cmd
        .spawn()
        .map_err(|source| spawn_error(&settings.binary, &settings.working_dir, source))?;
    let (tx, events) = mpsc::unbounded_channel();
    let (cancel_tx, cancel_rx) = mpsc::unbounded_channel();
    let driver = Driver {
        redactor: Redactor::new(req.secret_env.iter().map(|(_, v)| v)),
        tool,
        tx,
        transcript: Transcript::default(),
        change_summary: None,
        in_flight: BTreeSet::new(),
        started_changes: false,
    };
    let plan_out = match &req.operation {
        Operation::Plan { out, .. } | Operation::RefreshPlan { out } => {
            Some(absolute(settings, out))
        }
        _ => None,
    };
    let ctx = RunContext {
        operation: req.operation.clone(),
        working_dir: settings.working_dir.clone(),
        command: command.clone(),
        plan_sha256,
        plan_out,
    };
    let done = tokio::spawn(driver.drive(child, cancel_rx, ctx));
    Ok(RunHandle {
        events,
        cancel: CancelHandle(cancel_tx),
        command,
        done,
    })
}

fn absolute(settings: &WorkspaceSettings, p: &std::path::Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        settings.working_dir.join(p)
    }
}

struct RunContext {
    operation: Operation,
    working_dir: PathBuf,
    command: Vec<String>,
    plan_sha256: Option<String>,
    plan_out: Option<PathBuf>,
}

struct Driver {
    redactor: Redactor,
    tool: String,
    tx: mpsc::UnboundedSender<RunEvent>,
    transcript: Transcript,
    change_summary: Option<ChangeSummary>,
    /// Resources whose change started and has not completed or errored.
    in_flight: BTreeSet<String>,
    started_changes: bool,
}

impl Driver {
    fn emit(&mut self, event: RunEvent) {
        match &event {
            RunEvent::ChangeSummary(c) => self.change_summary = Some(*c),
            RunEvent::ApplyStart { resource, .. } => {
                self.started_changes = true;
                self.in_flight.insert(resource.addr.clone());
            }
            RunEvent::ApplyComplete { resource, .. } | RunEvent::ApplyErrored { resource, .. } => {
                self.in_flight.remove(&resource.addr);
            }
            _ => {}
        }
        self.transcript.push(&event);
        // The receiver may be gone (caller lost interest): the run still completes.
        let _ = self.tx.send(event);
    }

    async fn drive(
        mut self,
        mut child: tokio::process::Child,
        mut cancel_rx: mpsc::UnboundedReceiver<()>,
        ctx: RunContext,
    ) -> RunReport {
        self.emit(RunEvent::Started {
            command: ctx.command.clone(),
            working_dir: ctx.working_dir.clone(),
        });
        let pid = child.id();
        let (line_tx, mut lines) = mpsc::unbounded_channel::<(Stream, Vec<u8>)>();
        if let Some(out) = child.stdout.take() {
            tokio::spawn(pump(BufReader::new(out), Stream::Stdout, line_tx.clone()));
        }
        if let Some(err) = child.stderr.take() {
            tokio::spawn(pump(BufReader::new(err), Stream::Stderr, line_tx.clone()));
        }
        drop(line_tx);
        let validate = ctx.operation == Operation::Validate;
        let mut validate_stdout = String::new();
        let mut cancels = 0u32;
        let mut cancel_open = true;
        let mut lines_open = true;
        let status = loop {
            tokio::select! {
                line = lines.recv(), if lines_open => match line {
                    Some((stream, bytes)) => self.line(stream, &bytes, validate, &mut validate_stdout),
                    None => lines_open = false,
                },
                req = cancel_rx.recv(), if cancel_open => match req {
                    Some(()) => {
                        cancels += 1;
                        let hard = cancels > 1;
                        if cancels <= 2 && signal_group(pid, hard) {
                            self.emit(RunEvent::Cancelling { hard });
                        }
                    }
                    None => cancel_open = false,
                },
                status = child.wait() => break status.ok(),
            }
        };
        // Read what is still in the pipes, but not forever.
        let deadline = tokio::time::sleep(DRAIN_AFTER_EXIT);
        tokio::pin!(deadline);
        while lines_open {
            tokio::select! {
                line = lines.recv() => match line {
                    Some((stream, bytes)) => self.line(stream, &bytes, validate, &mut validate_stdout),
                    None => lines_open = false,
                },
                _ = &mut deadline => break,
            }
        }
        if validate && !validate_stdout.trim().is_empty() {
            match validate_document(&validate_stdout, &self.redactor, &self.tool) {
                Some(events) => events.into_iter().for_each(|e| self.emit(e)),
                None => {
                    let text = self.redactor.text(validate_stdout.trim_end());
                    self.emit(RunEvent::Log {
                        level: "info".into(),
                        message: text,
                        stream: Stream::Stdout,
                        raw: true,
                    });
                }
            }
        }
        let exit_code = status.and_then(|s| s.code());
        let outcome = if exit_code == Some(0) {
            Outcome::Succeeded
        } else if cancels >= 2 || exit_code.is_none() {
            Outcome::Interrupted
        } else if cancels == 1 {
            // A graceful stop of a command that had begun changing things may leave them half
            // done; anything else was merely cancelled.
            if ctx.operation.mutates() && self.started_changes {
                Outcome::Interrupted
            } else {
                Outcome::Cancelled
            }
        } else {
            Outcome::Failed
        };
        let mut errored_state = None;
        if ctx.operation.mutates() {
            let path = ctx.working_dir.join("errored.tfstate");
            if path.is_file() {
                self.emit(RunEvent::ErroredState { path: path.clone() });
                errored_state = Some(path);
            }
        }
        let mut plan_sha256 = ctx.plan_sha256;
        if let (Some(out), Outcome::Succeeded) = (&ctx.plan_out, outcome) {
            plan_sha256 = crate::gate::sha256_file(out).ok();
        }
        let change_summary = self.change_summary;
        self.emit(RunEvent::RunFinished {
            outcome,
            exit_code,
            change_summary,
            plan_sha256: plan_sha256.clone(),
        });
        RunReport {
            outcome,
            exit_code,
            change_summary,
            plan_sha256,
            errored_state,
            command: ctx.command,
            log: self.transcript.text().to_string(),
            log_truncated: self.transcript.truncated(),
        }
    }

    fn line(&mut self, stream: Stream, bytes: &[u8], validate: bool, validate_stdout: &mut String) {
        let text = String::from_utf8_lossy(bytes);
        if validate && stream == Stream::Stdout {
            // `validate -json` prints one pretty-printed document: parse it whole at the end.
            validate_stdout.push_str(&text);
            validate_stdout.push('\n');
            return;
        }
        for event in parse_line(&text, stream, &self.redactor, &self.tool) {
            self.emit(event);
        }
    }
}

async fn pump<R: tokio::io::AsyncBufRead + Unpin>(
    mut reader: R,
    stream: Stream,
    tx: mpsc::UnboundedSender<(Stream, Vec<u8>)>,
) {
    while let Ok(Some(line)) = next_line(&mut reader, MAX_LINE).await {
        if tx.send((stream, line)).is_err() {
            break;
        }
    }
}

/// `show -json PLAN`: the plan document as bytes for the plan engine (which redacts it on
/// load). Never streamed as events nor logged: plan JSON holds sensitive values in clear.
pub async fn show_json(
    settings: &WorkspaceSettings,
    plan: &std::path::Path,
    secret_env: &[(String, String)],
    timeout: Duration,
) -> Result<Vec<u8>, RunError> {
    let plan = absolute(settings, plan);
    let mut cmd = tokio::process::Command::new(&settings.binary);
    cmd.arg("show")
        .arg("-json")
        .arg(&plan)
        .current_dir(&settings.working_dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("TF_INPUT", "0")
        .envs(settings.env.iter().map(|(k, v)| (k, v)))
        .envs(secret_env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(timeout, cmd.output())
        .await
        .map_err(|_| RunError::Usage(format!("show -json did not finish within {timeout:?}")))?
        .map_err(|source| spawn_error(&settings.binary, &settings.working_dir, source))?;
    if !out.status.success() {
        let redactor = Redactor::new(secret_env.iter().map(|(_, v)| v));
        let stderr = redactor.text(&String::from_utf8_lossy(&out.stderr));
        return Err(RunError::Usage(format!(
            "show -json failed: {}",
            stderr.trim()
        )));
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    #[test]
    fn debug_output_names_secret_variables_but_not_their_values() {
        let mut req = RunRequest::new(WorkspaceSettings::new("terraform", "."), Operation::Init);
        req.secret_env = vec![("TF_VAR_db_password".into(), "hunter2-very-secret".into())];
        let shown = format!("{req:?}");
        assert!(shown.contains("TF_VAR_db_password"), "{shown}");
        assert!(!shown.contains("hunter2-very-secret"), "{shown}");
    }
}
