//! [`BusinessCalendar`]: working time, business durations and the days off of a year.
//!
//! Working time is a set of half-open intervals `[start, end)` in UTC+07:00: each working
//! window of each working day (the whole day, 00:00–24:00, when counting whole days). A day is
//! a working day when it is a working weekday and not a holiday, a day in lieu, an announced
//! day off or a host day off; or when it is a weekly day off worked by announcement (a
//! swapped Saturday); or when the host listed it in `extra_working_days` (which wins over
//! everything). Precedence: host overrides > the announced schedule of the year > the rules.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::announced;
use super::config::CalendarConfig;
use super::holidays::{Occurrence, year_days};
use super::lunar::{FIRST_DATE, LAST_DATE};

#[path = "listing.rs"]
mod listing;

const NANOS_PER_SECOND: i64 = 1_000_000_000;
const NANOS_PER_DAY: i64 = 86_400 * NANOS_PER_SECOND;
const OFFSET_SECONDS: i64 = 7 * 3600;

/// A business calendar: the weekly pattern, the counting mode, the holidays and the host's
/// overrides, in Vietnam's zone (UTC+07:00, no DST). Build it from a [`CalendarConfig`]; it
/// serializes as that config, so a workflow configuration can embed it.
///
/// Instants outside 1900-01-01 – 2199-12-31 (UTC+07:00) are out of range: the operations
/// that return a `Result` refuse them, [`is_working_time`](Self::is_working_time) says
/// `false`, [`between`](Self::between) counts nothing there.
///
/// ```
/// use chrono::{DateTime, TimeDelta, Utc};
/// use quytrinh::calendar::BusinessCalendar;
/// let calendar = BusinessCalendar::default();
/// let received: DateTime<Utc> = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let due = calendar.add(received, TimeDelta::hours(72)).unwrap();
/// // Tuesday 24 November 2026 is Vietnam Culture Day, so three working days end on Friday.
/// assert_eq!(due, "2026-11-27T09:00:00+07:00".parse::<DateTime<Utc>>().unwrap());
/// assert_eq!(calendar.between(received, due), TimeDelta::hours(72));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "CalendarConfig", into = "CalendarConfig")]
pub struct BusinessCalendar {
    config: CalendarConfig,
    /// Bit n set when weekday n (Monday = 0) is a working weekday.
    mask: u8,
    /// Working windows of a working day, in nanoseconds since local midnight.
    windows: Vec<(i64, i64)>,
    extra_off: BTreeSet<NaiveDate>,
    extra_work: BTreeSet<NaiveDate>,
    /// Whether `config` is Vietnam's default, known when the calendar is built (so
    /// [`is_default`](Self::is_default), asked at every snapshot, builds nothing).
    default: bool,
}

impl PartialEq for BusinessCalendar {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
    }
}

impl Default for BusinessCalendar {
    /// Vietnam's defaults (see [`CalendarConfig::default`]).
    fn default() -> Self {
        Self::build(CalendarConfig::default(), true)
    }
}

impl TryFrom<CalendarConfig> for BusinessCalendar {
    type Error = CalendarError;
    fn try_from(config: CalendarConfig) -> Result<Self, Self::Error> {
        Self::new(config)
    }
}

impl From<BusinessCalendar> for CalendarConfig {
    fn from(calendar: BusinessCalendar) -> Self {
        calendar.config
    }
}

/// The days off of one year as a bit set, rebuilt when an operation moves to another year.
struct DaysOff<'a> {
    calendar: &'a BusinessCalendar,
    year: i32,
    bits: [u64; 6],
}

impl<'a> DaysOff<'a> {
    fn new(calendar: &'a BusinessCalendar) -> Self {
        Self {
            calendar,
            year: i32::MIN,
            bits: [0; 6],
        }
    }

    fn set(&mut self, ordinal0: u32, off: bool) {
        let (word, bit) = ((ordinal0 / 64) as usize, ordinal0 % 64);
        if off {
            self.bits[word] |= 1 << bit;
        } else {
            self.bits[word] &= !(1 << bit);
        }
    }

