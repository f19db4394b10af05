//! `orbis lint PATH...`: run the security/governance rules of `orbis-lint` on files and
//! folders. Exit 0 when no finding reaches `--fail-on`, 1 when one does, 2 on usage/IO errors.

use orbis_lint::report::{json, junit, sarif, text};
use orbis_lint::{Config, Severity};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
}

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Terraform files, Kubernetes manifests or folders (recursively).
    #[arg(required_unless_present = "list_rules")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when a finding of this severity or higher remains.
    #[arg(long, value_parser = parse_severity, default_value = "low")]
    pub fail_on: Severity,
    /// Configuration file (default: the nearest `.orbis.toml` above the first path).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// List the rules instead of linting (text or `--format json`).
    #[arg(long)]
    pub list_rules: bool,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not one of info, low, medium, high, critical"))
}

fn emit(out: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a different exit code.
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    0
}

fn list_rules(format: Format) -> u8 {
    let rules = orbis_lint::all_rules();
    match format {
        Format::Json => emit(&(json::render_rules(&rules) + "\n")),
        _ => {
            let mut s = String::new();
            for r in &rules {
                let m = r.meta();
                s.push_str(&format!(
                    "{:<13} {:<8} {}\n",
                    m.id,
                    m.severity.as_str(),
                    m.title
                ));
            }
            s.push_str(&format!("{} rules\n", rules.len()));
            emit(&s)
        }
    }
}

fn load_config(args: &LintArgs) -> Result<Config, String> {
    if let Some(p) = &args.config {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        return Config::parse(&text, p).map_err(|e| e.to_string());
    }
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().map(PathBuf::from).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    Config::discover(&dir).map_err(|e| e.to_string())
}

pub fn run(args: LintArgs) -> u8 {
    if args.list_rules {
        return list_rules(args.format);
    }
    let config = match load_config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error[ORB-CLI-001]: invalid configuration: {e}\n  hint: see `[lint]` in crates/lint/README.md");
            return 2;
        }
    };
    let result = match orbis_lint::lint_paths(&args.paths, &config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error[ORB-CLI-002]: cannot read {e}\n  hint: pass existing .tf/.yaml files or folders");
            return 2;
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let rendered = match args.format {
        Format::Text => text::render(&result, color),
        Format::Json => json::render(&result) + "\n",
        Format::Sarif => sarif::render(&result) + "\n",
        Format::Junit => junit::render(&result),
    };
    emit(&rendered);
    u8::from(result.fails(args.fail_on))
}
