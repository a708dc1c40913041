//! UniFFI support (feature `uniffi`, for `quytrinh-ffi`): how the types the core borrows
//! from `chrono` and `std` cross to Kotlin and Swift. The public types themselves carry
//! `#[cfg_attr(feature = "uniffi", derive(uniffi::Record / uniffi::Enum))]`.

use crate::kernel::Vnd;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An instant in UTC, to the nanosecond: `java.time.Instant` in Kotlin, `Date` in Swift.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |at| to_system_time(at),
    try_lift: |time| from_system_time(time),
});

/// The values of a notification template, by name (`Map<String, String>` in Kotlin,
/// `[String: String]` in Swift; sorted by name on the Rust side).
pub type TemplateData = BTreeMap<String, String>;

uniffi::custom_type!(TemplateData, HashMap<String, String>, {
    remote,
    lower: |data| data.into_iter().collect(),
    try_lift: |data| Ok(data.into_iter().collect()),
});

// Money: whole đồng, `Long` in Kotlin, `Int64` in Swift.
uniffi::custom_type!(Vnd, i64, {
    lower: |amount| amount.dong(),
    try_lift: |dong| Ok(Vnd::new(dong)),
});

/// The same instant as a `SystemTime` (any instant chrono holds fits).
fn to_system_time(at: DateTime<Utc>) -> SystemTime {
    let nanos = at.timestamp_subsec_nanos();
    let seconds = at.timestamp();
    if seconds >= 0 {
        UNIX_EPOCH + Duration::new(seconds.unsigned_abs(), nanos)
    } else {
        UNIX_EPOCH - Duration::new(seconds.unsigned_abs(), 0) + Duration::new(0, nanos)
    }
}

/// The same instant as a `DateTime<Utc>`, or an error outside chrono's range.
fn from_system_time(time: SystemTime) -> uniffi::Result<DateTime<Utc>> {
    let out_of_range = || uniffi::deps::anyhow::anyhow!("the instant is out of range");
    let at = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => DateTime::from_timestamp(
            i64::try_from(after.as_secs()).map_err(|_| out_of_range())?,
            after.subsec_nanos(),
        ),
        Err(before) => {
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).map_err(|_| out_of_range())?;
            let nanos = before.subsec_nanos();
            if nanos == 0 {
                DateTime::from_timestamp(-seconds, 0)
            } else {
                DateTime::from_timestamp(-seconds - 1, 1_000_000_000 - nanos)
            }
        }
    };
    at.ok_or_else(out_of_range)
}