    fn load(&mut self, year: i32) {
        let c = self.calendar;
        self.year = year;
        self.bits = [0; 6];
        let Some(jan_1) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return;
        };
        let first = jan_1.weekday().num_days_from_monday();
        let days = if jan_1.leap_year() { 366 } else { 365 };
        for i in 0..days {
            if c.mask >> ((first + i) % 7) & 1 == 0 {
                self.set(i, true);
            }
        }
        if let Ok(occurrences) = c.occurrences(year) {
            for o in occurrences.iter().filter(|o| !c.replaced(o)) {
                self.set(o.date.ordinal0(), true);
            }
        }
        if c.config.announced_schedules {
            for (d, day) in announced::index().in_year(year) {
                self.set(d.ordinal0(), day.is_off());
            }
        }
        let (from, to) = (
            jan_1,
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(jan_1),
        );
        for d in c.extra_off.range(from..=to) {
            self.set(d.ordinal0(), true);
        }
        for d in c.extra_work.range(from..=to) {
            self.set(d.ordinal0(), false);
        }
    }

    fn is_off(&mut self, date: NaiveDate) -> bool {
        if date.year() != self.year {
            self.load(date.year());
        }
        let i = date.ordinal0();
        self.bits[(i / 64) as usize] >> (i % 64) & 1 == 1
    }
}

/// The local (UTC+7) date and nanoseconds since local midnight of an instant.
fn local(t: DateTime<Utc>) -> (NaiveDate, i64) {
    let l = t.naive_utc() + TimeDelta::seconds(OFFSET_SECONDS);
    // A leap second's nanoseconds (≥ 1e9) are folded into the last nanosecond of its second.
    let nanos = i64::from(l.nanosecond().min(999_999_999));
    (
        l.date(),
        i64::from(l.num_seconds_from_midnight()) * NANOS_PER_SECOND + nanos,
    )
}

/// The instant at `nanos` after local midnight starting `date`.
fn instant(date: NaiveDate, nanos: i64) -> DateTime<Utc> {
    (date.and_time(NaiveTime::MIN) + TimeDelta::nanoseconds(nanos)
        - TimeDelta::seconds(OFFSET_SECONDS))
    .and_utc()
}

fn next_day(date: NaiveDate) -> Option<NaiveDate> {
    date.succ_opt().filter(|d| *d <= LAST_DATE)
}

fn out_of_range(t: DateTime<Utc>) -> CalendarError {
    CalendarError::OutOfRange {
        reason: format!(
            "{} is outside 1900-01-01 – 2199-12-31 (UTC+07:00)",
            t.to_rfc3339()
        ),
    }
}

fn no_working_time() -> CalendarError {
    CalendarError::OutOfRange {
        reason: "no working time before the end of 2199".into(),
    }
}

impl BusinessCalendar {
    /// Builds a calendar from a configuration, checking it (`invalid_config`).
    ///
    /// ```
    /// use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};
    /// let config = CalendarConfig { counting: Counting::office_hours(), ..Default::default() };
    /// let calendar = BusinessCalendar::new(config).unwrap();
    /// assert!(matches!(calendar.config().counting, Counting::WorkingHours { .. }));
    /// ```
    pub fn new(config: CalendarConfig) -> Result<Self, CalendarError> {
        config.validate()?;
        let default = config == CalendarConfig::default();
        Ok(Self::build(config, default))
    }

    fn build(config: CalendarConfig, default: bool) -> Self {
        let mask = config
            .working_weekdays
            .iter()
            .fold(0u8, |m, d| m | 1 << d.num_days_from_monday());
        let windows = config
            .counting
            .windows()
            .iter()
            .map(|w| {
                (
                    i64::from(w.start.seconds()) * NANOS_PER_SECOND,
                    i64::from(w.end.seconds()) * NANOS_PER_SECOND,
                )
            })
            .collect();
        let extra_off = config.extra_days_off.iter().copied().collect();
        let extra_work = config.extra_working_days.iter().copied().collect();
        Self {
            config,
            mask,
            windows,
            extra_off,
            extra_work,
            default,
        }
    }

