//! The Vietnamese business calendar (SPEC §1.8).
//!
//! - [`BusinessCalendar`]: working time in Vietnam's zone (UTC+07:00, no DST), business
//!   durations ([`add`](BusinessCalendar::add), [`between`](BusinessCalendar::between)), the
//!   days off of a year ([`holidays`](BusinessCalendar::holidays)) with Vietnamese and English
//!   names and where each comes from (a rule, the year's announcement, a host override).
//! - [`CalendarConfig`]: its serializable configuration (weekly pattern, counting mode,
//!   versioned holiday rules, the built-in announced schedules on or off, host overrides).
//! - [`announced`]: the schedules the government announced for civil servants, 2010–2026
//!   (the real Tết days, bridge days, swapped Saturdays), with their sources.
//! - Civil time in Vietnam: [`vietnam_date`], [`calendar_days_between`], [`add_months`]
//!   (a contract's days left and its extension by months), [`vietnam_instant`],
//!   [`days_until`] (rules counted per day: resends a day, days to a term's end).
//! - [`lunar`]: the Vietnamese lunar calendar (âm lịch), 1900–2199, computed from the
//!   astronomy in [`astronomy`].
//!
//! Supported range: 1900-01-01 – 2199-12-31 (UTC+07:00); outside it, operations that can fail
//! return [`CalendarError::OutOfRange`].
//!
//! ```
//! use chrono::{DateTime, TimeDelta, Utc};
//! use quytrinh::calendar::BusinessCalendar;
//!
//! // Mon–Fri, whole working days, statutory holidays, the announced schedules
//! let calendar = BusinessCalendar::default();
//! let received: DateTime<Utc> = "2026-11-23T09:00:00+07:00".parse().unwrap();
//! let due = calendar.add(received, TimeDelta::hours(72)).unwrap();
//! assert_eq!(due.to_rfc3339(), "2026-11-27T02:00:00+00:00"); // Friday 09:00 +07:00
//! ```

pub mod announced;
pub mod astronomy;
mod business_time;
mod civil;
mod config;
mod error;
pub mod holidays;
pub mod lunar;
mod lunar_table;

pub use business_time::BusinessCalendar;
pub use civil::{
    VIETNAM_OFFSET_SECONDS, add_months, calendar_days_between, days_until, vietnam, vietnam_date,
    vietnam_instant, vietnam_start_of_day,
};
pub use config::{CalendarConfig, ClockTime, Counting, Window};
pub use error::CalendarError;
pub use holidays::{Holiday, HolidayReason, HolidayRule, HolidaySource, RuleDate};
pub use lunar::LunarDate;

/// First supported year (1 January 1900, UTC+07:00).
///
/// ```
/// assert_eq!(quytrinh::calendar::FIRST_YEAR, 1900);
/// ```
pub const FIRST_YEAR: i32 = 1900;

/// Last supported year (through 31 December 2199, UTC+07:00).
///
/// ```
/// assert_eq!(quytrinh::calendar::LAST_YEAR, 2199);
/// ```
pub const LAST_YEAR: i32 = 2199;
