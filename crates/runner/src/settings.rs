//! Per-workspace run settings and the command lines they produce. Secrets are not settings:
//! they arrive per run (`RunRequest::secret_env`) and only ever reach the child's environment.

use crate::error::RunError;
use std::path::{Path, PathBuf};

/// One environment of a workspace (dev/staging/prod): its var files and backend config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub var_files: Vec<PathBuf>,
    /// `-backend-config` values for init: a file path or `key=value`.
    pub backend_config: Vec<String>,
    /// Production runs need the environment name typed to apply or destroy.
    pub production: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSettings {
    pub binary: PathBuf,
    pub working_dir: PathBuf,
    pub environment: Option<Environment>,
    pub parallelism: Option<u32>,
    /// Plain (non-secret) variables for the child, e.g. `AWS_PROFILE=dev`. Secrets go in
    /// `RunRequest::secret_env` instead, which is redacted from all output.
    pub env: Vec<(String, String)>,
}

impl WorkspaceSettings {
    pub fn new(binary: impl Into<PathBuf>, working_dir: impl Into<PathBuf>) -> Self {
        Self {
            binary: binary.into(),
            working_dir: working_dir.into(),
            environment: None,
            parallelism: None,
            env: Vec::new(),
        }
    }

    /// The binary's file name (`terraform`, `tofu`, `terragrunt`), for hints.
    pub fn tool_name(&self) -> String {
        self.binary
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "terraform".into())
    }
}

/// What to run. Apply takes only a saved plan; the gate (`gate.rs`) checks it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Init,
    Validate,
    /// `plan -out=FILE`; `destroy: true` plans a destroy (then applied like any plan).
    Plan {
        out: PathBuf,
        destroy: bool,
    },
    /// Apply of a saved plan whose sha256 must equal `approved_sha256`.
    Apply {
        plan: PathBuf,
        approved_sha256: String,
    },
    /// `destroy -auto-approve` (production environments need the typed confirmation).
    Destroy,
    /// `plan -refresh-only -out=FILE`: what changed outside Terraform; applying the saved
    /// plan only updates the state.
    RefreshPlan {
        out: PathBuf,
    },
}

impl Operation {
    pub fn name(&self) -> &'static str {
        match self {
            Operation::Init => "init",
            Operation::Validate => "validate",
            Operation::Plan { .. } | Operation::RefreshPlan { .. } => "plan",
            Operation::Apply { .. } => "apply",
            Operation::Destroy => "destroy",
        }
    }

    /// Whether the command changes infrastructure (an interrupt may leave partial state).
    pub fn mutates(&self) -> bool {
        matches!(self, Operation::Apply { .. } | Operation::Destroy)
    }
}

/// The arguments after the binary. Paths are made absolute against the working dir so they
/// mean the same whatever the caller's current directory.
pub fn arguments(settings: &WorkspaceSettings, op: &Operation) -> Result<Vec<String>, RunError> {
    let abs = |p: &Path| -> String {
        if p.is_absolute() {
            p.display().to_string()
        } else {
            settings.working_dir.join(p).display().to_string()
        }
    };
    let env = settings.environment.as_ref();
    let var_files = || -> Vec<String> {
        env.map(|e| {
            e.var_files
                .iter()
                .map(|f| format!("-var-file={}", abs(f)))
                .collect()
        })
        .unwrap_or_default()
    };
    let parallelism = || -> Vec<String> {
        settings
            .parallelism
            .map(|n| vec![format!("-parallelism={}", n.max(1))])
            .unwrap_or_default()
    };
    let mut args: Vec<String> = vec![op.name().into()];
    match op {
        Operation::Init => {
            args.extend(["-json".into(), "-input=false".into()]);
            for b in env.map(|e| e.backend_config.as_slice()).unwrap_or_default() {
                args.push(format!("-backend-config={b}"));
            }
        }
        Operation::Validate => args.push("-json".into()),
        Operation::Plan { out, destroy } => {
            args.extend(["-json".into(), "-input=false".into()]);
            if *destroy {
                args.push("-destroy".into());
            }
            args.push(format!("-out={}", abs(out)));
            args.extend(var_files());
            args.extend(parallelism());
        }
        Operation::RefreshPlan { out } => {
            args.extend([
                "-json".into(),
                "-input=false".into(),
                "-refresh-only".into(),
            ]);
            args.push(format!("-out={}", abs(out)));
            args.extend(var_files());
            args.extend(parallelism());
        }
        Operation::Apply { plan, .. } => {
            // Variables are baked into a saved plan: passing var files again is an error.
            args.extend(["-json".into(), "-input=false".into()]);
            args.extend(parallelism());
            args.push(abs(plan));
        }
        Operation::Destroy => {
            args.extend([
                "-json".into(),
                "-input=false".into(),
                "-auto-approve".into(),
            ]);
            args.extend(var_files());
            args.extend(parallelism());
        }
    }
    Ok(args)
}

/// The command line as shown to people and stored in history: `key=value` backend config
/// values may be credentials, so their values are masked.
pub fn display_command(binary: &str, args: &[String]) -> Vec<String> {
    std::iter::once(binary.to_string())
        .chain(
            args.iter()
                .map(|a| match a.strip_prefix("-backend-config=") {
                    Some(kv) if kv.contains('=') => {
                        let key = kv.split('=').next().unwrap_or_default();
                        format!("-backend-config={key}={}", crate::redact::MASK)
                    }
                    _ => a.clone(),
                }),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_and_apply_arguments() {
        let mut s = WorkspaceSettings::new("terraform", "/ws");
        s.parallelism = Some(4);
        s.environment = Some(Environment {
            name: "dev".into(),
            var_files: vec!["env/dev.tfvars".into()],
            backend_config: vec!["access_key=AKIA123".into(), "env/dev.backend".into()],
            production: false,
        });
        let plan = arguments(
            &s,
            &Operation::Plan {
                out: "tfplan".into(),
                destroy: false,
            },
        )
        .unwrap();
        assert_eq!(
            plan,
            [
                "plan",
                "-json",
                "-input=false",
                "-out=/ws/tfplan",
                "-var-file=/ws/env/dev.tfvars",
                "-parallelism=4"
            ]
        );
        let refresh = arguments(
            &s,
            &Operation::RefreshPlan {
                out: "tfplan".into(),
            },
        )
        .unwrap();
        assert_eq!(
            refresh,
            [
                "plan",
                "-json",
                "-input=false",
                "-refresh-only",
                "-out=/ws/tfplan",
                "-var-file=/ws/env/dev.tfvars",
                "-parallelism=4"
            ]
        );
        let apply = Operation::Apply {
            plan: "tfplan".into(),
            approved_sha256: String::new(),
        };
        assert_eq!(
            arguments(&s, &apply).unwrap(),
            [
                "apply",
                "-json",
                "-input=false",
                "-parallelism=4",
                "/ws/tfplan"
            ]
        );
        let init = arguments(&s, &Operation::Init).unwrap();
        let shown = display_command("terraform", &init).join(" ");
        assert!(!shown.contains("AKIA123"), "{shown}");
        assert!(shown.contains("-backend-config=env/dev.backend"));
    }
}
