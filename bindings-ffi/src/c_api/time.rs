//! Instants and dates as they cross the C boundary: RFC 3339 and `YYYY-MM-DD` text.

use super::guard::Failure;
use chrono::{DateTime, NaiveDate, Utc};

/// Parses an RFC 3339 instant (`2026-11-24T09:00:00+07:00`, `2026-11-24T02:00:00Z`).
pub(crate) fn parse_instant(text: &str, name: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Failure::invalid_argument(format!(
                "`{name}` is not an RFC 3339 timestamp (e.g. 2026-11-24T09:00:00+07:00): {e}"
            ))
        })
}

/// Parses a date `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str, name: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| Failure::invalid_argument(format!("`{name}` is not a date YYYY-MM-DD: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_through_text() {
        let t = parse_instant("2026-11-24T09:00:00+07:00", "at").unwrap();
        assert_eq!(quytrinh::kernel::rfc3339(t), "2026-11-24T02:00:00Z");
        assert!(parse_instant("2026-11-24 09:00", "at").is_err());
        assert!(parse_date("2026-02-30", "date").is_err());
    }
}
