//! Calendar days in Vietnam (UTC+07:00, no DST): the day an instant falls on, the instant a
//! day starts, a time of day on a day, and whole days between. Shared by the workflows that
//! count "per Vietnam calendar day" (resends a day, days to a term's end, reminders at a time
//! of day), so none of them counts days in UTC by mistake.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

use super::ClockTime;

/// Vietnam's offset from UTC, in seconds (UTC+07:00 all year).
///
/// ```
/// assert_eq!(quytrinh::calendar::VIETNAM_OFFSET_SECONDS, 25_200);
/// ```
pub const VIETNAM_OFFSET_SECONDS: i64 = 7 * 3600;

/// The calendar day in Vietnam that `at` falls on.
///
/// ```
/// use quytrinh::calendar::vietnam_date;
/// use chrono::NaiveDate;
/// // 23:30 UTC on 9 June is 06:30 on 10 June in Vietnam.
/// let at = "2026-06-09T23:30:00Z".parse().unwrap();
/// assert_eq!(vietnam_date(at), NaiveDate::from_ymd_opt(2026, 6, 10).unwrap());
/// ```
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    (at.naive_utc() + TimeDelta::seconds(VIETNAM_OFFSET_SECONDS)).date()
}

/// The instant `time` (a time of day in Vietnam, `00:00`–`24:00`) on `date`; `24:00` is the
/// start of the next day. `None` only at the ends of chrono's range.
///
/// ```
/// use quytrinh::calendar::{ClockTime, vietnam_instant};
/// use chrono::{DateTime, NaiveDate, Utc};
/// let day = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
/// let nine = ClockTime::from_hm(9, 0).unwrap();
/// assert_eq!(vietnam_instant(day, nine), "2026-07-01T09:00:00+07:00".parse::<DateTime<Utc>>().ok());
/// ```
pub fn vietnam_instant(date: NaiveDate, time: ClockTime) -> Option<DateTime<Utc>> {
    date.and_time(NaiveTime::MIN)
        .checked_add_signed(TimeDelta::seconds(
            i64::from(time.seconds()) - VIETNAM_OFFSET_SECONDS,
        ))
        .map(|t| t.and_utc())
}

/// The instant `date` starts in Vietnam (00:00, UTC+07:00). `None` only at the ends of
/// chrono's range.
///
/// ```
/// use quytrinh::calendar::vietnam_start_of_day;
/// use chrono::{DateTime, NaiveDate, Utc};
/// let day = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
/// assert_eq!(vietnam_start_of_day(day), "2026-07-31T17:00:00Z".parse::<DateTime<Utc>>().ok());
/// ```
pub fn vietnam_start_of_day(date: NaiveDate) -> Option<DateTime<Utc>> {
    vietnam_instant(date, ClockTime::MIDNIGHT)
}

/// Whole Vietnam calendar days from the day `at` falls on to `date`: 0 on that day itself,
/// negative once it has passed.
///
/// ```
/// use quytrinh::calendar::days_until;
/// use chrono::NaiveDate;
/// let end = NaiveDate::from_ymd_opt(2026, 7, 31).unwrap();
/// assert_eq!(days_until("2026-07-30T16:59:59Z".parse().unwrap(), end), 1); // 23:59:59 on the 30th
/// assert_eq!(days_until("2026-07-30T17:00:00Z".parse().unwrap(), end), 0); // 00:00 on the 31st
/// assert_eq!(days_until("2026-08-02T02:00:00Z".parse().unwrap(), end), -2);
/// ```
pub fn days_until(at: DateTime<Utc>, date: NaiveDate) -> i64 {
    date.signed_duration_since(vietnam_date(at)).num_days()
}
