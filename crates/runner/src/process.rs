//! Low-level process handling: the child runs in its own process group so an interrupt
//! reaches terraform *and* what it started (provider plugins, local-exec shells), exactly as
//! Ctrl-C in a terminal does — and so a Ctrl-C aimed at our own process is not delivered to
//! the child behind our back (the CLI forwards it deliberately, once).

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// Lines longer than this are cut (the rest is dropped; the cut line then fails to parse and
/// is shown raw) so a runaway line cannot exhaust memory.
pub const MAX_LINE: usize = 4 * 1024 * 1024;

/// Puts the command in a new process group led by the child.
pub fn own_process_group(cmd: &mut tokio::process::Command) {
    #[cfg(unix)]
    cmd.process_group(0);
    #[cfg(not(unix))]
    let _ = cmd;
}

/// Stops a run: `hard: false` sends SIGINT to the tool alone (Terraform then stops its
/// provisioners and plugins itself; with the whole group interrupted, a loaded CI run once saw
/// Terraform report "Two interrupts received" and skip its graceful stop); `hard: true` SIGKILLs the
/// whole group, so no child outlives the run. Returns false when the process is gone.
pub fn signal_group(pid: Option<u32>, hard: bool) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = pid.and_then(|p| i32::try_from(p).ok()).filter(|p| *p > 0) else {
            return false;
        };
        // SAFETY: kill(2) on a pid (or, negative, a process group); no memory is touched.
        unsafe {
            if hard {
                libc::kill(-pid, libc::SIGKILL) == 0
            } else {
                libc::kill(pid, libc::SIGINT) == 0
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (pid, hard);
        false
    }
}

/// The next line without its newline, at most `max` bytes kept; `None` at end of stream.
pub async fn next_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    max: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let buf = reader.fill_buf().await?;
        if buf.is_empty() {
            return Ok(any.then_some(line));
        }
        any = true;
        let (end, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        let room = max.saturating_sub(line.len());
        line.extend_from_slice(&buf[..end.min(room)]);
        reader.consume(if found { end + 1 } else { end });
        if found {
            return Ok(Some(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn long_lines_are_cut_and_the_stream_goes_on() {
        let data = b"abcdefgh\nxy\nlast".to_vec();
        let mut r = tokio::io::BufReader::with_capacity(3, &data[..]);
        assert_eq!(next_line(&mut r, 4).await.unwrap().unwrap(), b"abcd");
        assert_eq!(next_line(&mut r, 4).await.unwrap().unwrap(), b"xy");
        assert_eq!(next_line(&mut r, 4).await.unwrap().unwrap(), b"last");
        assert_eq!(next_line(&mut r, 4).await.unwrap(), None);
    }
}
