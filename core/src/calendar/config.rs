//! The serializable configuration of a [`BusinessCalendar`](super::BusinessCalendar).
//!
//! JSON, every field optional (a missing field takes its default), unknown fields refused:
//!
//! ```
//! use quytrinh::calendar::{CalendarConfig, Counting};
//! let config: CalendarConfig = serde_json::from_str(r#"{
//!     "working_weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri"],
//!     "counting": {"mode": "working_hours", "windows": [
//!         {"start": "08:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]},
//!     "extra_days_off": ["2025-05-02"],
//!     "extra_working_days": ["2025-04-26"]
//! }"#).unwrap();
//! assert!(matches!(config.counting, Counting::WorkingHours { .. }));
//! assert!(serde_json::from_str::<CalendarConfig>(r#"{"weekdays": []}"#).is_err());
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::holidays::{HolidayRule, default_rules};

/// A time of day in the calendar's zone (UTC+07:00), `HH:MM` or `HH:MM:SS`, `00:00`–`24:00`.
///
/// ```
/// use quytrinh::calendar::ClockTime;
/// let t: ClockTime = "13:30".parse().unwrap();
/// assert_eq!(t.seconds(), 13 * 3600 + 30 * 60);
/// assert_eq!(t.to_string(), "13:30");
/// assert!("24:01".parse::<ClockTime>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime(u32);

impl ClockTime {
    /// `00:00`, the start of a day.
    ///
    /// ```
    /// assert_eq!(quytrinh::calendar::ClockTime::MIDNIGHT.seconds(), 0);
    /// ```
    pub const MIDNIGHT: ClockTime = ClockTime(0);

    /// From hours and minutes (`None` past 24:00).
    ///
    /// ```
    /// assert!(quytrinh::calendar::ClockTime::from_hm(8, 0).is_some());
    /// ```
    pub fn from_hm(hour: u32, minute: u32) -> Option<Self> {
        let s = hour
            .checked_mul(3600)?
            .checked_add(minute.checked_mul(60)?)?;
        (minute < 60 && s <= 86_400).then_some(Self(s))
    }

    /// Seconds since midnight.
    ///
    /// ```
    /// assert_eq!(quytrinh::calendar::ClockTime::from_hm(0, 1).unwrap().seconds(), 60);
    /// ```
    pub fn seconds(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl FromStr for ClockTime {
    type Err = CalendarError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::InvalidConfig {
            reason: format!("`{text}` is not a time of day like 08:00 or 17:30"),
        };
        let parts: Vec<&str> = text.split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
            return Err(bad());
        }
        let nums: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        let s = nums.get(2).copied().unwrap_or(0);
        if nums[1] >= 60 || s >= 60 {
            return Err(bad());
        }
        let total = nums[0] * 3600 + nums[1] * 60 + s;
        if total > 86_400 {
            return Err(bad());
        }
        Ok(Self(total))
    }
}

impl TryFrom<String> for ClockTime {
    type Error = CalendarError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<ClockTime> for String {
    fn from(value: ClockTime) -> Self {
        value.to_string()
    }
}

/// A working window of a day, `[start, end)`, in UTC+07:00.
///
/// ```
/// use quytrinh::calendar::Window;
/// let w = Window::new("08:00".parse().unwrap(), "12:00".parse().unwrap());
/// assert_eq!(w.end.seconds() - w.start.seconds(), 4 * 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Window {
    /// Start (inclusive).
    pub start: ClockTime,
    /// End (exclusive).
    pub end: ClockTime,
}

impl Window {
    /// A window from `start` to `end`.
    ///
    /// ```
    /// use quytrinh::calendar::{ClockTime, Window};
    /// let w = Window::new(ClockTime::from_hm(8, 0).unwrap(), ClockTime::from_hm(12, 0).unwrap());
    /// assert!(w.start < w.end);
    /// ```
    pub fn new(start: ClockTime, end: ClockTime) -> Self {
        Self { start, end }
    }
}

/// How business time is counted on a working day.
///
/// ```
/// use quytrinh::calendar::Counting;
/// let json = serde_json::to_string(&Counting::WholeDays).unwrap();
/// assert_eq!(json, r#"{"mode":"whole_days"}"#);
/// assert_eq!(Counting::office_hours().windows().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "mode", rename_all = "snake_case", try_from = "CountingJson")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Counting {
    /// A working day counts 24 hours (00:00–24:00): "72 giờ làm việc, trừ ngày nghỉ, nghỉ lễ"
    /// is 3 working days. The default.
    #[default]
    WholeDays,
    /// Only the given windows of a working day count (sorted, not overlapping).
    WorkingHours {
        /// The windows, e.g. 08:00–12:00 and 13:30–17:30.
        windows: Vec<Window>,
    },
}

impl Counting {
    /// Office hours 08:00–12:00 and 13:30–17:30 (lunch 12:00–13:30).
    ///
    /// ```
    /// let c = quytrinh::calendar::Counting::office_hours();
    /// assert_eq!(c.windows()[1].start.to_string(), "13:30");
    /// ```
    pub fn office_hours() -> Self {
        let t = |h, m| ClockTime::from_hm(h, m).unwrap_or(ClockTime(0));
        Self::WorkingHours {
            windows: vec![
                Window::new(t(8, 0), t(12, 0)),
                Window::new(t(13, 30), t(17, 30)),
            ],
        }
    }

