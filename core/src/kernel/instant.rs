//! Instants as text: one format wherever the library writes one outside serde (effect data,
//! messages, bindings), the same as serde writes them in every JSON document.

use chrono::{DateTime, SecondsFormat, Utc};

/// An instant as RFC 3339 in UTC with `Z`, fractional seconds only when present: exactly
/// what serde writes for the same instant.
///
/// ```
/// use quytrinh::kernel::rfc3339;
/// let at: chrono::DateTime<chrono::Utc> = "2026-11-24T09:00:00+07:00".parse().unwrap();
/// assert_eq!(rfc3339(at), "2026-11-24T02:00:00Z");
/// assert_eq!(serde_json::to_value(at).unwrap(), rfc3339(at));
/// ```
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
