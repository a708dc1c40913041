//! The business calendar and the Vietnamese lunar calendar (âm lịch) for Kotlin and Swift.

use super::{QuytrinhError, Timestamp};
use chrono::{NaiveDate, TimeDelta};
use quytrinh::calendar::{
    self, CalendarConfig, HolidayReason as CoreReason, HolidaySource, LunarDate, lunar,
};
pub use quytrinh::uniffi_support::CalendarDate;

/// The date a [`CalendarDate`] names, or `InvalidArgument`.
fn naive(date: CalendarDate) -> Result<NaiveDate, QuytrinhError> {
    date.to_naive().ok_or_else(|| {
        QuytrinhError::invalid_argument(format!(
            "{:04}-{:02}-{:02} is not a date",
            date.year, date.month, date.day
        ))
    })
}

/// Why a date is listed: why it is off, or why a weekly day off is worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HolidayReason {
    /// A day of the holiday itself (a rule's day, or a day of an announced break).
    Statutory,
    /// A day off in lieu (nghỉ bù) of a holiday that fell on a weekly day off.
    InLieu {
        /// The holiday's own date.
        of: CalendarDate,
    },
    /// A working day given off in exchange for a weekly day off worked (announced swap):
    /// "Ngày nghỉ (thay cho ngày …)".
    Swapped {
        /// The weekly day off worked instead.
        working_day: CalendarDate,
    },
    /// A day off the host set (e.g. an employer's bridge day).
    HostDayOff,
    /// Not a day off: a weekly day off (or holiday) worked, announced in exchange for a day
    /// off, or set by the host.
    WorkingDay {
        /// The day given off in exchange, for an announced swap.
        in_exchange_for: Option<CalendarDate>,
    },
}

/// A listed day of a year: a day off, or a weekly day off that is worked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Holiday {
    /// The date.
    pub date: CalendarDate,
    /// The holiday it belongs to (`null` for the host's own days).
    pub rule_id: Option<String>,
    /// Vietnamese name (e.g. "Tết Nguyên đán").
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// The lunar date, for the days of lunar holidays.
    pub lunar: Option<LunarDate>,
    /// Why the date is listed.
    pub reason: HolidayReason,
    /// Where it comes from: a rule, the year's announcement, a host override.
    pub source: HolidaySource,
    /// Whether the date is off (false for a worked weekly day off).
    pub day_off: bool,
    /// For a holiday on a weekly day off: the day off given in lieu.
    pub day_off_in_lieu: Option<CalendarDate>,
}

/// Vietnam's business calendar (UTC+07:00): working days and hours, statutory holidays
/// (lunar ones included), days off in lieu, the announced schedules of civil servants
/// (swapped days included), host overrides; business durations.
///
/// Thread safety: immutable, `Send + Sync`; share one object between any number of threads.
#[derive(Debug, uniffi::Object)]
pub struct BusinessCalendar {
    inner: calendar::BusinessCalendar,
}

#[uniffi::export]
impl BusinessCalendar {
    /// The default calendar: Monday to Friday, whole working days, the statutory holidays.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self {
            inner: calendar::BusinessCalendar::default(),
        }
    }

    /// A calendar from its configuration (the `calendar` of a workflow's configuration:
    /// weekly pattern, counting mode, holiday rules, host overrides), checked.
    #[uniffi::constructor]
    pub fn with_config(config: CalendarConfig) -> Result<Self, QuytrinhError> {
        Ok(Self {
            inner: calendar::BusinessCalendar::new(config)?,
        })
    }

    /// A calendar from its configuration's JSON (as stored by any binding).
    #[uniffi::constructor]
    pub fn from_config_json(config_json: String) -> Result<Self, QuytrinhError> {
        Self::with_config(serde_json::from_str(&config_json)?)
    }

    /// The configuration.
    pub fn config(&self) -> CalendarConfig {
        self.inner.config().clone()
    }

    /// The configuration as JSON.
    ///
    /// # Panics
    ///
    /// Never: a calendar configuration always serializes.
    pub fn config_json(&self) -> String {
        quytrinh::kernel::to_json(self.inner.config()).expect("a calendar configuration serializes")
    }

    /// `start` plus `seconds` of business time (working time only).
    pub fn add(&self, start: Timestamp, seconds: i64) -> Result<Timestamp, QuytrinhError> {
        let amount = TimeDelta::try_seconds(seconds)
            .ok_or_else(|| QuytrinhError::invalid_argument("seconds out of range"))?;
        Ok(self.inner.add(start, amount)?)
    }

    /// The business time from `a` to `b`, in whole seconds (negative when `b` is earlier).
    pub fn between(&self, a: Timestamp, b: Timestamp) -> i64 {
        self.inner.between(a, b).num_seconds()
    }

    /// Whether `at` falls in working time.
    pub fn is_working_time(&self, at: Timestamp) -> bool {
        self.inner.is_working_time(at)
    }

    /// Whether `date` is a day off (weekly day off, holiday, day in lieu, host day off).
    pub fn is_day_off(&self, date: CalendarDate) -> Result<bool, QuytrinhError> {
        Ok(self.inner.is_day_off(naive(date)?))
    }

    /// The first working instant at or after `at`.
    pub fn next_working_instant(&self, at: Timestamp) -> Result<Timestamp, QuytrinhError> {
        Ok(self.inner.next_working_instant(at)?)
    }

    /// The listed days of `year` (1900–2199), in date order: the days off other than the
    /// weekly ones, and the weekly days off worked (swapped Saturdays), each with its source.
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, QuytrinhError> {
        Ok(self
            .inner
            .holidays(year)?
            .into_iter()
            .map(|h| Holiday {
                day_off: h.day_off,
                date: h.date.into(),
                rule_id: h.rule_id,
                name_vi: h.name_vi,
                name_en: h.name_en,
                lunar: h.lunar,
                reason: match h.reason {
                    CoreReason::InLieu { of } => HolidayReason::InLieu { of: of.into() },
                    CoreReason::Swapped { working_day } => HolidayReason::Swapped {
                        working_day: working_day.into(),
                    },
                    CoreReason::HostDayOff => HolidayReason::HostDayOff,
                    CoreReason::WorkingDay { in_exchange_for } => HolidayReason::WorkingDay {
                        in_exchange_for: in_exchange_for.map(Into::into),
                    },
                    CoreReason::Statutory => HolidayReason::Statutory,
                },
                source: h.source,
                day_off_in_lieu: h.day_off_in_lieu.map(Into::into),
            })
            .collect())
    }
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        Self::new()
    }
}

/// The lunar date (âm lịch) of a Gregorian date, 1900–2199.
#[uniffi::export]
pub fn to_lunar(date: CalendarDate) -> Result<LunarDate, QuytrinhError> {
    Ok(lunar::to_lunar(naive(date)?)?)
}

/// The Gregorian date of a lunar date (`invalid_lunar_date` when it does not exist).
#[uniffi::export]
pub fn from_lunar(date: LunarDate) -> Result<CalendarDate, QuytrinhError> {
    Ok(lunar::from_lunar(date)?.into())
}

/// The date of Tết Nguyên đán (the first day of the lunar year) in `year`.
#[uniffi::export]
pub fn tet(year: i32) -> Result<CalendarDate, QuytrinhError> {
    Ok(lunar::tet(year)?.into())
}

/// The sexagenary (Can Chi) name of a lunar year, e.g. "Bính Ngọ" for 2026.
#[uniffi::export]
pub fn lunar_year_name(date: LunarDate) -> String {
    date.year_name_vi()
}