    /// The windows of a working day (`00:00–24:00` for whole days).
    ///
    /// ```
    /// let w = quytrinh::calendar::Counting::WholeDays.windows();
    /// assert_eq!((w[0].start.seconds(), w[0].end.seconds()), (0, 86_400));
    /// ```
    pub fn windows(&self) -> Vec<Window> {
        match self {
            Self::WholeDays => vec![Window::new(ClockTime(0), ClockTime(86_400))],
            Self::WorkingHours { windows } => windows.clone(),
        }
    }
}

/// The JSON shape of [`Counting`], so unknown fields are refused in every mode.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountingJson {
    mode: String,
    windows: Option<Vec<Window>>,
}

impl TryFrom<CountingJson> for Counting {
    type Error = String;
    fn try_from(json: CountingJson) -> Result<Self, Self::Error> {
        match (json.mode.as_str(), json.windows) {
            ("whole_days", None) => Ok(Self::WholeDays),
            ("working_hours", Some(windows)) => Ok(Self::WorkingHours { windows }),
            ("whole_days", Some(_)) => Err("counting mode whole_days takes no windows".into()),
            ("working_hours", None) => Err("counting mode working_hours needs windows".into()),
            (other, _) => Err(format!(
                "unknown counting mode `{other}` (whole_days, working_hours)"
            )),
        }
    }
}

fn default_weekdays() -> Vec<Weekday> {
    vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
}

/// Everything a [`BusinessCalendar`](super::BusinessCalendar) is made from. The default is
/// Vietnam's: Monday–Friday, whole working days, the statutory holidays of
/// [`default_rules`](super::holidays::default_rules), days in lieu on, the built-in
/// announced schedules on, no host overrides.
///
/// Precedence, per date: host overrides (`extra_days_off`, `extra_working_days`) > the
/// announced schedule of that year ([`announced`](super::announced), when
/// `announced_schedules`) > the rules and the weekly pattern.
///
/// ```
/// use quytrinh::calendar::CalendarConfig;
/// let config: CalendarConfig = serde_json::from_str("{}").unwrap();
/// assert_eq!(config, CalendarConfig::default());
/// assert!(config.announced_schedules);
/// // An employer with its own Tết schedule turns the built-in ones off:
/// let own: CalendarConfig = serde_json::from_str(r#"{"announced_schedules": false}"#).unwrap();
/// assert!(!own.announced_schedules);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CalendarConfig {
    /// Working weekdays (`"Mon"` … `"Sun"`); default Monday–Friday.
    pub working_weekdays: Vec<Weekday>,
    /// How a working day counts; default whole days.
    pub counting: Counting,
    /// The holiday rules; default the statutory ones. Replaces the whole list when given.
    pub holiday_rules: Vec<HolidayRule>,
    /// Whether a holiday on a weekly day off gives the next working day off; default true.
    pub in_lieu: bool,
    /// Whether the government's announced schedules of civil servants (the real Tết days,
    /// bridge days, swapped Saturdays, [`announced`](super::announced)) replace the rules of
    /// the holidays they name in their years; default true. Turn it off for a calendar of
    /// one's own (e.g. a private employer's Tết schedule). Absent in configurations written
    /// before it existed, where it takes its default.
    pub announced_schedules: bool,
    /// The host's own days off (e.g. an employer's bridge day). Win over everything else.
    pub extra_days_off: Vec<NaiveDate>,
    /// The host's own working days (e.g. a Saturday worked in exchange). Win over everything
    /// else: the announcements, the rules and the weekly pattern.
    pub extra_working_days: Vec<NaiveDate>,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        Self {
            working_weekdays: default_weekdays(),
            counting: Counting::WholeDays,
            holiday_rules: default_rules(),
            in_lieu: true,
            announced_schedules: true,
            extra_days_off: Vec::new(),
            extra_working_days: Vec::new(),
        }
    }
}

impl CalendarConfig {
    /// Checks the configuration; [`BusinessCalendar::new`](super::BusinessCalendar::new) calls
    /// this.
    ///
    /// ```
    /// use quytrinh::calendar::CalendarConfig;
    /// let config = CalendarConfig { working_weekdays: vec![], ..CalendarConfig::default() };
    /// assert_eq!(config.validate().unwrap_err().code(), "invalid_config");
    /// ```
    pub fn validate(&self) -> Result<(), CalendarError> {
        let invalid = |reason: String| Err(CalendarError::InvalidConfig { reason });
        if self.working_weekdays.is_empty() {
            return invalid("working_weekdays is empty".into());
        }
        let windows = self.counting.windows();
        if windows.is_empty() {
            return invalid("counting.windows is empty".into());
        }
        let mut previous_end = 0;
        for w in &windows {
            if w.start >= w.end || w.start.0 < previous_end {
                return invalid(format!(
                    "working window {}–{} is empty, or overlaps or precedes the previous one",
                    w.start, w.end
                ));
            }
            previous_end = w.end.0;
        }
        for r in &self.holiday_rules {
            r.validate().or_else(invalid)?;
        }
        let range = super::lunar::FIRST_DATE..=super::lunar::LAST_DATE;
        for d in self.extra_days_off.iter().chain(&self.extra_working_days) {
            if !range.contains(d) {
                return invalid(format!("override date {d} is outside 1900–2199"));
            }
        }
        if let Some(d) = self
            .extra_days_off
            .iter()
            .find(|d| self.extra_working_days.contains(d))
        {
            return invalid(format!(
                "{d} is both an extra day off and an extra working day"
            ));
        }
        Ok(())
    }
}
