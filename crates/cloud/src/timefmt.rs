//! Timestamps as people and JSON read them: RFC 3339 in UTC, whole seconds.

use std::time::SystemTime;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub(crate) fn from_system(t: SystemTime) -> OffsetDateTime {
    OffsetDateTime::from(t)
}

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Parses the timestamps of cloud CLI caches: RFC 3339 (`2024-05-01T10:00:00Z`), and the older
/// AWS CLI form with a `UTC` suffix (`2024-05-01T10:00:00UTC`).
pub(crate) fn parse(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let fixed = s.strip_suffix("UTC").map(|p| format!("{p}Z"))?;
    OffsetDateTime::parse(&fixed, &Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_cache_forms_and_formats_utc() {
        let a = parse("2024-05-01T10:00:00Z").unwrap();
        let b = parse("2024-05-01T10:00:00UTC").unwrap();
        assert_eq!(a, b);
        assert_eq!(rfc3339(a), "2024-05-01T10:00:00Z");
        assert_eq!(
            rfc3339(parse("2024-05-01T12:00:00.123+02:00").unwrap()),
            "2024-05-01T10:00:00Z"
        );
        assert!(parse("yesterday").is_none());
    }
}
