//! `orbis tree [PATH]`: the workspace's files exactly as the desktop app's tree lists them
//! (same `Session::list_dir`: .gitignore respected, .terraform/ and .git/ hidden). Useful to
//! check what TerraOrbis will see, and to script over a workspace.

use orbis_app::dto::EntryKind;
use orbis_app::Session;
use std::io::Write;
use std::path::PathBuf;

/// Symlinked folders can form loops; no real workspace nests deeper than this.
const MAX_DEPTH: usize = 64;

#[derive(clap::Args)]
pub struct TreeArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Also list files that .gitignore excludes.
    #[arg(long)]
    all: bool,
    /// Print one workspace-relative file path per line instead of an indented tree.
    #[arg(long)]
    paths: bool,
}

pub fn run(args: TreeArgs) -> u8 {
    let store = match orbis_store::Store::open_in_memory() {
        Ok(store) => store,
        Err(err) => return fail(&err.to_string(), err.hint()),
    };
    let session = Session::new(store, None);
    if let Err(err) = session.open_workspace(&args.path) {
        return fail(&err.message, &err.hint);
    }
    if args.all {
        let mut settings = session.settings().unwrap_or_default();
        settings.show_ignored = true;
        if let Err(err) = session.save_settings(&settings) {
            return fail(&err.message, &err.hint);
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let ok = walk(&session, "", 0, args.paths, &mut out).and_then(|_| out.flush());
    // A closed pipe (`orbis tree | head`) is not an error worth reporting.
    match ok {
        Ok(()) => 0,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => fail(
            &format!("cannot write the listing: {err}"),
            "Check the output destination.",
        ),
    }
}

fn walk(
    session: &Session,
    dir: &str,
    depth: usize,
    paths: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let listing = match session.list_dir(dir) {
        Ok(listing) => listing,
        Err(err) => {
            eprintln!("orbis: {} ({})", err.message, err.hint);
            return Ok(());
        }
    };
    for entry in listing.entries {
        let is_dir = entry.kind == EntryKind::Dir;
        match (paths, is_dir) {
            (true, false) => writeln!(out, "{}", entry.path)?,
            (true, true) => {}
            (false, _) => writeln!(
                out,
                "{}{}{}",
                "  ".repeat(depth),
                entry.name,
                if is_dir { "/" } else { "" }
            )?,
        }
        if is_dir {
            if depth + 1 >= MAX_DEPTH {
                eprintln!("orbis: {} is nested more than {MAX_DEPTH} folders deep (a symlink loop?); not descending", entry.path);
            } else {
                walk(session, &entry.path, depth + 1, paths, out)?;
            }
        }
    }
    Ok(())
}

fn fail(message: &str, hint: &str) -> u8 {
    eprintln!("orbis: {message}\n  hint: {hint}");
    2
}
