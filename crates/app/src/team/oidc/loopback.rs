//! The redirect target of the sign-in: a listener on 127.0.0.1 at a port the system picks
//! (RFC 8252 §7.3: providers accept `http://127.0.0.1/callback` on any port for native
//! apps). It waits for `GET /callback?code=…&state=…`, answers the browser with a short page
//! (the tab can be closed), and gives the code back. Any other path gets a 404 and the wait
//! goes on (browsers ask for /favicon.ico). The wait ends at a deadline or when cancelled.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How the wait ended, short of a code.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum WaitError {
    TimedOut,
    Cancelled,
    /// The provider sent the browser back with `error=` (and maybe a description).
    Provider(String, Option<String>),
    /// A redirect whose `state` is not this sign-in's.
    StateMismatch,
    /// A redirect with neither a code nor an error.
    NoCode,
    Io(String),
}

pub(super) struct Loopback {
    listener: TcpListener,
    port: u16,
}

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>TerraOrbis</title>\
<body style=\"font-family:system-ui,sans-serif;margin:3em\"><h2>Back to TerraOrbis</h2>\
<p>TerraOrbis is finishing the sign-in. You can close this tab.</p></body>";

fn error_page(what: &str) -> String {
    let what: String = what
        .chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!(
        "<!doctype html><meta charset=utf-8><title>TerraOrbis</title>\
<body style=\"font-family:system-ui,sans-serif;margin:3em\"><h2>The sign-in did not work</h2>\
<p>{what}</p><p>Close this tab and see TerraOrbis for what to do.</p></body>"
    )
}

impl Loopback {
    pub(super) fn bind() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        Ok(Self { listener, port })
    }

    pub(super) fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/callback", self.port)
    }

    /// Waits for the browser's redirect; returns the authorization code.
    pub(super) fn wait(
        &self,
        expected_state: &str,
        deadline: Instant,
        cancel: &AtomicBool,
    ) -> Result<String, WaitError> {
        loop {
            if cancel.load(Ordering::SeqCst) {
                return Err(WaitError::Cancelled);
            }
            if Instant::now() >= deadline {
                return Err(WaitError::TimedOut);
            }
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(result) = handle(stream, expected_state) {
                        return result;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(WaitError::Io(e.to_string())),
            }
        }
    }
}

/// One browser request: `None` when it was not the callback (the wait goes on).
fn handle(mut stream: TcpStream, expected_state: &str) -> Option<Result<String, WaitError>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let Some(target) = read_request_target(&mut stream) else {
        respond(
            &mut stream,
            "400 Bad Request",
            &error_page("Not a request TerraOrbis expected."),
        );
        return None;
    };
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    if path != "/callback" {
        respond(&mut stream, "404 Not Found", &error_page("Nothing here."));
        return None;
    }
    let params: Vec<(String, String)> = form_pairs(query);
    let get = |k: &str| {
        params
            .iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
    };
    let result = if get("state").as_deref() != Some(expected_state) {
        Err(WaitError::StateMismatch)
    } else if let Some(error) = get("error") {
        Err(WaitError::Provider(error, get("error_description")))
    } else {
        match get("code").filter(|c| !c.is_empty()) {
            Some(code) => Ok(code),
            None => Err(WaitError::NoCode),
        }
    };
    match &result {
        Ok(_) => respond(&mut stream, "200 OK", DONE_PAGE),
        Err(WaitError::StateMismatch) => respond(
            &mut stream,
            "400 Bad Request",
            &error_page("This sign-in page does not belong to the sign-in TerraOrbis started."),
        ),
        Err(_) => respond(
            &mut stream,
            "200 OK",
            &error_page("The identity provider did not sign you in."),
        ),
    }
    Some(result)
}

/// The request target of `GET <target> HTTP/1.x` (at most 16 kB of head read).
fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head);
    let line = text.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let target = parts.next()?;
    (method == "GET").then(|| target.to_string())
}

fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// `application/x-www-form-urlencoded` pairs (`+` is a space, `%XX` a byte).
fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_values() {
        assert_eq!(
            form_pairs("code=a%2Fb+c&state=x%3D&error_description=The%20user"),
            vec![
                ("code".into(), "a/b c".into()),
                ("state".into(), "x=".into()),
                ("error_description".into(), "The user".into())
            ]
        );
        // A cut or bad escape stays as it is (never a panic).
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz%"), "%zz%");
        assert_eq!(decode("%C3%A9"), "é");
    }

    #[test]
    fn answers_the_callback_and_checks_state() {
        let lb = Loopback::bind().unwrap();
        let uri = lb.redirect_uri();
        assert!(uri.starts_with("http://127.0.0.1:") && uri.ends_with("/callback"));
        let port = lb.port;
        let browser = std::thread::spawn(move || {
            let get = |path: &str| {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                let mut answer = String::new();
                let _ = s.read_to_string(&mut answer);
                answer
            };
            let favicon = get("/favicon.ico");
            let done = get("/callback?code=the-code&state=s1");
            (favicon, done)
        });
        let cancel = AtomicBool::new(false);
        let deadline = Instant::now() + Duration::from_secs(20);
        assert_eq!(lb.wait("s1", deadline, &cancel), Ok("the-code".to_string()));
        let (favicon, done) = browser.join().unwrap();
        assert!(favicon.starts_with("HTTP/1.1 404"));
        assert!(done.starts_with("HTTP/1.1 200") && done.contains("close this tab"));

        let port = lb.port;
        let browser = std::thread::spawn(move || {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "GET /callback?code=c&state=other HTTP/1.1\r\n\r\n").unwrap();
        });
        assert_eq!(
            lb.wait("s1", deadline, &cancel),
            Err(WaitError::StateMismatch)
        );
        browser.join().unwrap();

        cancel.store(true, Ordering::SeqCst);
        assert_eq!(lb.wait("s1", deadline, &cancel), Err(WaitError::Cancelled));
        let cancel = AtomicBool::new(false);
        assert_eq!(
            lb.wait("s1", Instant::now(), &cancel),
            Err(WaitError::TimedOut)
        );
    }
}
