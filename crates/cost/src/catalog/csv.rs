//! A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF), enough for the bundled
//! catalog and AWS's CSV offer files; it never fails — a malformed line yields what it holds.

pub fn parse_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        assert_eq!(
            super::parse_line("a,\"b,c\",\"d\"\"e\",\r"),
            vec!["a", "b,c", "d\"e", ""]
        );
    }
}