    /// The configuration this calendar was built from.
    ///
    /// ```
    /// use quytrinh::calendar::{BusinessCalendar, CalendarConfig};
    /// assert_eq!(BusinessCalendar::default().config(), &CalendarConfig::default());
    /// ```
    pub fn config(&self) -> &CalendarConfig {
        &self.config
    }

    /// Whether this is Vietnam's default calendar (no host changes).
    ///
    /// ```
    /// use quytrinh::calendar::{BusinessCalendar, CalendarConfig};
    /// assert!(BusinessCalendar::default().is_default());
    /// let mut config = CalendarConfig::default();
    /// config.extra_days_off.push("2026-02-13".parse().unwrap());
    /// assert!(!BusinessCalendar::new(config).unwrap().is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        self.default
    }

    /// The days the rules give in `year` (announcements not applied).
    fn occurrences(&self, year: i32) -> Result<Vec<Occurrence>, CalendarError> {
        year_days(
            &self.config.holiday_rules,
            self.mask,
            self.config.in_lieu,
            year,
        )
    }

    /// Whether the announced schedule of the occurrence's year replaces its rule.
    fn replaced(&self, o: &Occurrence) -> bool {
        self.config.announced_schedules
            && announced::index().covers(o.date.year(), &self.config.holiday_rules[o.rule].id)
    }

    /// Whether a date is a day off: a weekly day off, a holiday, a day in lieu, an announced
    /// day off (a day of an announced break, a swapped working day) or a host day off; unless
    /// it is worked by announcement (a swapped Saturday) or the host made it a working day.
    /// Outside 1900–2199 only the weekly pattern and the host's overrides apply.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use quytrinh::calendar::BusinessCalendar;
    /// let calendar = BusinessCalendar::default();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(calendar.is_day_off(d(2026, 11, 24))); // Ngày Văn hóa Việt Nam
    /// assert!(!calendar.is_day_off(d(2025, 11, 24))); // not yet a holiday in 2025
    /// assert!(calendar.is_day_off(d(2023, 9, 4))); // in lieu of Saturday 2 September
    /// assert!(calendar.is_day_off(d(2024, 4, 29))); // announced: off for Saturday 4 May
    /// assert!(!calendar.is_day_off(d(2024, 5, 4))); // ... which is worked
    /// ```
    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        DaysOff::new(self).is_off(date)
    }

    /// Whether an instant is working time (inside a working window of a working day).
    ///
    /// ```
    /// use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};
    /// let config = CalendarConfig { counting: Counting::office_hours(), ..Default::default() };
    /// let calendar = BusinessCalendar::new(config).unwrap();
    /// assert!(calendar.is_working_time("2026-03-02T09:00:00+07:00".parse().unwrap()));
    /// assert!(!calendar.is_working_time("2026-03-02T12:30:00+07:00".parse().unwrap())); // lunch
    /// assert!(!calendar.is_working_time("2026-03-02T17:30:00+07:00".parse().unwrap())); // end is exclusive
    /// ```
    pub fn is_working_time(&self, t: DateTime<Utc>) -> bool {
        let (date, nanos) = local(t);
        (FIRST_DATE..=LAST_DATE).contains(&date)
            && self.windows.iter().any(|&(s, e)| s <= nanos && nanos < e)
            && !self.is_day_off(date)
    }

    /// The first working instant at or after `t` (`t` itself when it is working time).
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use quytrinh::calendar::BusinessCalendar;
    /// let calendar = BusinessCalendar::default();
    /// let saturday: DateTime<Utc> = "2026-03-07T10:00:00+07:00".parse().unwrap();
    /// let monday: DateTime<Utc> = "2026-03-09T00:00:00+07:00".parse().unwrap();
    /// assert_eq!(calendar.next_working_instant(saturday).unwrap(), monday);
    /// ```
    pub fn next_working_instant(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        self.add(t, TimeDelta::zero())
    }

    /// Adds a business duration to `start`.
    ///
    /// Counting starts at the next working instant at or after `start`. The result is the
    /// earliest instant `r` (not before that next working instant) such that the working time
    /// in `[start, r)` equals `amount`. So a zero amount gives the next working instant, and a
    /// positive amount lands inside working time or exactly on the end of a working window
    /// (e.g. 17:30, or 00:00 after the last working day in whole-day counting), never at the
    /// start of the next window. `between(start, add(start, d)) == d` always holds.
    ///
    /// Errors: `negative_duration`; `out_of_range` for a start outside the range or a result
    /// past 2199-12-31.
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta, Utc};
    /// use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};
    /// let config = CalendarConfig { counting: Counting::office_hours(), ..Default::default() };
    /// let calendar = BusinessCalendar::new(config).unwrap();
    /// let start: DateTime<Utc> = "2026-03-02T11:00:00+07:00".parse().unwrap();
    /// let end = calendar.add(start, TimeDelta::hours(2)).unwrap();
    /// assert_eq!(end, "2026-03-02T14:30:00+07:00".parse::<DateTime<Utc>>().unwrap());
    /// ```
    pub fn add(
        &self,
        start: DateTime<Utc>,
        amount: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if amount < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration {
                reason: format!("{amount}"),
            });
        }
        let (mut date, mut nanos) = local(start);
        if !(FIRST_DATE..=LAST_DATE).contains(&date) {
            return Err(out_of_range(start));
        }
        let mut remaining = i128::from(amount.num_seconds()) * i128::from(NANOS_PER_SECOND)
            + i128::from(amount.subsec_nanos());
        let mut days_off = DaysOff::new(self);
        loop {
            if !days_off.is_off(date) {
                for &(s, e) in &self.windows {
                    if e <= nanos {
                        continue;
                    }
                    let from = s.max(nanos);
                    let available = i128::from(e - from);
                    if remaining <= available {
                        // `remaining` fits in a day here.
                        #[allow(clippy::cast_possible_truncation)]
                        return Ok(instant(date, from + remaining as i64));
                    }
                    remaining -= available;
                }
            }
            date = next_day(date).ok_or_else(no_working_time)?;
            nanos = 0;
        }
    }

    /// The business time from `a` to `b`: the working time in `[a, b)`, or the negated
    /// working time in `[b, a)` when `b` is before `a`. Time outside 1900–2199 counts nothing.
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta, Utc};
    /// use quytrinh::calendar::BusinessCalendar;
    /// let calendar = BusinessCalendar::default();
    /// let friday: DateTime<Utc> = "2026-03-06T12:00:00+07:00".parse().unwrap();
    /// let monday: DateTime<Utc> = "2026-03-09T12:00:00+07:00".parse().unwrap();
    /// assert_eq!(calendar.between(friday, monday), TimeDelta::hours(24));
    /// assert_eq!(calendar.between(monday, friday), TimeDelta::hours(-24));
    /// ```
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeDelta {
        if b < a {
            return -self.between(b, a);
        }
        let lowest = instant(FIRST_DATE, 0);
        let highest = instant(LAST_DATE, NANOS_PER_DAY);
        let (a, b) = (a.clamp(lowest, highest), b.clamp(lowest, highest));
        let (mut date, mut from) = local(a);
        let (end_date, end_nanos) = local(b);
        let mut total: i128 = 0;
        let mut days_off = DaysOff::new(self);
        while date <= end_date && date <= LAST_DATE {
            let to = if date == end_date {
                end_nanos
            } else {
                NANOS_PER_DAY
            };
            if !days_off.is_off(date) {
                for &(s, e) in &self.windows {
                    total += i128::from((e.min(to) - s.max(from)).max(0));
                }
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
            from = 0;
        }
        let per_second = i128::from(NANOS_PER_SECOND);
        let seconds = i64::try_from(total / per_second).unwrap_or(i64::MAX);
        let nanos = u32::try_from(total % per_second).unwrap_or(0);
        TimeDelta::new(seconds, nanos).unwrap_or(TimeDelta::MAX)
    }
}
