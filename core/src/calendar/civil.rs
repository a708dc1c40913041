//! Civil time in Vietnam (UTC+07:00, no DST): the calendar date of an instant, calendar days
//! between two instants, and calendar months added to an instant — what contracts with an
//! expiry ("còn 15 ngày", "gia hạn 12 tháng") count in, shared by the workflows.

use super::ClockTime;
use chrono::{DateTime, FixedOffset, Months, NaiveDate, NaiveTime, TimeDelta, Utc};

/// Vietnam's offset from UTC, in seconds (UTC+07:00, all year).
///
/// ```
/// assert_eq!(quytrinh::calendar::VIETNAM_OFFSET_SECONDS, 25_200);
/// ```
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

/// Vietnam's zone as a fixed offset, UTC+07:00.
///
/// ```
/// let at: chrono::DateTime<chrono::Utc> = "2026-06-30T20:00:00Z".parse().unwrap();
/// assert_eq!(at.with_timezone(&quytrinh::calendar::vietnam()).to_rfc3339(), "2026-07-01T03:00:00+07:00");
/// ```
pub const fn vietnam() -> FixedOffset {
    VIETNAM
}

const VIETNAM: FixedOffset = match FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS) {
    Some(offset) => offset,
    None => panic!("UTC+07:00 is a valid offset"),
};

/// The calendar date of an instant in Vietnam.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::calendar::vietnam_date;
/// let late: chrono::DateTime<chrono::Utc> = "2026-06-30T17:00:00Z".parse().unwrap(); // 00:00 on 1 July
/// assert_eq!(vietnam_date(late), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
/// ```
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&vietnam()).date_naive()
}

/// Vietnamese calendar days from the day of `from` to the day of `to` (negative when `to`'s
/// day is earlier): 0 on the same day, 1 from any time today to any time tomorrow.
///
/// ```
/// use quytrinh::calendar::calendar_days_between;
/// let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
/// assert_eq!(calendar_days_between(at("2026-06-15T23:59:00+07:00"), at("2026-06-16T00:01:00+07:00")), 1);
/// assert_eq!(calendar_days_between(at("2026-06-16T08:00:00+07:00"), at("2026-06-16T23:00:00+07:00")), 0);
/// assert_eq!(calendar_days_between(at("2026-07-01T00:00:00+07:00"), at("2026-06-16T00:00:00+07:00")), -15);
/// ```
pub fn calendar_days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (vietnam_date(to) - vietnam_date(from)).num_days()
}

/// `at` plus `months` calendar months in Vietnam, at the same local time of day; a day of
/// the month the target month lacks becomes its last day (31 August + 1 month = 30
/// September). `None` beyond chrono's range.
///
/// ```
/// use quytrinh::calendar::add_months;
/// let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
/// assert_eq!(add_months(at("2026-06-30T00:00:00+07:00"), 12), Some(at("2027-06-30T00:00:00+07:00")));
/// assert_eq!(add_months(at("2026-08-31T09:00:00+07:00"), 1), Some(at("2026-09-30T09:00:00+07:00")));
/// // 31 January 2028, 23:00 in Vietnam (16:00 UTC): the local day counts, not the UTC one.
/// assert_eq!(add_months(at("2028-01-31T23:00:00+07:00"), 1), Some(at("2028-02-29T23:00:00+07:00")));
/// assert_eq!(add_months(chrono::DateTime::<chrono::Utc>::MAX_UTC, 1), None);
/// ```
pub fn add_months(at: DateTime<Utc>, months: u32) -> Option<DateTime<Utc>> {
    let offset = TimeDelta::seconds(i64::from(VIETNAM_OFFSET_SECONDS));
    let local = at.naive_utc().checked_add_signed(offset)?;
    let later = local.checked_add_months(Months::new(months))?;
    Some(later.checked_sub_signed(offset)?.and_utc())
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
            i64::from(time.seconds()) - i64::from(VIETNAM_OFFSET_SECONDS),
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
