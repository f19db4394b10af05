//! Opens the sign-in page in the system browser. `$BROWSER` wins when set (the usual
//! convention: a `:`-separated list of commands, `%s` standing for the URL, else the URL is
//! the last argument) — tests point it at a program that follows the redirects; otherwise
//! the desktop's default browser through the `open` crate.

use std::process::{Command, Stdio};

pub(super) fn open(url: &str) -> Result<(), String> {
    if let Some(list) = std::env::var_os("BROWSER").filter(|v| !v.is_empty()) {
        let list = list.to_string_lossy().to_string();
        let mut last = String::new();
        for entry in list.split(':').filter(|e| !e.trim().is_empty()) {
            match spawn(entry, url) {
                Ok(()) => return Ok(()),
                Err(e) => last = e,
            }
        }
        return Err(format!("$BROWSER could not be started ({last})"));
    }
    ::open::that_detached(url).map_err(|e| format!("no browser could be opened ({e})"))
}

/// Starts one `$BROWSER` entry without waiting for it (a browser may stay open); a thread
/// reaps it when it ends.
fn spawn(entry: &str, url: &str) -> Result<(), String> {
    let mut words = entry.split_whitespace();
    let program = words.next().ok_or("empty entry")?;
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !entry.contains("%s") {
        args.push(url.to_string());
    }
    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
