//! UniFFI support (feature `uniffi`, for `quytrinh-ffi`): how the types the core borrows
//! from `chrono` and `std` cross to Kotlin and Swift. The public types themselves carry
//! `#[cfg_attr(feature = "uniffi", derive(uniffi::Record / uniffi::Enum))]`.

use crate::calendar::{BusinessCalendar, CalendarConfig, ClockTime};
use crate::kernel::{TemplateData, Vnd};
use crate::workflows::lead_care::{Lead, Leads};
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An instant in UTC, to the nanosecond: `java.time.Instant` in Kotlin, `Date` in Swift.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |at| to_system_time(at),
    try_lift: |time| from_system_time(time),
});

// The values of a notification template, by name: `Map<String, String>` in Kotlin,
// `[String: String]` in Swift (sorted by name on the Rust side).
uniffi::custom_type!(TemplateData, HashMap<String, String>, {
    lower: |data| data.iter().map(|(name, value)| (name.to_owned(), value.to_owned())).collect(),
    try_lift: |data| Ok(data.into_iter().collect()),
});

// Money: whole đồng, `Long` in Kotlin, `Int64` in Swift.
uniffi::custom_type!(Vnd, i64, {
    lower: |amount| amount.dong(),
    try_lift: |dong| Ok(Vnd::new(dong)),
});

/// The same instant as a `SystemTime` (any instant chrono holds fits).
/// A date of the Gregorian calendar, in Vietnam (`LocalDate.of(year, month, day)` in
/// Kotlin): how chrono's `NaiveDate` crosses to Kotlin and Swift.
///
/// ```
/// use quytrinh::uniffi_support::CalendarDate;
/// let d = CalendarDate { year: 2026, month: 2, day: 17 };
/// assert_eq!(d.to_naive().unwrap().to_string(), "2026-02-17");
/// assert!(CalendarDate { year: 2026, month: 2, day: 30 }.to_naive().is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CalendarDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day, 1–31.
    pub day: u32,
}

impl CalendarDate {
    /// The date, or `None` if there is no such day.
    ///
    /// ```
    /// # use quytrinh::uniffi_support::CalendarDate;
    /// assert!(CalendarDate { year: 2024, month: 2, day: 29 }.to_naive().is_some());
    /// ```
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }
}

impl From<NaiveDate> for CalendarDate {
    fn from(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

uniffi::custom_type!(NaiveDate, CalendarDate, {
    remote,
    lower: |date| CalendarDate::from(date),
    try_lift: |date| date.to_naive().ok_or_else(|| uniffi::deps::anyhow::anyhow!(
        "{:04}-{:02}-{:02} is not a date", date.year, date.month, date.day)),
});

/// chrono's weekday, as an enum (`Weekday.MON` … in Kotlin).
#[uniffi::remote(Enum)]
enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

// A time of day as its text, `HH:MM` (`24:00` allowed as an end).
uniffi::custom_type!(ClockTime, String, {
    lower: |time| time.to_string(),
    try_lift: |text| text.parse().map_err(|e| uniffi::deps::anyhow::anyhow!("{e}")),
});

/// A business calendar inside a workflow's configuration crosses as its configuration
/// ([`CalendarConfig`]), checked when it comes back. (Named apart from the binding's
/// `BusinessCalendar` object, which computes with one.)
pub type CalendarSettings = BusinessCalendar;

uniffi::custom_type!(CalendarSettings, CalendarConfig, {
    lower: |calendar| calendar.config().clone(),
    try_lift: |config| BusinessCalendar::new(config).map_err(uniffi::deps::anyhow::Error::new),
});

// A package's leads cross as the list they are.
uniffi::custom_type!(Leads, Vec<Lead>, {
    lower: |leads| leads.into(),
    try_lift: |list| Leads::try_from(list).map_err(|e| uniffi::deps::anyhow::anyhow!(e)),
});

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
