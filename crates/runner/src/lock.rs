//! State-lock errors: "Error acquiring the state lock" carries a `Lock Info:` block naming the
//! holder. We parse it so the UI can say who holds the lock since when, and offer the
//! `force-unlock` command text — which the runner never runs itself (breaking someone else's
//! lock can corrupt state; a person must decide).

use crate::event::LockInfo;

pub const LOCK_SUMMARY: &str = "Error acquiring the state lock";

/// The lock holder, when `detail` contains a `Lock Info:` block with at least an ID.
pub fn parse_lock_info(detail: &str) -> Option<LockInfo> {
    let start = detail.find("Lock Info:")?;
    let mut info = LockInfo::default();
    for line in detail[start..].lines().skip(1) {
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        match key.trim() {
            "ID" => info.id = value,
            "Path" => info.path = value,
            "Operation" => info.operation = value,
            "Who" => info.who = value,
            "Version" => info.version = value,
            "Created" => info.created = value,
            _ => {}
        }
    }
    (!info.id.is_empty()).then_some(info)
}

/// The command a person may run once sure the holder is gone (`tool` is the binary name).
pub fn force_unlock_command(tool: &str, lock_id: &str) -> String {
    format!("{tool} force-unlock {lock_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_lock_blocks_give_none_not_a_panic() {
        assert_eq!(parse_lock_info("no block here"), None);
        assert_eq!(parse_lock_info("Lock Info:"), None);
        assert_eq!(parse_lock_info("Lock Info:\n  Path: x\n"), None);
        let info = parse_lock_info("Lock Info:\n  ID: abc\n  Who: me@host\n\nID: other").unwrap();
        assert_eq!((info.id.as_str(), info.who.as_str()), ("abc", "me@host"));
        assert_eq!(force_unlock_command("tofu", "abc"), "tofu force-unlock abc");
    }
}
